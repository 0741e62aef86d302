package org.tongban.gateway.outbox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.crypto.KeyEntry;
import org.tongban.contracts.crypto.TrustStore;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.Tx;
import org.tongban.gateway.testing.MutableClock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves the outbox never blocks the event loop: on a single event loop shared with the peer,
 * with Vert.x's blocked-thread checker set to a few tens of milliseconds (shown to work first),
 * and with guards that record any store call or receipt signature check made on an event loop.
 */
class OutboxEventLoopTest {
    private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";

    @TempDir
    Path tmp;

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> blocked = new ListAppender<>();
    private Vertx vertx;
    private NorthNode north;
    private FakePeer east;
    private PeerClient client;
    private OutboxWorker worker;

    @BeforeEach
    void singleEventLoop() throws Exception {
        // 200 ms, not less: on a busy build machine a loop that merely waits for the CPU is reported
        // too; store and signature work on the loop are caught exactly by the guards below
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
                .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(200).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        blocked.start();
        ((Logger) LoggerFactory.getLogger(CHECKER)).addAppender(blocked);
        north = new NorthNode(tmp, new MutableClock());
        east = new FakePeer(vertx, north.directory, north.clock).listen(0).await(10, TimeUnit.SECONDS);
        north.publishEast(east.url());
        client = new PeerClient(vertx, north.directory, new WebClientOptions());
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(CHECKER)).detachAppender(blocked);
        if (worker != null) {
            worker.stop(Duration.ofSeconds(5)).await(10, TimeUnit.SECONDS);
        }
        client.close();
        east.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        north.close();
    }

    @Test
    void deliveries_run_their_store_work_and_signature_checks_off_the_event_loop() {
        // the detector works: a loop blocked on purpose is reported
        vertx.runOnContext(v -> spin(Duration.ofMillis(500)));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !blocked.list.isEmpty());

        worker = north.worker(vertx, new GuardedStore(north.jdbc), NorthNode.outbox(s -> s), new GuardedPeers(client),
                (record, envelope, leg) -> Future.failedFuture(new AssertionError("no platform here")));
        worker.start();
        // first use loads classes and opens the pool's connections on the loop; not what is measured
        CaseView warmUp = north.fileCase(10);
        awaitDelivered(warmUp);
        blocked.list.clear();

        CaseView measured = north.fileCase(20);
        worker.poke();
        awaitDelivered(measured);

        assertThat(blocked.list).extracting(OutboxEventLoopTest::withStack).isEmpty();
        assertThat(violations).isEmpty();
    }

    private void awaitDelivered(CaseView c) {
        await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10)).until(() -> c.legs().stream()
                .allMatch(l -> north.outboxOf(l.legId()).status() == OutboxStatus.DELIVERED));
    }

    private static String withStack(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
            var frames = e.getThrowableProxy().getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, 20); i++) {
                b.append("\n  ").append(frames[i].getSTEAsString());
            }
        }
        return b.toString();
    }

    private static void spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private void guard(String what) {
        if (Context.isOnEventLoopThread()) {
            violations.add(what + " on " + Thread.currentThread().getName());
        }
    }

    /** The real store, noting any call made from an event loop. */
    private final class GuardedStore implements Store {
        private final Store store;

        GuardedStore(Store store) {
            this.store = store;
        }

        @Override
        public <T> T inTransaction(Function<Tx, T> work) {
            guard("store transaction");
            return store.inTransaction(work);
        }

        @Override
        public <T> T read(Function<Tx, T> work) {
            guard("store read");
            return store.read(work);
        }

        @Override
        public String kind() {
            return store.kind();
        }

        @Override
        public boolean isHealthy() {
            guard("store health");
            return store.isHealthy();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** The real client, whose trust store notes key look-ups (signature checks) made from an event loop. */
    private final class GuardedPeers implements PeerTransport {
        private final PeerTransport peers;

        GuardedPeers(PeerTransport peers) {
            this.peers = peers;
        }

        @Override
        public Future<byte[]> deliver(String nodeId, byte[] envelope) {
            return peers.deliver(nodeId, envelope);
        }

        @Override
        public TrustStore trustStore() {
            TrustStore trust = peers.trustStore();
            return new TrustStore() {
                @Override
                public Optional<KeyEntry> key(String keyId) {
                    guard("receipt signature check");
                    return trust.key(keyId);
                }

                @Override
                public boolean isMember(MemberId member) {
                    guard("receipt membership check");
                    return trust.isMember(member);
                }
            };
        }
    }
}
