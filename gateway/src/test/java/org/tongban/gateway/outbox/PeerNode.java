package org.tongban.gateway.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.federation.FederationApi;
import org.tongban.gateway.federation.InboundEffects;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.federation.ReceiptFactory;
import org.tongban.gateway.inbound.InboundPipeline;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.routing.Routes;
import org.tongban.gateway.sharing.ReceivedNotices;
import org.tongban.ops.rules.EligibilityRules;
import org.tongban.ops.rules.RuleBook;
import org.tongban.gateway.store.GroupCommitter;
import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.store.jdbc.JdbcStore;
import org.tongban.gateway.tls.NodeTls;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real peer node "east" hosting Hangzhou: the production federation API and inbound pipeline
 * on their own store, over mutual TLS when given a TLS identity. What north's outbox sends here
 * is verified, stored and receipted exactly as in a deployed federation.
 */
final class PeerNode implements AutoCloseable {
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final JdbcStore store;
    private final GroupCommitter committer;
    private final FederationApi api;
    private final NodeTls tls;
    private HttpServer server;

    PeerNode(Vertx vertx, Path dir, DirectoryHolder directory, Clock clock, NodeTls tls) {
        this.vertx = vertx;
        this.tls = tls;
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
        HostedMembers hosted = new HostedMembers(Map.of(TestDirectory.HANGZHOU,
                List.of(TestKeys.member(TestDirectory.HANGZHOU.value(), SignatureAlgorithm.ED25519))), clock);
        this.store = JdbcStore.embedded(dir.resolve("east.db"), 4);
        this.committer = new GroupCommitter(store, 1, 64);
        Ids ids = new Ids(clock, new SecureRandom());
        MessageFactory messages = new MessageFactory(hosted, ids, clock, Duration.ofDays(7));
        LegTransitions transitions = new LegTransitions(clock, metrics);
        Dispatcher dispatcher = new Dispatcher(new Routes(hosted, directory), clock);
        ReceiptFactory receipts = new ReceiptFactory(messages);
        InboundEffects effects = new InboundEffects(transitions, messages, dispatcher, hosted,
                new ReceivedNotices(new EligibilityRules(RuleBook.shipped()), ids, metrics), clock);
        InboundPipeline pipeline = new InboundPipeline(directory, hosted, receipts, effects, committer, metrics, clock,
                MAX_BYTES, Duration.ofMinutes(5), Duration.ofDays(7));
        this.api = new FederationApi(vertx, pipeline, metrics, MAX_BYTES, tls);
    }

    Future<PeerNode> listen() {
        return listen(0);
    }

    /** Listens on {@code port} (0: any free port). */
    Future<PeerNode> listen(int port) {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port);
        return vertx.createHttpServer(tls == null ? options : tls.server(options)).requestHandler(api.router()).listen()
                .map(s -> {
                    server = s;
                    return this;
                });
    }

    String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.actualPort();
    }

    Optional<InboxRecord> inbox(MessageId id) {
        return store.read(tx -> tx.inbox(id));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().await();
        }
        committer.close(5_000);
        store.close();
    }
}
