package org.tongban.gateway.outbox;

import org.tongban.gateway.store.CanonicalJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.StatusQuery;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.store.AuditEntry;
import org.tongban.gateway.store.DeadLetterFilter;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.ops.metrics.MetricNames;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tongban.gateway.outbox.FakePeer.Answer;
import static org.tongban.gateway.outbox.FakePeer.BadReceipt;
import static org.tongban.gateway.outbox.FakePeer.Gated;
import static org.tongban.gateway.outbox.FakePeer.Receipted;

/**
 * The outbox against a scripted in-process peer over HTTP, with the node's clock under the
 * test's control: every wait and every attempt is exact.
 */
class OutboxWorkerTest {
    private static final String EAST = "node:east";

    @TempDir
    Path tmp;

    private Vertx vertx;
    private MutableClock clock;
    private NorthNode north;
    private FakePeer east;
    private PeerClient client;
    private OutboxWorker worker;

    @BeforeEach
    void federation() throws Exception {
        vertx = Vertx.vertx();
        clock = new MutableClock();
        north = new NorthNode(tmp, clock);
        east = new FakePeer(vertx, north.directory, clock).listen(0).await(10, TimeUnit.SECONDS);
        north.publishEast(east.url());
        client = new PeerClient(vertx, north.directory, new WebClientOptions());
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(5)).await(10, TimeUnit.SECONDS);
        }
        client.close();
        east.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        north.close();
    }

    private OutboxWorker start(NodeConfig.Outbox cfg) {
        worker = north.worker(vertx, cfg, client);
        worker.start();
        return worker;
    }

    private static ConditionFactory eventually() {
        return await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5));
    }

    /** Waits until failed attempt {@code n} of the leg's message is stored, and returns the row. */
    private OutboxRecord afterFailedAttempt(LegId leg, int n) {
        eventually().until(() -> {
            OutboxRecord r = north.outboxOf(leg);
            return r.attempts() == n && r.status() == OutboxStatus.PENDING;
        });
        return north.outboxOf(leg);
    }

    private OutboxRecord delivered(LegId leg) {
        eventually().until(() -> north.outboxOf(leg).status() == OutboxStatus.DELIVERED);
        return north.outboxOf(leg);
    }

    private List<EventKind> kinds(CaseView c) {
        return north.timeline(c).stream().map(LegEvent::kind).toList();
    }

    private double counter(String name, String tag, String value) {
        var c = north.registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Nested
    class Delivery {
        @Test
        void a_signed_receipt_marks_the_message_delivered_and_the_leg_received() {
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            assertThat(north.leg(leg).state()).isEqualTo(LegState.FORWARDED);

            start(NorthNode.outbox(s -> s));

            OutboxRecord r = delivered(leg);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.receipt()).contains("\"receivedMessageId\":\"" + r.messageId() + "\"")
                    .contains("\"from\":\"" + TestDirectory.HANGZHOU + "\"");
            assertThat(north.leg(leg).state()).isEqualTo(LegState.RECEIVED);
            assertThat(kinds(c)).contains(EventKind.RECEIPT_RECEIVED);
            assertThat(east.requests()).extracting(FakePeer.Request::messageId).containsExactly(r.messageId().toString());
            // counted once the outcome is stored, so a moment after the row reads DELIVERED
            eventually().until(() -> counter(MetricNames.MESSAGES_OUT, "outcome", "delivered") == 1);
        }

        @Test
        void nothing_goes_out_on_a_directory_past_its_validity() {
            LegId leg = north.fileCase(1).legs().get(0).legId();
            clock.set(north.directory.directory().validUntil().toInstant().plusSeconds(1));
            start(NorthNode.outbox(s -> s.maxAge(Duration.ofDays(3650))));

            OutboxRecord r = afterFailedAttempt(leg, 1);
            assertThat(r.lastError()).contains("expired");
            assertThat(east.count()).isZero();
        }

        @Test
        void a_receipt_naming_another_hash_is_retried_and_the_leg_waits_for_a_good_one() {
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            east.script(new BadReceipt());
            start(NorthNode.outbox(s -> s));

            OutboxRecord first = afterFailedAttempt(leg, 1);
            assertThat(first.lastErrorKey()).isEqualTo(DeliveryFailures.BAD_RECEIPT);
            assertThat(first.lastError()).contains("names SHA-256 " + "0".repeat(64));
            assertThat(north.leg(leg).state()).isEqualTo(LegState.FORWARDED);

            clock.set(first.nextAttemptAt());
            worker.poke();

            OutboxRecord r = delivered(leg);
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(north.leg(leg).state()).isEqualTo(LegState.RECEIVED);
        }
    }

    @Nested
    class Retries {
        @Test
        void a_scripted_failure_sequence_gives_exactly_the_expected_attempts_and_waits() throws Exception {
            LegId leg = north.fileCase(1).legs().get(0).legId();
            FullJitter jitter = new FullJitter(new Random(NorthNode.SEED)); // the worker's draws, in order
            east.script(new Answer(503, "SERVICE_UNAVAILABLE", "7"));
            start(NorthNode.outbox(s -> s.backoff(Duration.ofSeconds(1), Duration.ofMinutes(5))));

            // 1: throttled; Retry-After 7 s outweighs the jittered wait of at most 1 s
            Instant t1 = clock.instant();
            OutboxRecord r1 = afterFailedAttempt(leg, 1);
            Duration drawn1 = jitter.below(Duration.ofSeconds(1));
            assertThat(drawn1).isLessThan(Duration.ofSeconds(7));
            assertThat(r1.lastErrorKey()).isEqualTo("throttled");
            assertThat(r1.nextAttemptAt()).isEqualTo(t1.plusSeconds(7));

            // 2: nobody listens: connection refused; wait drawn from [0, 2 s]
            int port = east.port();
            east.close().await(10, TimeUnit.SECONDS);
            clock.set(r1.nextAttemptAt());
            worker.poke();
            OutboxRecord r2 = afterFailedAttempt(leg, 2);
            assertThat(r2.lastErrorKey()).isEqualTo("connection");
            assertThat(r2.nextAttemptAt()).isEqualTo(r1.nextAttemptAt().plus(jitter.below(Duration.ofSeconds(2))));

            // 3: the peer is back but fails; wait drawn from [0, 4 s]
            east = new FakePeer(vertx, north.directory, clock).script(new Answer(500, "INTERNAL_ERROR", null))
                    .listen(port).await(10, TimeUnit.SECONDS);
            clock.set(r2.nextAttemptAt());
            worker.poke();
            OutboxRecord r3 = afterFailedAttempt(leg, 3);
            assertThat(r3.lastErrorKey()).isEqualTo("http_5xx");
            assertThat(r3.nextAttemptAt()).isEqualTo(r2.nextAttemptAt().plus(jitter.below(Duration.ofSeconds(4))));

            // 4: receipted
            clock.set(r3.nextAttemptAt().minusMillis(1));
            worker.poke();
            await().during(Duration.ofMillis(150)).atMost(2, TimeUnit.SECONDS)
                    .until(() -> north.outboxOf(leg).attempts() == 3);
            clock.set(r3.nextAttemptAt());
            worker.poke();
            OutboxRecord r4 = delivered(leg);
            assertThat(r4.attempts()).isEqualTo(4);
            assertThat(east.count()).isEqualTo(2);
            assertThat(north.leg(leg).state()).isEqualTo(LegState.RECEIVED);
        }

        @Test
        void a_permanent_refusal_is_a_dead_letter_at_once() {
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            east.script(new Answer(409, "TRANSITION_NOT_ALLOWED", null));
            start(NorthNode.outbox(s -> s));

            eventually().until(() -> north.outboxOf(leg).status() == OutboxStatus.DEAD);

            OutboxRecord r = north.outboxOf(leg);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastErrorKey()).isEqualTo("http_4xx");
            assertThat(r.lastError()).contains("409").contains("TRANSITION_NOT_ALLOWED");
            assertThat(kinds(c)).contains(EventKind.DEAD_LETTERED);
            assertThat(worker.deadLetters().list(new DeadLetterFilter(EAST, 10))).extracting(OutboxRecord::seq)
                    .containsExactly(r.seq());
            eventually().until(() -> counter(MetricNames.DEAD_LETTERED, "reason", "http_4xx") == 1);
            assertThat(east.count()).isEqualTo(1);
        }

        @Test
        void a_member_moving_between_nodes_is_retried() {
            LegId leg = north.fileCase(1).legs().get(0).legId();
            east.script(new Answer(421, "MEMBER_NOT_HOSTED", null));
            start(NorthNode.outbox(s -> s));

            assertThat(afterFailedAttempt(leg, 1).lastErrorKey()).isEqualTo("misdirected");
        }

        @Test
        void a_failure_after_the_maximum_age_is_a_dead_letter() {
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            Promise<Void> gate = Promise.promise();
            east.script(new Gated(gate.future(), new Answer(500, "INTERNAL_ERROR", null)));
            // a lease longer than the jump of the clock: the attempt stays this process's
            start(NorthNode.outbox(s -> s.maxAge(Duration.ofHours(1)).lease(Duration.ofHours(3))));

            eventually().until(() -> east.count() == 1);
            clock.advance(Duration.ofHours(2)); // the attempt under way outlives the message
            gate.complete();

            eventually().until(() -> north.outboxOf(leg).status() == OutboxStatus.DEAD);
            OutboxRecord r = north.outboxOf(leg);
            assertThat(r.lastErrorKey()).isEqualTo(DeliveryFailures.MAX_AGE);
            assertThat(r.lastError()).contains("http_5xx");
            assertThat(kinds(c)).contains(EventKind.DEAD_LETTERED);
        }

        @Test
        void a_message_waiting_past_the_maximum_age_is_expired_without_another_attempt() {
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            east.script(new Answer(503, "SERVICE_UNAVAILABLE", "10800"));
            start(NorthNode.outbox(s -> s.maxAge(Duration.ofHours(1))));
            afterFailedAttempt(leg, 1);

            clock.advance(Duration.ofMinutes(61));
            worker.poke();

            eventually().until(() -> north.outboxOf(leg).status() == OutboxStatus.DEAD);
            assertThat(north.outboxOf(leg).lastErrorKey()).isEqualTo(DeliveryFailures.MAX_AGE);
            assertThat(kinds(c)).contains(EventKind.DEAD_LETTERED);
            assertThat(east.count()).isEqualTo(1);
        }
    }

    @Nested
    class DeadLetters {
        @Test
        void a_redriven_dead_letter_is_delivered_and_the_redrive_is_audited() {
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            east.script(new Answer(409, "TRANSITION_NOT_ALLOWED", null));
            start(NorthNode.outbox(s -> s));
            eventually().until(() -> north.outboxOf(leg).status() == OutboxStatus.DEAD);
            OutboxRecord dead = north.outboxOf(leg);

            assertThat(worker.deadLetters().redrive(dead.seq(), "ops:li")).isTrue();

            OutboxRecord r = delivered(leg);
            assertThat(r.envelope()).isEqualTo(dead.envelope()); // still valid: not re-signed
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(north.leg(leg).state()).isEqualTo(LegState.RECEIVED);
            assertThat(kinds(c)).contains(EventKind.REDRIVEN);
            List<AuditEntry> audit = north.jdbc.read(tx -> tx.auditLog(0, 100));
            assertThat(audit).anySatisfy(a -> {
                assertThat(a.action()).isEqualTo("outbox.redrive");
                assertThat(a.actor()).isEqualTo("ops:li");
                assertThat(a.subject()).isEqualTo("outbox:" + dead.seq());
            });
            assertThat(worker.deadLetters().redrive(dead.seq(), "ops:li")).isFalse();
        }

        @Test
        void an_expired_envelope_is_signed_anew_under_the_same_message_id() {
            LegId leg = north.fileCase(1).legs().get(0).legId();
            east.script(new Answer(409, "TRANSITION_NOT_ALLOWED", null));
            start(NorthNode.outbox(s -> s));
            eventually().until(() -> north.outboxOf(leg).status() == OutboxStatus.DEAD);
            OutboxRecord dead = north.outboxOf(leg);

            clock.advance(Duration.ofDays(8)); // past the 7-day lifetime
            assertThat(worker.deadLetters().redriveAll(EAST, "ops:li")).isEqualTo(1);

            OutboxRecord r = delivered(leg);
            Envelope before = read(dead.envelope().text());
            Envelope after = read(r.envelope().text());
            assertThat(after.messageId()).isEqualTo(before.messageId());
            assertThat(after.sentAt().toInstant()).isEqualTo(clock.instant());
            assertThat(after.payload()).isEqualTo(before.payload());
            assertThat(north.leg(leg).state()).isEqualTo(LegState.RECEIVED);
        }

        @Test
        void a_re_signed_message_the_peer_already_had_is_delivered_on_the_peers_original_receipt() {
            LegId leg = north.fileCase(1).legs().get(0).legId();
            // east stores the first signing but the answer is lost; the retry is refused for good
            east.script(new FakePeer.StoreThenDrop(), new Answer(409, "TRANSITION_NOT_ALLOWED", null));
            start(NorthNode.outbox(s -> s));
            OutboxRecord first = afterFailedAttempt(leg, 1);
            clock.set(first.nextAttemptAt());
            worker.poke();
            eventually().until(() -> north.outboxOf(leg).status() == OutboxStatus.DEAD);
            CanonicalJson firstSigning = north.outboxOf(leg).envelope();

            clock.advance(Duration.ofDays(8)); // past the 7-day lifetime: the re-drive signs anew
            assertThat(worker.deadLetters().redriveAll(EAST, "ops:li")).isEqualTo(1);

            OutboxRecord r = delivered(leg);
            assertThat(r.envelope()).isNotEqualTo(firstSigning);
            Envelope receipt = read(r.receipt());
            assertThat(((org.tongban.contracts.message.Receipt) receipt.payload()).receivedSha256())
                    .isEqualTo(org.tongban.contracts.crypto.Digests.sha256Hex(firstSigning.utf8()));
            assertThat(north.leg(leg).state()).isEqualTo(LegState.RECEIVED);
        }

        private Envelope read(String json) {
            return Envelope.read(StrictJson.defaults().parse(json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Nested
    class OrderAndConcurrency {
        @Test
        void the_second_message_of_a_leg_waits_until_the_first_is_delivered() {
            CaseView c = north.fileCase(1);
            LegId leg = c.legs().get(0).legId();
            Envelope query = north.messages.create(TestDirectory.HARBIN, TestDirectory.HANGZHOU, c.record().caseId(), leg,
                    null, new StatusQuery(true));
            north.jdbc.inTransaction(tx -> {
                north.dispatcher.send(tx, query);
                return null;
            });
            east.script(new Answer(500, "INTERNAL_ERROR", null), new Answer(502, "BAD_GATEWAY", null),
                    new Answer(500, "INTERNAL_ERROR", null));
            clock.startTicking();
            start(NorthNode.outbox(s -> s.backoff(Duration.ofMillis(5), Duration.ofMillis(20))));

            eventually().until(() -> north.outboxRows(leg).stream().allMatch(r -> r.status() == OutboxStatus.DELIVERED));

            List<OutboxRecord> rows = north.outboxRows(leg);
            String application = rows.get(0).messageId().toString();
            assertThat(east.requests()).extracting(FakePeer.Request::messageId)
                    .containsExactly(application, application, application, application, query.messageId().toString());
        }

        @Test
        void deliveries_to_one_destination_never_exceed_its_concurrency() {
            CaseView c = north.fileCase(8);
            east.otherwise(new Receipted(Duration.ofMillis(80)));
            start(NorthNode.outbox(s -> s.concurrency(2)));

            eventually().until(() -> c.legs().stream()
                    .allMatch(l -> north.outboxOf(l.legId()).status() == OutboxStatus.DELIVERED));

            assertThat(east.count()).isEqualTo(8);
            assertThat(east.maxOpen()).isEqualTo(2);
        }

        @Test
        void new_rows_beyond_a_claims_worth_per_destination_wait_in_the_store_and_are_all_delivered_once() {
            east.otherwise(new Receipted(Duration.ofMillis(5)));
            OutboxWorker w = start(NorthNode.outbox(s -> s.concurrency(1))); // a claim's worth: 64
            OutboxHints hints = new OutboxHints();
            hints.bind(w.owner(), Duration.ofSeconds(60), clock, w::enqueued);
            north.dispatcher.bindHints(hints);

            List<CaseView> cases = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                cases.add(north.fileCase(30)); // 150 rows queued born claimed, faster than one lane delivers
            }

            eventually().atMost(60, TimeUnit.SECONDS).until(() -> cases.stream().flatMap(c -> c.legs().stream())
                    .allMatch(l -> north.outboxOf(l.legId()).status() == OutboxStatus.DELIVERED));
            assertThat(north.registry.find(MetricNames.OUTBOX_GIVEN_BACK).counter()).isNotNull()
                    .extracting(c -> c.count()).asInstanceOf(InstanceOfAssertFactories.DOUBLE).isPositive();
            assertThat(east.count()).isEqualTo(150);
            assertThat(east.requests()).extracting(FakePeer.Request::messageId).doesNotHaveDuplicates();
            assertThat(east.maxOpen()).isEqualTo(1);
        }
    }

    @Nested
    class Circuit {
        @Test
        void opens_after_n_failures_stops_calls_and_lets_one_trial_through_when_half_open() {
            CaseView c = north.fileCase(5);
            east.otherwise(new Answer(503, "SERVICE_UNAVAILABLE", null));
            start(NorthNode.outbox(s -> s.concurrency(1).breaker(3, Duration.ofSeconds(60))));

            eventually().until(() -> east.count() == 3 && north.circuit(EAST) == 1);
            quietFor(3);
            assertThat(c.legs()).allSatisfy(l -> assertThat(north.outboxOf(l.legId()).status())
                    .isEqualTo(OutboxStatus.PENDING));

            clock.advance(Duration.ofSeconds(30)); // retries are due, the circuit is not
            worker.poke();
            quietFor(3);

            clock.advance(Duration.ofSeconds(30)); // half-open: exactly one trial, which fails
            worker.poke();
            eventually().until(() -> east.count() == 4);
            quietFor(4);
            assertThat(north.circuit(EAST)).isEqualTo(1);

            east.otherwise(new Receipted(Duration.ZERO));
            clock.advance(Duration.ofSeconds(60)); // the next trial succeeds and closes the circuit
            worker.poke();
            eventually().until(() -> c.legs().stream()
                    .allMatch(l -> north.outboxOf(l.legId()).status() == OutboxStatus.DELIVERED));
            assertThat(east.count()).isEqualTo(9);
            assertThat(north.circuit(EAST)).isZero();
        }

        private void quietFor(int calls) {
            await().during(Duration.ofMillis(250)).atMost(2, TimeUnit.SECONDS).until(() -> east.count() == calls);
        }
    }

    @Nested
    class Stopping {
        @Test
        void waits_for_the_delivery_under_way_and_stores_its_outcome() throws Exception {
            LegId leg = north.fileCase(1).legs().get(0).legId();
            Promise<Void> gate = Promise.promise();
            east.script(new Gated(gate.future(), new Receipted(Duration.ZERO)));
            start(NorthNode.outbox(s -> s));
            eventually().until(() -> east.count() == 1);

            Future<Void> stopped = worker.stop(Duration.ofSeconds(10));
            await().during(Duration.ofMillis(150)).atMost(2, TimeUnit.SECONDS).until(() -> !stopped.isComplete());
            gate.complete();

            stopped.await(10, TimeUnit.SECONDS);
            assertThat(north.outboxOf(leg).status()).isEqualTo(OutboxStatus.DELIVERED);
        }

        @Test
        void leaves_a_delivery_outlasting_the_grace_to_its_lease() throws Exception {
            LegId leg = north.fileCase(1).legs().get(0).legId();
            Promise<Void> gate = Promise.promise();
            east.script(new Gated(gate.future(), new Receipted(Duration.ZERO)));
            start(NorthNode.outbox(s -> s));
            eventually().until(() -> east.count() == 1);

            worker.stop(Duration.ofMillis(100)).await(10, TimeUnit.SECONDS);

            LegRecord l = north.leg(leg);
            assertThat(north.outboxOf(leg).status()).isEqualTo(OutboxStatus.IN_FLIGHT);
            assertThat(l.state()).isEqualTo(LegState.FORWARDED);
            gate.complete();
        }
    }
}
