package org.tongban.gateway.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.federation.FederationApi;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.SignedDirectory;
import org.tongban.gateway.tls.NodeTls;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mutual TLS between two real nodes in one process: north's {@link PeerClient} and east's
 * {@link FederationApi}, each trusting the other by the fingerprints the signed directory pins.
 */
class PeerClientTlsTest {
    @TempDir
    Path tmp;

    private Vertx vertx;
    private MutableClock clock;
    private NorthNode north;
    private NodeTls.Generated northCert;
    private NodeTls.Generated eastCert;
    private NodeTls.Generated intruderCert;
    private PeerNode east;
    private PeerClient client;

    @BeforeEach
    void federation() {
        vertx = Vertx.vertx();
        clock = new MutableClock();
        north = new NorthNode(tmp, clock);
        northCert = NodeTls.generate("north", tmp.resolve("north.crt.pem"), tmp.resolve("north.key.pem"));
        eastCert = NodeTls.generate("east", tmp.resolve("east.crt.pem"), tmp.resolve("east.key.pem"));
        intruderCert = NodeTls.generate("east", tmp.resolve("intruder.crt.pem"), tmp.resolve("intruder.key.pem"));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (east != null) {
            east.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
        north.close();
    }

    private NodeTls identity(NodeTls.Generated cert) {
        return NodeTls.load(new NodeConfig.Tls(cert.certificate(), cert.privateKey()), north.directory);
    }

    /** East listening with {@code served}'s certificate; the directory pins north and east's real certificate. */
    private void eastServing(NodeTls.Generated served) throws Exception {
        east = new PeerNode(vertx, tmp, north.directory, clock, identity(served)).listen().await(10, TimeUnit.SECONDS);
        publish(northCert.fingerprint());
    }

    private void publish(String northPin) {
        north.publish(List.of(SignedDirectory.node("north", "https://127.0.0.1:9", northPin),
                SignedDirectory.node("east", east.url(), eastCert.fingerprint()),
                SignedDirectory.node("south", "https://127.0.0.1:9")));
    }

    private PeerClient clientAs(NodeTls.Generated cert, int connections) {
        client = new PeerClient(vertx, north.directory, identity(cert).client(new WebClientOptions()),
                new PoolOptions().setHttp1MaxSize(connections), Clock.systemUTC());
        return client;
    }

    private byte[] application() {
        Envelope e = north.messages.create(TestDirectory.HARBIN, TestDirectory.HANGZHOU, north.messages.ids().newCaseId(),
                north.messages.ids().newLegId(), null, SampleMessages.repairApplication());
        return e.canonicalBytes();
    }

    private static Throwable failureOf(Future<?> f) {
        await().atMost(10, TimeUnit.SECONDS).until(f::isComplete);
        assertThat(f.failed()).as("the delivery should have failed").isTrue();
        return f.cause();
    }

    @Nested
    class PinnedPeers {
        @Test
        void deliver_over_mutual_tls_and_the_receipt_makes_the_leg_received() throws Exception {
            eastServing(eastCert);
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            OutboxWorker worker = north.worker(vertx, NorthNode.outbox(s -> s), clientAs(northCert, 4));
            worker.start();
            try {
                await().atMost(10, TimeUnit.SECONDS).until(() -> north.outboxOf(leg).status() == OutboxStatus.DELIVERED);
            } finally {
                worker.stop(Duration.ofSeconds(5)).await(10, TimeUnit.SECONDS);
            }
            assertThat(north.leg(leg).state()).isEqualTo(LegState.RECEIVED);
            assertThat(east.inbox(north.outboxOf(leg).messageId())).isPresent();
        }

        @Test
        void a_peer_whose_directory_expired_answers_503_and_the_delivery_is_retried() throws Exception {
            MutableClock eastClock = new MutableClock(clock.instant());
            east = new PeerNode(vertx, tmp, north.directory, clock, identity(eastCert)).listen().await(10, TimeUnit.SECONDS);
            publish(northCert.fingerprint());
            DirectoryHolder eastDirectory = new DirectoryHolder(north.directoryFile, TestKeys.anchor(), eastClock);
            int port = java.net.URI.create(east.url()).getPort();
            east.close();
            east = new PeerNode(vertx, tmp, eastDirectory, eastClock, identity(eastCert)).listen(port)
                    .await(10, TimeUnit.SECONDS);
            eastClock.set(eastDirectory.directory().validUntil().toInstant().plusSeconds(1));
            clientAs(northCert, 1);

            Throwable t = failureOf(client.deliver("east", application()));
            assertThat(t).isInstanceOf(PlatformException.class);
            assertThat(((PlatformException) t).status()).isEqualTo(503);
            assertThat(((PlatformException) t).partnerCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(DeliveryFailures.classify(t).retryable()).isTrue();
        }

        @Test
        void a_node_dropped_from_the_directory_is_refused_on_the_connection_it_already_has() throws Exception {
            eastServing(eastCert);
            clientAs(northCert, 1); // one connection: the second request reuses the first one's handshake
            assertThat(client.deliver("east", application()).await(10, TimeUnit.SECONDS)).isNotEmpty();

            publish(intruderCert.fingerprint()); // north's certificate is no longer pinned

            Throwable t = failureOf(client.deliver("east", application()));
            assertThat(t).isInstanceOf(PlatformException.class);
            assertThat(((PlatformException) t).status()).isEqualTo(403);
            assertThat(((PlatformException) t).partnerCode()).isEqualTo("CLIENT_CERTIFICATE_UNKNOWN");
            assertThat(DeliveryFailures.classify(t).retryable()).isFalse();
        }
    }

    @Nested
    class Refusals {
        @Test
        void a_client_whose_certificate_is_not_pinned_is_refused_at_the_handshake() throws Exception {
            eastServing(eastCert);
            byte[] envelope = application();

            Throwable t = failureOf(clientAs(intruderCert, 1).deliver("east", envelope));

            assertThat(DeliveryFailures.classify(t).key()).isIn("tls", "connection");
            assertThat(east.inbox(Envelope.read(org.tongban.contracts.json.StrictJson.defaults().parse(envelope))
                    .messageId())).isEmpty();
        }

        @Test
        void a_client_without_a_certificate_is_refused() throws Exception {
            eastServing(eastCert);
            WebClient anonymous = WebClient.create(vertx, new WebClientOptions().setTrustAll(true).setVerifyHost(false));
            try {
                Throwable t = failureOf(anonymous.postAbs(east.url() + FederationApi.MESSAGES_PATH)
                        .putHeader("Content-Type", "application/json").sendBuffer(io.vertx.core.buffer.Buffer.buffer(application())));
                assertThat(DeliveryFailures.classify(t).key()).isIn("tls", "connection");
            } finally {
                anonymous.close();
            }
        }

        @Test
        void a_server_certificate_that_is_not_pinned_makes_the_client_fail_with_a_tls_failure() throws Exception {
            eastServing(intruderCert); // east answers with a certificate the directory does not pin

            Throwable t = failureOf(clientAs(northCert, 1).deliver("east", application()));

            Failure f = DeliveryFailures.classify(t);
            assertThat(f.key()).isEqualTo("tls");
            assertThat(f.retryable()).isTrue();
        }

        @Test
        void a_node_with_a_tls_identity_does_not_send_over_plain_http() throws Exception {
            eastServing(eastCert);
            north.publish(List.of(SignedDirectory.node("north", "https://127.0.0.1:9", northCert.fingerprint()),
                    SignedDirectory.node("east", east.url().replace("https:", "http:"), eastCert.fingerprint()),
                    SignedDirectory.node("south", "https://127.0.0.1:9")));

            Throwable t = failureOf(clientAs(northCert, 1).deliver("east", application()));

            assertThat(DeliveryFailures.classify(t).key()).isEqualTo("bad_data");
            assertThat(t).hasMessageContaining("plain http");
        }
    }
}
