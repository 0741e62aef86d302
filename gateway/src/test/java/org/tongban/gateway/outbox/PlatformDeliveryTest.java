package org.tongban.gateway.outbox;

import org.tongban.gateway.store.CanonicalJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.failure.PermanentPlatformException;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.testing.MutableClock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Received messages handed to a hosted member's platform through its adapter. */
class PlatformDeliveryTest {
    private static final MemberId HANGZHOU = TestDirectory.HANGZHOU;

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock();
    private final RecordingAdapter adapter = new RecordingAdapter();
    private Vertx vertx;
    private NorthNode node;
    private OutboxWorker worker;

    @BeforeEach
    void node() {
        vertx = Vertx.vertx();
        node = new NorthNode(tmp, clock);
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(5)).await(10, TimeUnit.SECONDS);
        }
        vertx.close().await(10, TimeUnit.SECONDS);
        node.close();
    }

    /** Stores the sample leg (Harbin → Hangzhou) as received here and queues its application for Hangzhou's platform. */
    private OutboxRecord received(Envelope signed) {
        return node.jdbc.inTransaction(tx -> {
            if (tx.findCase(SampleMessages.CASE_ID).isEmpty()) {
                tx.insertCase(new CaseRecord(SampleMessages.CASE_ID, TestDirectory.HARBIN, SampleMessages.HARBIN_FIRM,
                        "哈尔滨龙运物流有限公司", CaseStatus.OPEN, null, null, "member:230100", clock.instant(),
                        clock.instant(), "{}"));
                tx.insertLeg(new LegRecord(SampleMessages.LEG_ID, SampleMessages.CASE_ID, TestDirectory.HARBIN, HANGZHOU,
                        LegState.RECEIVED, SampleMessages.hangzhouPenalty(), null, clock.instant(), clock.instant(), 1));
            }
            long seq = tx.enqueue(OutboxRecord.pending(signed.messageId(), OutboxRecord.platformDestination(HANGZHOU),
                    SampleMessages.LEG_ID.toString(), signed.type(), HANGZHOU, SampleMessages.CASE_ID, SampleMessages.LEG_ID,
                    CanonicalJson.ofUtf8(signed.canonicalBytes()), clock.instant()));
            return tx.outbox(seq).orElseThrow();
        });
    }

    private static Envelope signed(MessageType type) {
        Envelope e = SampleMessages.everyType().get(type);
        return new EnvelopeSigner(TestKeys.member(e.from().value(), SignatureAlgorithm.ED25519).signer()).sign(e);
    }

    private OutboxRecord row(long seq) {
        return node.jdbc.read(tx -> tx.outbox(seq)).orElseThrow();
    }

    @Test
    void an_application_goes_to_the_platform_and_its_reference_is_kept_on_the_leg() {
        OutboxRecord queued = received(signed(MessageType.REPAIR_APPLICATION));
        worker = node.worker(vertx, node.jdbc, NorthNode.outbox(s -> s), deliveredNowhere(),
                new AdapterTransport(Map.of(HANGZHOU, adapter)));
        worker.start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> row(queued.seq()).status() == OutboxStatus.DELIVERED);

        assertThat(row(queued.seq()).receipt()).isEqualTo("HZXY-1");
        assertThat(node.leg(SampleMessages.LEG_ID).platformReference()).isEqualTo("HZXY-1");
        LegRef leg = adapter.calls.get(0).leg();
        assertThat(leg.homeMember()).isEqualTo(TestDirectory.HARBIN);
        assertThat(leg.penalizingMember()).isEqualTo(HANGZHOU);
        List<LegEvent> timeline = node.jdbc.read(tx -> tx.eventsOfCase(SampleMessages.CASE_ID));
        assertThat(timeline).extracting(LegEvent::kind).contains(EventKind.DELIVERED_TO_PLATFORM);
    }

    @Test
    void a_platform_that_is_down_is_retried_like_a_peer() {
        OutboxRecord queued = received(signed(MessageType.REPAIR_APPLICATION));
        adapter.failures.add(new PlatformException(502, null, "gateway of the credit platform is down"));
        worker = node.worker(vertx, node.jdbc, NorthNode.outbox(s -> s), deliveredNowhere(),
                new AdapterTransport(Map.of(HANGZHOU, adapter)));
        worker.start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> row(queued.seq()).attempts() == 1
                && row(queued.seq()).status() == OutboxStatus.PENDING);
        assertThat(row(queued.seq()).lastErrorKey()).isEqualTo("http_5xx");

        clock.set(row(queued.seq()).nextAttemptAt());
        worker.poke();
        await().atMost(10, TimeUnit.SECONDS).until(() -> row(queued.seq()).status() == OutboxStatus.DELIVERED);
    }

    private static PeerTransport deliveredNowhere() {
        return new PeerTransport() {
            @Override
            public Future<byte[]> deliver(String nodeId, byte[] envelope) {
                throw new AssertionError("no peer in this test");
            }

            @Override
            public org.tongban.contracts.crypto.TrustStore trustStore() {
                return TestDirectory.trustStore();
            }
        };
    }

    @Nested
    class ByMessageType {
        private final AdapterTransport transport = new AdapterTransport(Map.of(HANGZHOU, adapter));
        private final LegRef leg = new LegRef(SampleMessages.CASE_ID, SampleMessages.LEG_ID, TestDirectory.HARBIN, HANGZHOU,
                null);

        private OutboxRecord record(MessageType type) {
            Envelope e = signed(type);
            return OutboxRecord.pending(e.messageId(), OutboxRecord.platformDestination(HANGZHOU), "k", type, HANGZHOU,
                    SampleMessages.CASE_ID, SampleMessages.LEG_ID, CanonicalJson.ofUtf8(e.canonicalBytes()),
                    clock.instant());
        }

        @Test
        void an_application_is_submitted_as_an_application() {
            transport.deliver(record(MessageType.REPAIR_APPLICATION), signed(MessageType.REPAIR_APPLICATION), leg);
            assertThat(adapter.calls).extracting(Call::kind).containsExactly("application");
        }

        @Test
        void a_supplement_is_submitted_as_materials() {
            transport.deliver(record(MessageType.MATERIALS_SUPPLEMENT), signed(MessageType.MATERIALS_SUPPLEMENT), leg);
            assertThat(adapter.calls).extracting(Call::kind).containsExactly("materials");
        }

        @Test
        void a_withdrawal_is_submitted_as_a_withdrawal() {
            transport.deliver(record(MessageType.WITHDRAWAL), signed(MessageType.WITHDRAWAL), leg);
            assertThat(adapter.calls).extracting(Call::kind).containsExactly("withdrawal");
        }

        @Test
        void another_type_is_refused_for_good() {
            Future<PlatformReceipt> f = transport.deliver(record(MessageType.STATUS_QUERY), signed(MessageType.STATUS_QUERY), leg);
            assertThat(f.cause()).isInstanceOf(PermanentPlatformException.class);
            assertThat(adapter.calls).isEmpty();
        }

        @Test
        void a_member_without_an_adapter_is_refused_for_good() {
            Future<PlatformReceipt> f = new AdapterTransport(Map.of()).deliver(record(MessageType.REPAIR_APPLICATION), signed(MessageType.REPAIR_APPLICATION), leg);
            assertThat(f.cause()).isInstanceOf(PermanentPlatformException.class).hasMessageContaining("330100");
        }
    }

    private record Call(String kind, LegRef leg) {
    }

    /** A platform that takes everything (after the failures it is given) and remembers what it took. */
    private final class RecordingAdapter implements PlatformAdapter {
        final List<Call> calls = new ArrayList<>();
        final Deque<RuntimeException> failures = new ArrayDeque<>();

        private synchronized Future<PlatformReceipt> take(String kind, LegRef leg) {
            if (!failures.isEmpty()) {
                return Future.failedFuture(failures.poll());
            }
            calls.add(new Call(kind, leg));
            return Future.succeededFuture(new PlatformReceipt("HZXY-" + calls.size(), clock.instant()));
        }

        @Override
        public Future<Void> start(PlatformEventSink sink) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> stop() {
            return Future.succeededFuture();
        }

        @Override
        public Future<PlatformReceipt> submitApplication(LegRef leg, RepairApplication application) {
            return take("application", leg);
        }

        @Override
        public Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement) {
            return take("materials", leg);
        }

        @Override
        public Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal) {
            return take("withdrawal", leg);
        }

        @Override
        public Future<AdapterHealth> health() {
            return Future.failedFuture("not asked in this test");
        }
    }
}
