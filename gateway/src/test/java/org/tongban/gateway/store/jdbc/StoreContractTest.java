package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.SlaClock;
import org.tongban.ops.sla.ClockLimit;
import org.tongban.ops.sla.ClockRun;
import org.tongban.ops.sla.Pause;
import org.tongban.ops.sla.SlaLimit;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.CanonicalJson;
import org.tongban.gateway.store.AuditEntry;
import org.tongban.gateway.store.CaseFilter;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.gateway.store.DeadLetterFilter;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.GroupCommitter;
import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.OutboxStats;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.store.SlaTimer;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.StoreException;
import org.tongban.gateway.store.Tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tongban.gateway.store.jdbc.StoreFixtures.HOME;
import static org.tongban.gateway.store.jdbc.StoreFixtures.OTHER_PEER;
import static org.tongban.gateway.store.jdbc.StoreFixtures.PEER;
import static org.tongban.gateway.store.jdbc.StoreFixtures.PENALIZING;
import static org.tongban.gateway.store.jdbc.StoreFixtures.T0;
import static org.tongban.gateway.store.jdbc.StoreFixtures.aCase;
import static org.tongban.gateway.store.jdbc.StoreFixtures.aLeg;
import static org.tongban.gateway.store.jdbc.StoreFixtures.caseId;
import static org.tongban.gateway.store.jdbc.StoreFixtures.harbinCode;
import static org.tongban.gateway.store.jdbc.StoreFixtures.inbox;
import static org.tongban.gateway.store.jdbc.StoreFixtures.legId;
import static org.tongban.gateway.store.jdbc.StoreFixtures.messageId;
import static org.tongban.gateway.store.jdbc.StoreFixtures.outbox;

/**
 * What every {@link Store} must do, run against the embedded store ({@link EmbeddedStoreTest}) and
 * PostgreSQL ({@link PostgresStoreTest}). Each test gets a new, empty database.
 */
abstract class StoreContractTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String ZERO_HASH = "0".repeat(64);

    /** A database of the kind under test; each {@link #open()} is like one more node process starting on it. */
    protected interface Database {
        JdbcStore open();

        /** A plain connection, configured as the store configures its own. */
        Connection connect() throws SQLException;
    }

    /** A new, empty database (no schema yet). */
    protected abstract Database newDatabase();

    /**
     * The database for one test, holding nothing but what the migrations seed (the store migrates
     * it when opened): a new database, unless a subclass has a faster way to empty one.
     */
    protected Database cleanDatabase() {
        return newDatabase();
    }

    /** {@link Store#kind()} of the store under test. */
    protected abstract String expectedKind();

    /** Returns once {@code waiter} is provably waiting for a row or table lock held by another transaction. */
    protected abstract void awaitBlockedOnLock(Database db, Future<?> waiter) throws Exception;

    protected Database db;
    protected JdbcStore store;
    private ExecutorService threads;

    @BeforeEach
    void openStore() {
        db = cleanDatabase();
        store = db.open();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void closeStore() {
        threads.shutdownNow();
        store.close();
    }

    private <T> T tx(Function<Tx, T> work) {
        return store.inTransaction(work);
    }

    private void run(Consumer<Tx> work) {
        store.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    protected <T> Future<T> inThread(Callable<T> work) {
        return threads.submit(work);
    }

    private long enqueue(OutboxRecord r) {
        return tx(tx -> tx.enqueue(r));
    }

    private List<OutboxRecord> claim(String owner, Instant now, int limit, String... skip) {
        return tx(tx -> tx.claim(owner, now, LEASE, limit, List.of(skip)));
    }

    private OutboxRecord outboxRow(long seq) {
        return store.read((Tx tx) -> tx.outbox(seq)).orElseThrow();
    }

    private static List<Long> seqs(List<OutboxRecord> records) {
        return records.stream().map(OutboxRecord::seq).toList();
    }

    @Test
    void reports_its_kind_and_health() {
        assertThat(store.kind()).isEqualTo(expectedKind());
        assertThat(store.isHealthy()).isTrue();
        store.close();
        assertThat(store.isHealthy()).isFalse();
    }

    @Nested
    class Inbox {
        @Test
        void a_second_insert_of_the_same_message_is_refused_and_the_original_receipt_kept() {
            MessageId id = messageId();
            LegId leg = legId();
            assertThat(tx((Tx tx) -> tx.insertInbox(inbox(id, leg, "{\"receipt\":1}", T0)))).isTrue();
            assertThat(tx((Tx tx) -> tx.insertInbox(inbox(id, leg, "{\"receipt\":2}", T0.plusSeconds(5))))).isFalse();

            InboxRecord stored = store.read((Tx tx) -> tx.inbox(id)).orElseThrow();
            assertThat(stored.receipt()).isEqualTo("{\"receipt\":1}");
            assertThat(stored.receivedAt()).isEqualTo(T0);
            assertThat(stored.from()).isEqualTo(PENALIZING);
        }

        @Test
        void lists_the_messages_of_a_leg_in_arrival_order() {
            LegId leg = legId();
            MessageId late = messageId();
            MessageId early = messageId();
            run(tx -> {
                tx.insertInbox(inbox(late, leg, "{}", T0.plusSeconds(10)));
                tx.insertInbox(inbox(early, leg, "{}", T0));
                tx.insertInbox(inbox(messageId(), legId(), "{}", T0));
            });

            assertThat(store.read((Tx tx) -> tx.inboxOfLeg(leg))).extracting(InboxRecord::messageId).containsExactly(early, late);
            assertThat(store.read((Tx tx) -> tx.inbox(messageId()))).isEmpty();
        }

        @Test
        void an_assumed_insert_of_a_stored_message_fails_its_whole_transaction() {
            MessageId stored = messageId();
            MessageId fresh = messageId();
            run(tx -> tx.insertInbox(inbox(stored, legId(), "{\"receipt\":1}", T0)));

            assertThatThrownBy(() -> run(tx -> {
                tx.assumeChecks();
                assertThat(tx.insertInbox(inbox(fresh, legId(), "{}", T0))).isTrue();
                assertThat(tx.insertInbox(inbox(stored, legId(), "{\"receipt\":2}", T0))).isTrue(); // assumed
            })).isInstanceOf(StoreException.class);

            assertThat(store.read((Tx tx) -> tx.inbox(fresh))).isEmpty();
            assertThat(store.read((Tx tx) -> tx.inbox(stored)).orElseThrow().receipt()).isEqualTo("{\"receipt\":1}");
        }

        @Test
        void an_assumed_insert_knows_a_message_stored_earlier_in_its_transaction() {
            MessageId id = messageId();
            List<Boolean> inserted = tx(tx -> {
                tx.assumeChecks();
                return List.of(tx.insertInbox(inbox(id, legId(), "{\"receipt\":1}", T0)),
                        tx.insertInbox(inbox(id, legId(), "{\"receipt\":2}", T0)));
            });

            assertThat(inserted).containsExactly(true, false);
            assertThat(store.read((Tx tx) -> tx.inbox(id)).orElseThrow().receipt()).isEqualTo("{\"receipt\":1}");
        }

        @Test
        void inside_a_savepoint_nothing_is_assumed() {
            MessageId stored = messageId();
            MessageId fresh = messageId();
            run(tx -> tx.insertInbox(inbox(stored, legId(), "{}", T0)));

            List<Boolean> inserted = tx(tx -> {
                tx.assumeChecks();
                return tx.withSavepoint(() -> List.of(tx.insertInbox(inbox(stored, legId(), "{}", T0)),
                        tx.insertInbox(inbox(fresh, legId(), "{}", T0))));
            });

            assertThat(inserted).containsExactly(false, true);
            assertThat(store.read((Tx tx) -> tx.inbox(fresh))).isPresent();
        }
    }

    @Nested
    class Enqueue {
        @Test
        void is_idempotent_per_destination_and_message_id() {
            MessageId id = messageId();
            LegId leg = legId();
            long first = enqueue(outbox(id, PEER, leg, T0));
            long again = enqueue(outbox(id, PEER, leg, T0.plusSeconds(1)));
            long elsewhere = enqueue(outbox(id, OTHER_PEER, leg, T0));

            assertThat(first).isPositive();
            assertThat(again).isZero();
            assertThat(elsewhere).isGreaterThan(first);
            assertThat(store.read((Tx tx) -> tx.outboxOfLeg(leg))).extracting(OutboxRecord::destination)
                    .containsExactly(PEER, OTHER_PEER);
        }

        @Test
        void numbers_rows_uniquely_and_in_the_order_of_their_transactions() {
            List<Long> seqs = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                // more rows than one block of numbers in one transaction, then plain enqueues between
                seqs.addAll(tx(tx -> {
                    List<Long> in = new ArrayList<>();
                    for (int i = 0; i < 70; i++) {
                        in.add(tx.enqueueLater(outbox(PEER, legId(), T0), new Tx.Lease("node-a", T0.plusSeconds(60)))
                                .seq());
                    }
                    return in;
                }));
                seqs.add(enqueue(outbox(OTHER_PEER, legId(), T0)));
            }

            assertThat(seqs).hasSize(213).doesNotHaveDuplicates().isSorted();
            assertThat(store.read((Tx tx) -> tx.outboxStats(T0))).extracting(OutboxStats::inFlight).containsExactlyInAnyOrder(210L, 0L);
        }

        @Test
        void stores_a_pending_message_with_every_field() {
            OutboxRecord r = outbox(PEER, legId(), T0);
            long seq = enqueue(r);

            OutboxRecord stored = outboxRow(seq);
            assertThat(stored).usingRecursiveComparison().withEqualsForType(CanonicalJson::equals, CanonicalJson.class)
                    .ignoringFields("seq").isEqualTo(r);
            assertThat(stored.status()).isEqualTo(OutboxStatus.PENDING);
        }
    }

    /**
     * Envelopes given as the UTF-8 bytes their signature covers are stored as text and read back
     * whole, Chinese and escapes included, in the inbox, in both outbox inserts and in a redrive.
     */
    @Test
    void envelopes_given_as_utf8_bytes_are_stored_as_their_text() {
        String text = "{\"enterprise\":\"杭州生成企业〔2026〕\",\"note\":\"a\\\"b\\\\c\\u0000\"}";
        CanonicalJson bytes = CanonicalJson.ofUtf8(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MessageId in = messageId();
        MessageId out = messageId();
        MessageId later = messageId();
        long[] seqs = tx((Tx tx) -> {
            tx.insertInbox(new InboxRecord(in, PENALIZING, HOME, MessageType.REPAIR_APPLICATION, caseId(), legId(),
                    ZERO_HASH, bytes, "{}", T0));
            long a = tx.enqueue(OutboxRecord.pending(out, PEER, out.toString(), MessageType.REPAIR_APPLICATION, HOME,
                    null, null, bytes, T0));
            long b = tx.enqueueLater(OutboxRecord.pending(later, PEER, later.toString(), MessageType.REPAIR_APPLICATION,
                    HOME, null, null, bytes, T0), null).seq();
            return new long[] {a, b};
        });

        assertThat(store.read((Tx tx) -> tx.inbox(in)).orElseThrow().envelope().text()).isEqualTo(text);
        assertThat(outboxRow(seqs[0]).envelope().text()).isEqualTo(text);
        assertThat(outboxRow(seqs[1]).envelope().text()).isEqualTo(text);

        claim("owner", T0, 10);
        run(tx -> tx.markDead(seqs[0], "owner", T0, "rejected", "no"));
        String resigned = "{\"resigned\":\"征信修复\"}";
        assertThat(tx((Tx tx) -> tx.redrive(seqs[0], T0, CanonicalJson.ofUtf8(
                resigned.getBytes(java.nio.charset.StandardCharsets.UTF_8))))).isTrue();
        assertThat(outboxRow(seqs[0]).envelope().text()).isEqualTo(resigned);
    }

    @Nested
    class HandOver {
        private static final String PLATFORM = "platform:330100";

        /** The received message and its hand-over to the platform, in one transaction (as a node stores them). */
        private long receiveAndHandOver(MessageId id, LegId leg, CanonicalJson envelope, Tx.Lease lease) {
            return tx(tx -> {
                tx.insertInbox(new InboxRecord(id, PENALIZING, HOME, MessageType.REPAIR_APPLICATION, caseId(), leg,
                        ZERO_HASH, envelope, "{\"receipt\":1}", T0));
                return tx.enqueueLater(OutboxRecord.pending(id, PLATFORM, leg.toString(), MessageType.REPAIR_APPLICATION,
                        HOME, caseId(), leg, envelope, T0), lease).seq();
            });
        }

        /** The envelope the outbox keeps for this row itself (in the row, or on SQLite apart from it), not the inbox's. */
        private String storedEnvelopeColumn(long seq) throws SQLException {
            String kept = store.dialect() == SqlDialect.SQLITE
                    ? "SELECT COALESCE(o.envelope, e.envelope) FROM outbox o LEFT JOIN outbox_envelopes e ON e.seq = o.seq"
                            + " WHERE o.seq = ?"
                    : "SELECT envelope FROM outbox WHERE seq = ?";
            try (Connection c = db.connect(); var ps = c.prepareStatement(kept)) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return rs.getString(1);
                }
            }
        }

        @Test
        void a_received_message_handed_to_its_platform_is_stored_once_and_read_whole() throws SQLException {
            MessageId id = messageId();
            LegId leg = legId();
            CanonicalJson envelope = CanonicalJson.of("{\"type\":\"RepairApplication\",\"n\":1}");
            long seq = receiveAndHandOver(id, leg, envelope, null);

            assertThat(storedEnvelopeColumn(seq)).isNull();
            assertThat(outboxRow(seq).envelope()).isEqualTo(envelope);
            assertThat(store.read((Tx tx) -> tx.outboxOfLeg(leg))).extracting(OutboxRecord::envelope).containsExactly(envelope);
            assertThat(claim("node-a", T0, 10)).extracting(OutboxRecord::envelope).containsExactly(envelope);
            assertThat(tx((Tx tx) -> tx.markDelivered(seq, "node-a", T0, "PLAT-1"))).isTrue();
            assertThat(outboxRow(seq).envelope()).isEqualTo(envelope);
            assertThat(outboxRow(seq).status()).isEqualTo(OutboxStatus.DELIVERED);
        }

        @Test
        void a_message_whose_envelope_is_not_the_inboxed_one_keeps_its_own() throws SQLException {
            MessageId id = messageId();
            LegId leg = legId();
            long seq = tx(tx -> {
                tx.insertInbox(new InboxRecord(id, PENALIZING, HOME, MessageType.REPAIR_APPLICATION, caseId(), leg,
                        ZERO_HASH, CanonicalJson.of("{\"received\":true}"), "{}", T0));
                return tx.enqueue(OutboxRecord.pending(id, PEER, leg.toString(), MessageType.REPAIR_APPLICATION, HOME,
                        caseId(), leg, CanonicalJson.of("{\"forwarded\":true}"), T0));
            });
            long unrelated = enqueue(outbox(PEER, legId(), T0));

            assertThat(storedEnvelopeColumn(seq)).isEqualTo("{\"forwarded\":true}");
            assertThat(storedEnvelopeColumn(unrelated)).isEqualTo("{\"type\":\"RepairApplication\"}");
        }

        @Test
        void a_hand_over_undone_with_its_unit_leaves_no_reference_behind() throws SQLException {
            MessageId id = messageId();
            LegId leg = legId();
            CanonicalJson envelope = CanonicalJson.of("{\"type\":\"RepairApplication\",\"n\":2}");
            long seq = tx(tx -> {
                assertThatThrownBy(() -> tx.withSavepoint(() -> {
                    tx.insertInbox(new InboxRecord(id, PENALIZING, HOME, MessageType.REPAIR_APPLICATION, caseId(), leg,
                            ZERO_HASH, envelope, "{}", T0));
                    throw new IllegalStateException("the unit fails");
                })).hasMessage("the unit fails");
                // the inbox row is gone with its unit: the same envelope queued now must be stored whole
                return tx.enqueueLater(OutboxRecord.pending(id, PLATFORM, leg.toString(), MessageType.REPAIR_APPLICATION,
                        HOME, caseId(), leg, envelope, T0), null).seq();
            });

            assertThat(store.read((Tx tx) -> tx.inbox(id))).isEmpty();
            assertThat(storedEnvelopeColumn(seq)).isEqualTo(envelope.text());
            assertThat(outboxRow(seq).envelope()).isEqualTo(envelope);
        }
    }

    @Nested
    class Claim {
        @Test
        void claims_due_messages_in_order_under_a_lease() {
            long a = enqueue(outbox(PEER, legId(), T0));
            long b = enqueue(outbox(OTHER_PEER, legId(), T0));

            List<OutboxRecord> claimed = claim("node-a", T0, 10);

            assertThat(seqs(claimed)).containsExactly(a, b);
            assertThat(claimed).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(OutboxStatus.IN_FLIGHT);
                assertThat(r.attempts()).isEqualTo(1);
            });
        }

        @Test
        void respects_the_limit() {
            for (int i = 0; i < 5; i++) {
                enqueue(outbox(PEER, legId(), T0));
            }
            assertThat(claim("node-a", T0, 3)).hasSize(3);
            assertThat(claim("node-a", T0, 3)).hasSize(2);
        }

        @Test
        void leaves_a_message_alone_until_its_next_attempt_time() {
            long seq = enqueue(outbox(PEER, legId(), T0.plusSeconds(10)));

            assertThat(claim("node-a", T0.plusSeconds(9), 10)).isEmpty();
            assertThat(seqs(claim("node-a", T0.plusSeconds(10), 10))).containsExactly(seq);
        }

        @Test
        void skips_the_listed_destinations() {
            enqueue(outbox(PEER, legId(), T0));
            long other = enqueue(outbox(OTHER_PEER, legId(), T0));

            assertThat(seqs(claim("node-a", T0, 10, PEER, "node:nowhere"))).containsExactly(other);
        }

        @Test
        void claims_only_the_first_undelivered_message_of_a_leg() {
            LegId leg = legId();
            long first = enqueue(outbox(PEER, leg, T0));
            long second = enqueue(outbox(PEER, leg, T0));

            assertThat(seqs(claim("node-a", T0, 10))).containsExactly(first);
            assertThat(claim("node-a", T0, 10)).as("second while the first is in flight").isEmpty();

            run(tx -> tx.markRetry(first, "node-a", T0.plusSeconds(60), "timeout", "read timed out"));
            assertThat(claim("node-a", T0.plusSeconds(1), 10)).as("second while the first waits to retry").isEmpty();

            assertThat(seqs(claim("node-a", T0.plusSeconds(60), 10))).containsExactly(first);
            run(tx -> tx.markDelivered(first, "node-a", T0.plusSeconds(61), "{\"receipt\":1}"));
            assertThat(seqs(claim("node-a", T0.plusSeconds(61), 10))).containsExactly(second);
        }

        @Test
        void a_dead_message_holds_back_the_rest_of_its_leg() {
            LegId leg = legId();
            long first = enqueue(outbox(PEER, leg, T0));
            enqueue(outbox(PEER, leg, T0));
            claim("node-a", T0, 10);
            run(tx -> tx.markDead(first, "node-a", T0, "rejected", "refused by the peer"));

            assertThat(claim("node-a", T0.plusSeconds(3600), 10)).isEmpty();
        }

        @Test
        void reclaims_an_in_flight_message_whose_lease_expired() {
            long seq = enqueue(outbox(PEER, legId(), T0));
            claim("crashed-node", T0, 10);

            assertThat(claim("node-b", T0.plus(LEASE), 10)).as("lease still running").isEmpty();
            List<OutboxRecord> reclaimed = claim("node-b", T0.plus(LEASE).plusMillis(1), 10);

            assertThat(seqs(reclaimed)).containsExactly(seq);
            assertThat(reclaimed.get(0).attempts()).isEqualTo(2);
            run(tx -> tx.markDelivered(seq, "crashed-node", T0.plus(LEASE), "late"));
            assertThat(outboxRow(seq).status()).as("the old owner lost its lease").isEqualTo(OutboxStatus.IN_FLIGHT);
        }

        @Test
        void does_not_hand_a_claimed_message_to_a_second_claimer() {
            enqueue(outbox(PEER, legId(), T0));
            enqueue(outbox(PEER, legId(), T0));

            assertThat(claim("node-a", T0, 10)).hasSize(2);
            assertThat(claim("node-b", T0.plusSeconds(1), 10)).isEmpty();
        }

        @Test
        void concurrent_claimers_get_disjoint_sets_in_leg_order() throws Exception {
            int legs = 20;
            int perLeg = 8;
            List<LegId> legIds = new ArrayList<>();
            for (int i = 0; i < legs; i++) {
                legIds.add(legId());
            }
            run(tx -> {
                for (int m = 0; m < perLeg; m++) {
                    for (LegId leg : legIds) {
                        tx.enqueue(outbox(PEER, leg, T0));
                    }
                }
            });
            int total = legs * perLeg;
            AtomicInteger delivered = new AtomicInteger();
            Map<String, List<Long>> deliveryOrder = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Set<Long>>> claimers = new ArrayList<>();
            for (String owner : List.of("node-a", "node-b", "node-c")) {
                claimers.add(inThread(() -> {
                    Set<Long> mine = new HashSet<>();
                    start.await();
                    long deadline = System.nanoTime() + SECONDS.toNanos(30);
                    while (delivered.get() < total && System.nanoTime() < deadline) {
                        for (OutboxRecord r : claim(owner, T0.plusSeconds(1), 7)) {
                            assertThat(mine.add(r.seq())).isTrue();
                            // delivered under the leg's turn, so recording the order here is race-free
                            deliveryOrder.computeIfAbsent(r.orderingKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(r.seq());
                            run(tx -> tx.markDelivered(r.seq(), owner, T0.plusSeconds(2), "ok"));
                            delivered.incrementAndGet();
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();

            Set<Long> all = new HashSet<>();
            int sum = 0;
            for (Future<Set<Long>> f : claimers) {
                Set<Long> mine = f.get(60, SECONDS);
                sum += mine.size();
                all.addAll(mine);
            }
            assertThat(sum).as("no message claimed twice").isEqualTo(all.size());
            assertThat(all).hasSize(total);
            assertThat(deliveryOrder.values()).allSatisfy(order -> assertThat(order).isSorted().hasSize(perLeg));
        }
    }

    @Nested
    class Leases {
        private long seq;

        @BeforeEach
        void claimOne() {
            seq = enqueue(outbox(PEER, legId(), T0));
            claim("owner", T0, 1);
        }

        @Test
        void only_the_lease_owner_marks_a_message_delivered() {
            run(tx -> tx.markDelivered(seq, "intruder", T0.plusSeconds(1), "forged"));
            assertThat(outboxRow(seq).status()).isEqualTo(OutboxStatus.IN_FLIGHT);

            run(tx -> tx.markDelivered(seq, "owner", T0.plusSeconds(2), "{\"receipt\":1}"));
            OutboxRecord r = outboxRow(seq);
            assertThat(r.status()).isEqualTo(OutboxStatus.DELIVERED);
            assertThat(r.deliveredAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(r.receipt()).isEqualTo("{\"receipt\":1}");
        }

        @Test
        void an_assumed_delivery_by_the_owner_is_stored_at_commit() {
            run(tx -> {
                tx.assumeChecks();
                assertThat(tx.markDelivered(seq, "owner", T0.plusSeconds(2), "{\"receipt\":1}")).isTrue();
            });

            assertThat(outboxRow(seq).status()).isEqualTo(OutboxStatus.DELIVERED);
            assertThat(outboxRow(seq).receipt()).isEqualTo("{\"receipt\":1}");
        }

        @Test
        void an_assumed_delivery_without_the_lease_fails_its_whole_transaction() {
            MessageId alongside = messageId();
            assertThatThrownBy(() -> run(tx -> {
                tx.assumeChecks();
                tx.insertInbox(inbox(alongside, legId(), "{}", T0));
                assertThat(tx.markDelivered(seq, "intruder", T0.plusSeconds(1), "forged")).isTrue(); // assumed
            })).isInstanceOf(StoreException.class).hasMessageContaining("changed 0 rows");

            assertThat(outboxRow(seq).status()).isEqualTo(OutboxStatus.IN_FLIGHT);
            assertThat(store.read((Tx tx) -> tx.inbox(alongside))).isEmpty();
        }

        @Test
        void only_the_lease_owner_schedules_a_retry() {
            run(tx -> tx.markRetry(seq, "intruder", T0.plusSeconds(99), "x", "x"));
            assertThat(outboxRow(seq).status()).isEqualTo(OutboxStatus.IN_FLIGHT);

            run(tx -> tx.markRetry(seq, "owner", T0.plusSeconds(30), "timeout", "read timed out"));
            OutboxRecord r = outboxRow(seq);
            assertThat(r.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
            assertThat(r.lastErrorKey()).isEqualTo("timeout");
            assertThat(r.lastError()).isEqualTo("read timed out");
            assertThat(claim("owner", T0.plusSeconds(29), 10)).isEmpty();
            assertThat(claim("owner", T0.plusSeconds(30), 10)).singleElement()
                    .satisfies(again -> assertThat(again.attempts()).isEqualTo(2));
        }

        @Test
        void only_the_lease_owner_gives_a_message_up() {
            run(tx -> tx.markDead(seq, "intruder", T0, "x", "x"));
            assertThat(outboxRow(seq).status()).isEqualTo(OutboxStatus.IN_FLIGHT);

            run(tx -> tx.markDead(seq, "owner", T0.plusSeconds(1), "rejected", "x".repeat(5000)));
            OutboxRecord r = outboxRow(seq);
            assertThat(r.status()).isEqualTo(OutboxStatus.DEAD);
            assertThat(r.lastErrorKey()).isEqualTo("rejected");
            assertThat(r.lastError()).as("long errors are truncated").hasSize(2000);
        }
    }

    @Nested
    class DeadLetters {
        @Test
        void expiring_turns_pending_messages_created_before_the_cutoff_into_dead_letters() {
            long old = enqueue(outbox(PEER, legId(), T0));
            long inFlight = enqueue(outbox(PEER, legId(), T0));
            long fresh = enqueue(outbox(PEER, legId(), T0.plusSeconds(100)));
            run(tx -> tx.claim("owner", T0, LEASE, 10, List.of()).forEach(r -> {
                if (r.seq() == old) {
                    tx.markRetry(old, "owner", T0.plusSeconds(5), "timeout", null);
                }
            }));

            List<OutboxRecord> expired = tx(tx -> tx.expirePending(T0.plusSeconds(50), T0.plusSeconds(200)));

            assertThat(seqs(expired)).containsExactly(old);
            OutboxRecord dead = outboxRow(old);
            assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
            assertThat(dead.lastErrorKey()).isEqualTo("max_age");
            assertThat(dead.lastError()).isEqualTo("never delivered");
            assertThat(outboxRow(inFlight).status()).isEqualTo(OutboxStatus.IN_FLIGHT);
            assertThat(outboxRow(fresh).status()).isEqualTo(OutboxStatus.PENDING);
        }

        @Test
        void lists_dead_letters_by_destination_up_to_a_limit() {
            List<Long> dead = new ArrayList<>();
            for (String destination : List.of(PEER, OTHER_PEER, PEER, PEER)) {
                dead.add(enqueue(outbox(destination, legId(), T0)));
            }
            enqueue(outbox(PEER, legId(), T0.plusSeconds(100)));
            tx(tx -> tx.expirePending(T0.plusSeconds(1), T0.plusSeconds(1)));

            assertThat(seqs(store.read((Tx tx) -> tx.deadLetters(new DeadLetterFilter(null, 10))))).isEqualTo(dead);
            assertThat(seqs(store.read((Tx tx) -> tx.deadLetters(new DeadLetterFilter(PEER, 2)))))
                    .containsExactly(dead.get(0), dead.get(2));
        }

        @Test
        void redrive_resets_the_attempts_and_makes_the_message_due_again() {
            long seq = enqueue(outbox(PEER, legId(), T0));
            claim("owner", T0, 1);
            run(tx -> tx.markDead(seq, "owner", T0, "rejected", "no"));

            assertThat(tx((Tx tx) -> tx.redrive(seq, T0.plusSeconds(600), CanonicalJson.of("{\"resigned\":true}")))).isTrue();

            OutboxRecord r = outboxRow(seq);
            assertThat(r.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(r.attempts()).isZero();
            assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(600));
            assertThat(r.envelope().text()).isEqualTo("{\"resigned\":true}");
            assertThat(r.lastErrorKey()).isNull();
            assertThat(seqs(claim("owner", T0.plusSeconds(600), 10))).containsExactly(seq);
        }

        @Test
        void redrive_refuses_a_message_that_is_not_dead() {
            long seq = enqueue(outbox(PEER, legId(), T0));

            assertThat(tx((Tx tx) -> tx.redrive(seq, T0, CanonicalJson.of("{}")))).isFalse();
            assertThat(tx((Tx tx) -> tx.redrive(999_999, T0, CanonicalJson.of("{}")))).isFalse();
        }

        @Test
        void stats_count_each_destination_and_age_its_oldest_undelivered_message() {
            long inFlight = enqueue(outbox(PEER, legId(), T0));
            long dead = enqueue(outbox(PEER, legId(), T0.plusSeconds(1)));
            long delivered = enqueue(outbox(OTHER_PEER, legId(), T0.plusSeconds(2)));
            claim("owner", T0.plusSeconds(2), 10);
            run(tx -> {
                tx.markDead(dead, "owner", T0.plusSeconds(3), "rejected", "no");
                tx.markDelivered(delivered, "owner", T0.plusSeconds(3), "ok");
            });
            enqueue(outbox(PEER, legId(), T0.plusSeconds(10)));
            enqueue(outbox(PEER, legId(), T0.plusSeconds(20)));

            List<OutboxStats> stats = store.read((Tx tx) -> tx.outboxStats(T0.plusSeconds(60)));

            assertThat(inFlight).isPositive();
            assertThat(stats).containsExactly(new OutboxStats(PEER, 2, 1, 1, Duration.ofSeconds(60)));
        }
    }

    @Nested
    class Cases {
        @Test
        void stores_and_finds_a_case_and_its_status_change() {
            CaseId id = caseId();
            run(tx -> tx.insertCase(aCase(id)));
            assertThat(store.read((Tx tx) -> tx.findCase(id))).contains(aCase(id));

            CaseRecord closed = aCase(id).withStatus(CaseStatus.CLOSED, T0.plusSeconds(9));
            run(tx -> tx.updateCase(closed));
            assertThat(store.read((Tx tx) -> tx.findCase(id))).contains(closed);
            assertThat(store.read((Tx tx) -> tx.findCase(caseId()))).isEmpty();
        }

        @Test
        void lists_cases_by_every_filter_field() {
            CaseId plain = caseId();
            CaseId otherFirm = caseId();
            CaseId closed = caseId();
            CaseId otherHome = caseId();
            run(tx -> {
                tx.insertCase(aCase(plain));
                tx.insertCase(aCase(otherFirm, HOME, harbinCode(7), CaseStatus.OPEN));
                tx.insertCase(aCase(closed).withStatus(CaseStatus.CLOSED, T0));
                tx.insertCase(aCase(otherHome, TestDirectory.TIANJIN, harbinCode(8), CaseStatus.OPEN));
                tx.insertLeg(aLeg(legId(), plain, PENALIZING, LegState.ACCEPTED));
                tx.insertLeg(aLeg(legId(), plain, TestDirectory.KUNMING, LegState.SUBMITTED));
                tx.insertLeg(aLeg(legId(), otherFirm, TestDirectory.KUNMING, LegState.ACCEPTED));
            });

            assertThat(list(new CaseFilter(HOME, null, null, null, null, 10, null))).containsExactly(plain, otherFirm, closed);
            assertThat(list(new CaseFilter(null, harbinCode(7).value(), null, null, null, 10, null))).containsExactly(otherFirm);
            assertThat(list(new CaseFilter(null, null, CaseStatus.CLOSED, null, null, 10, null))).containsExactly(closed);
            assertThat(list(new CaseFilter(null, null, null, LegState.ACCEPTED, null, 10, null))).containsExactly(plain, otherFirm);
            assertThat(list(new CaseFilter(null, null, null, null, PENALIZING, 10, null))).containsExactly(plain);
            assertThat(list(new CaseFilter(null, null, null, LegState.SUBMITTED, TestDirectory.KUNMING, 10, null)))
                    .as("state and member on the same leg").containsExactly(plain);
            assertThat(list(new CaseFilter(null, null, null, LegState.SUBMITTED, PENALIZING, 10, null))).isEmpty();
            assertThat(list(new CaseFilter(null, null, null, null, null, 10, null))).hasSize(4);
        }

        @Test
        void pages_through_cases_with_a_keyset() {
            List<CaseId> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(caseId());
            }
            run(tx -> ids.forEach(id -> tx.insertCase(aCase(id))));

            List<CaseId> page1 = list(new CaseFilter(HOME, null, null, null, null, 2, null));
            List<CaseId> page2 = list(new CaseFilter(HOME, null, null, null, null, 2, page1.get(1).toString()));
            List<CaseId> page3 = list(new CaseFilter(HOME, null, null, null, null, 2, page2.get(1).toString()));

            assertThat(page1).containsExactly(ids.get(0), ids.get(1));
            assertThat(page2).containsExactly(ids.get(2), ids.get(3));
            assertThat(page3).containsExactly(ids.get(4));
        }

        private List<CaseId> list(CaseFilter filter) {
            return store.read((Tx tx) -> tx.listCases(filter)).stream().map(CaseRecord::caseId).toList();
        }
    }

    @Nested
    class Legs {
        private final CaseId caseId = caseId();
        private final LegId legId = legId();

        @BeforeEach
        void insertCaseWithLeg() {
            run(tx -> {
                tx.insertCase(aCase(caseId));
                tx.insertLeg(aLeg(legId, caseId));
            });
        }

        @Test
        void stores_a_leg_with_its_penalty_at_version_one() {
            LegRecord stored = store.read((Tx tx) -> tx.findLeg(legId)).orElseThrow();

            assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(aLeg(legId, caseId));
            assertThat(stored.version()).isEqualTo(1);
            assertThat(store.read((Tx tx) -> tx.findLeg(legId()))).isEmpty();
        }

        @Test
        void an_update_with_a_stale_version_is_refused() {
            LegRecord v1 = store.read((Tx tx) -> tx.findLeg(legId)).orElseThrow();

            assertThat(tx((Tx tx) -> tx.updateLeg(v1.withState(LegState.FORWARDED, T0.plusSeconds(1))))).isTrue();
            assertThat(tx((Tx tx) -> tx.updateLeg(v1.withPlatformReference("HZ-1", T0.plusSeconds(2))))).isFalse();

            LegRecord now = store.read((Tx tx) -> tx.findLeg(legId)).orElseThrow();
            assertThat(now.version()).isEqualTo(2);
            assertThat(now.state()).isEqualTo(LegState.FORWARDED);
            assertThat(now.platformReference()).isNull();
        }

        @Test
        void lists_the_legs_of_one_or_several_cases() {
            CaseId second = caseId();
            LegId secondLeg = legId();
            LegId thirdLeg = legId();
            run(tx -> {
                tx.insertCase(aCase(second));
                tx.insertLeg(aLeg(thirdLeg, second));
                tx.insertLeg(aLeg(secondLeg, caseId));
            });

            assertThat(store.read((Tx tx) -> tx.legsOfCase(caseId))).extracting(LegRecord::legId).containsExactly(legId, secondLeg);
            assertThat(store.read((Tx tx) -> tx.legsOfCases(List.of(second, caseId)))).extracting(LegRecord::legId)
                    .containsExactly(legId, secondLeg, thirdLeg);
            assertThat(store.read((Tx tx) -> tx.legsOfCases(List.of()))).isEmpty();
        }

        @Test
        void a_leg_of_an_unknown_case_is_refused() {
            assertThatThrownBy(() -> run(tx -> tx.insertLeg(aLeg(legId(), caseId())))).isInstanceOf(StoreException.class);
        }

        @Test
        void a_locked_leg_blocks_a_second_transaction_until_the_first_commits() throws Exception {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try {
                Future<Boolean> first = inThread(() -> tx(tx -> {
                    LegRecord leg = tx.lockLeg(legId).orElseThrow();
                    locked.countDown();
                    awaitUninterruptibly(release);
                    return tx.updateLeg(leg.withState(LegState.FORWARDED, T0.plusSeconds(1)));
                }));
                assertThat(locked.await(10, SECONDS)).isTrue();
                Future<LegRecord> second = inThread(() -> tx(tx -> tx.lockLeg(legId).orElseThrow()));

                awaitBlockedOnLock(db, second);
                assertThat(second).isNotDone();
                release.countDown();

                assertThat(first.get(10, SECONDS)).isTrue();
                LegRecord seen = second.get(10, SECONDS);
                assertThat(seen.version()).as("the second saw the first's commit").isEqualTo(2);
                assertThat(seen.state()).isEqualTo(LegState.FORWARDED);
            } finally {
                release.countDown();
            }
        }

        @Test
        void timeline_events_come_back_in_the_order_they_were_appended() {
            MessageId msg = messageId();
            run(tx -> {
                tx.appendEvent(LegEvent.of(caseId, legId, T0.plusSeconds(5), EventKind.TRANSITION, LegState.SUBMITTED,
                        LegState.FORWARDED, msg, "node:north", null));
                tx.appendEvent(LegEvent.of(caseId, legId, T0, EventKind.MESSAGE_QUEUED, null, null, msg, "node:north",
                        "{\"to\":\"node:south\"}"));
            });
            run(tx -> tx.appendEvent(LegEvent.of(caseId, legId, T0, EventKind.RECEIPT_RECEIVED, null, null, null,
                    "member:330100", null)));

            List<LegEvent> events = store.read((Tx tx) -> tx.eventsOfCase(caseId));

            assertThat(events).extracting(LegEvent::kind)
                    .containsExactly(EventKind.TRANSITION, EventKind.MESSAGE_QUEUED, EventKind.RECEIPT_RECEIVED);
            assertThat(events).extracting(LegEvent::seq).isSorted().doesNotHaveDuplicates();
            assertThat(events.get(0)).usingRecursiveComparison().ignoringFields("seq").isEqualTo(LegEvent.of(caseId, legId,
                    T0.plusSeconds(5), EventKind.TRANSITION, LegState.SUBMITTED, LegState.FORWARDED, msg, "node:north", null));
            assertThat(events.get(2).messageId()).isNull();
        }
    }

    @Nested
    class SlaTimers {
        private final Duration lease = Duration.ofSeconds(30);

        private SlaTimer timer(LegId leg, SlaClock clock, Instant due) {
            ClockRun run = ClockRun.start("national", new ClockLimit(clock, new SlaLimit.WorkingDays(3), true), T0);
            return new SlaTimer(leg, caseId(), HOME, PENALIZING, run, due, null, null, null, T0);
        }

        @Test
        void a_timer_comes_back_as_written_and_a_clock_has_one_timer_per_leg() {
            LegId leg = legId();
            SlaTimer t = timer(leg, SlaClock.DECISION, T0.plusSeconds(60));
            run(tx -> tx.insertSlaTimer(t));
            run(tx -> tx.insertSlaTimer(timer(leg, SlaClock.DECISION, T0.plusSeconds(999))));

            assertThat(tx((Tx tx) -> tx.slaTimersOfLeg(leg))).singleElement().satisfies(read -> {
                assertThat(read.run()).isEqualTo(t.run());
                assertThat(read.dueAt()).isEqualTo(T0.plusSeconds(60));
                assertThat(read.caseId()).isEqualTo(t.caseId());
                assertThat(read.leaseOwner()).isNull();
            });
            assertThat(tx((Tx tx) -> tx.slaTimersOfCase(t.caseId()))).hasSize(1);
        }

        @Test
        void an_update_keeps_the_pauses_and_the_status() {
            LegId leg = legId();
            SlaTimer t = timer(leg, SlaClock.DECISION, T0.plusSeconds(60));
            run(tx -> tx.insertSlaTimer(t));
            ClockRun resumed = t.run().pause(T0.plusSeconds(10)).resume(T0.plusSeconds(20)).pause(T0.plusSeconds(30));
            run(tx -> tx.updateSlaTimer(t.with(resumed, null, T0.plusSeconds(30))));

            SlaTimer read = tx((Tx tx) -> tx.slaTimer(leg, SlaClock.DECISION)).orElseThrow();
            assertThat(read.run()).isEqualTo(resumed);
            assertThat(read.run().pauses()).containsExactly(new Pause(T0.plusSeconds(10), T0.plusSeconds(20)));
            assertThat(read.dueAt()).isNull();
            assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(30));
        }

        @Test
        void claims_running_timers_that_are_due_and_free_oldest_deadline_first() {
            LegId late = legId();
            LegId early = legId();
            LegId future = legId();
            LegId paused = legId();
            LegId unscheduled = legId();
            run(tx -> {
                tx.insertSlaTimer(timer(late, SlaClock.DECISION, T0.minusSeconds(10)));
                tx.insertSlaTimer(timer(early, SlaClock.DECISION, T0.minusSeconds(60)));
                tx.insertSlaTimer(timer(future, SlaClock.DECISION, T0.plusSeconds(60)));
                SlaTimer p = timer(paused, SlaClock.DECISION, null);
                tx.insertSlaTimer(p.with(p.run().pause(T0.minusSeconds(90)), null, T0));
                tx.insertSlaTimer(timer(unscheduled, SlaClock.END_TO_END, null));
            });

            List<SlaTimer> a = tx((Tx tx) -> tx.claimSlaTimers("node-a", T0, lease, 10));
            assertThat(a).extracting(SlaTimer::legId).containsExactly(early, late);
            assertThat(a).allSatisfy(t -> assertThat(t.leaseOwner()).isEqualTo("node-a"));
            assertThat(tx((Tx tx) -> tx.claimSlaTimers("node-b", T0.plusSeconds(29), lease, 10)))
                    .as("held by node-a until its lease ends").isEmpty();
            assertThat(tx((Tx tx) -> tx.claimSlaTimers("node-b", T0.plusSeconds(31), lease, 10)))
                    .extracting(SlaTimer::legId).containsExactly(early, late);
            assertThat(tx((Tx tx) -> tx.unscheduledSlaTimers(10))).extracting(SlaTimer::legId).containsExactly(unscheduled);
        }

        @Test
        void only_the_holder_of_the_lease_marks_a_timer_breached_and_only_once() {
            LegId leg = legId();
            run(tx -> tx.insertSlaTimer(timer(leg, SlaClock.DECISION, T0.minusSeconds(1))));
            tx((Tx tx) -> tx.claimSlaTimers("node-a", T0, lease, 10));
            tx((Tx tx) -> tx.claimSlaTimers("node-b", T0.plusSeconds(31), lease, 10));

            assertThat(tx((Tx tx) -> tx.markSlaTimerBreached(leg, SlaClock.DECISION, "node-a", T0.plusSeconds(32))))
                    .as("node-a lost its lease to node-b").isFalse();
            assertThat(tx((Tx tx) -> tx.markSlaTimerBreached(leg, SlaClock.DECISION, "node-b", T0.plusSeconds(32)))).isTrue();
            assertThat(tx((Tx tx) -> tx.markSlaTimerBreached(leg, SlaClock.DECISION, "node-b", T0.plusSeconds(33)))).isFalse();

            SlaTimer read = tx((Tx tx) -> tx.slaTimer(leg, SlaClock.DECISION)).orElseThrow();
            assertThat(read.run().status()).isEqualTo(ClockRun.Status.BREACHED);
            assertThat(read.firedAt()).isEqualTo(T0.plusSeconds(32));
            assertThat(tx((Tx tx) -> tx.claimSlaTimers("node-c", T0.plusSeconds(999), lease, 10))).isEmpty();
        }

        @Test
        void a_released_timer_can_be_claimed_again_at_once() {
            LegId leg = legId();
            run(tx -> tx.insertSlaTimer(timer(leg, SlaClock.DECISION, T0.minusSeconds(1))));
            tx((Tx tx) -> tx.claimSlaTimers("node-a", T0, lease, 10));
            run(tx -> tx.releaseSlaTimer(leg, SlaClock.DECISION, "node-b"));
            assertThat(tx((Tx tx) -> tx.claimSlaTimers("node-b", T0, lease, 10))).as("only the holder releases").isEmpty();
            run(tx -> tx.releaseSlaTimer(leg, SlaClock.DECISION, "node-a"));
            assertThat(tx((Tx tx) -> tx.claimSlaTimers("node-b", T0, lease, 10))).hasSize(1);
        }
    }

    @Nested
    class Idempotency {
        @Test
        void a_platform_event_is_recorded_once_per_member() {
            assertThat(tx((Tx tx) -> tx.recordPlatformEvent(PENALIZING, "evt-1", legId(), T0))).isTrue();
            assertThat(tx((Tx tx) -> tx.recordPlatformEvent(PENALIZING, "evt-1", null, T0.plusSeconds(1)))).isFalse();
            assertThat(tx((Tx tx) -> tx.recordPlatformEvent(HOME, "evt-1", null, T0))).isTrue();
        }

        @Test
        void an_idempotency_key_remembers_the_request_hash_and_the_case() {
            CaseId id = caseId();
            run(tx -> tx.recordIdempotentCreation(HOME, "key-1", "a".repeat(64), id, T0));

            assertThat(store.read((Tx tx) -> tx.idempotentCreation(HOME, "key-1")))
                    .contains(new Tx.IdempotentCreation("a".repeat(64), id));
            assertThat(store.read((Tx tx) -> tx.idempotentCreation(PENALIZING, "key-1"))).isEmpty();
            assertThatThrownBy(() -> run(tx -> tx.recordIdempotentCreation(HOME, "key-1", "b".repeat(64), caseId(), T0)))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Nested
    class AdapterFeedPositions {
        @Test
        void a_feed_has_no_position_until_one_is_saved_and_then_has_the_latest() {
            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "changes"))).isEmpty();

            run(tx -> tx.saveAdapterCursor(PENALIZING, "changes", "c-1", T0));
            run(tx -> tx.saveAdapterCursor(PENALIZING, "changes", "c-2", T0.plusSeconds(2)));

            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "changes"))).contains("c-2");
        }

        @Test
        void positions_are_kept_per_member_and_per_feed() {
            run(tx -> {
                tx.saveAdapterCursor(PENALIZING, "changes", "hz-changes", T0);
                tx.saveAdapterCursor(PENALIZING, "penalties", "hz-penalties", T0);
                tx.saveAdapterCursor(HOME, "changes", "hrb-changes", T0);
            });

            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "changes"))).contains("hz-changes");
            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "penalties"))).contains("hz-penalties");
            assertThat(store.read((Tx tx) -> tx.adapterCursor(HOME, "changes"))).contains("hrb-changes");
            assertThat(store.read((Tx tx) -> tx.adapterCursor(HOME, "penalties"))).isEmpty();
        }

        @Test
        void an_opaque_cursor_comes_back_unchanged() {
            String cursor = "eyJvZmZzZXQiOjEyfQ==|时间=2026-11-21T09:30:00+08:00|" + "x".repeat(4000) + "|'\\";
            run(tx -> tx.saveAdapterCursor(PENALIZING, "changes", cursor, T0));
            run(tx -> tx.saveAdapterCursor(PENALIZING, "penalties", "", T0));

            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "changes"))).contains(cursor);
            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "penalties"))).contains("");
        }

        @Test
        void a_position_saved_in_a_transaction_that_rolled_back_is_not_kept() {
            run(tx -> tx.saveAdapterCursor(PENALIZING, "changes", "stored", T0));
            assertThatThrownBy(() -> run(tx -> {
                tx.saveAdapterCursor(PENALIZING, "changes", "not-stored", T0.plusSeconds(1));
                throw new IllegalStateException("events of the page failed");
            })).hasMessage("events of the page failed");

            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "changes"))).contains("stored");
        }

        @Test
        void a_position_outlives_the_process_that_saved_it() {
            run(tx -> tx.saveAdapterCursor(PENALIZING, "changes", "before-restart", T0));
            store.close();
            store = db.open();

            assertThat(store.read((Tx tx) -> tx.adapterCursor(PENALIZING, "changes"))).contains("before-restart");
        }

        @Test
        void the_adapters_cursor_store_keeps_jdbc_off_the_event_loop_and_is_seen_by_the_next_adapter() throws Exception {
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            org.tongban.gateway.testing.EventLoopGuardStore guarded = new org.tongban.gateway.testing.EventLoopGuardStore(store);
            GroupCommitter committer = new GroupCommitter(guarded, 1, 16);
            try {
                java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
                org.tongban.gateway.platform.AdapterCursors first = new org.tongban.gateway.platform.AdapterCursors(
                        vertx, guarded, committer, PENALIZING, clock);
                CompletableFuture<java.util.Optional<String>> seen = new CompletableFuture<>();
                io.vertx.core.Context loop = vertx.getOrCreateContext();
                loop.runOnContext(v -> first.load("changes")
                        .compose(before -> first.save("changes", "after-page-1").map(before))
                        .onComplete(ar -> {
                            if (!io.vertx.core.Context.isOnEventLoopThread()) {
                                seen.completeExceptionally(new AssertionError("completed off the caller's event loop"));
                            } else if (ar.succeeded()) {
                                seen.complete(ar.result());
                            } else {
                                seen.completeExceptionally(ar.cause());
                            }
                        }));
                assertThat(seen.get(10, SECONDS)).isEmpty();

                org.tongban.gateway.platform.AdapterCursors next = new org.tongban.gateway.platform.AdapterCursors(
                        vertx, guarded, null, PENALIZING, clock);
                CompletableFuture<java.util.Optional<String>> restarted = new CompletableFuture<>();
                loop.runOnContext(v -> next.load("changes").onComplete(ar -> {
                    if (ar.succeeded()) {
                        restarted.complete(ar.result());
                    } else {
                        restarted.completeExceptionally(ar.cause());
                    }
                }));
                assertThat(restarted.get(10, SECONDS)).contains("after-page-1");
                assertThat(guarded.callsOnEventLoop()).isEmpty();
                assertThat(next.load("").toCompletionStage().toCompletableFuture())
                        .failsWithin(Duration.ofSeconds(5)).withThrowableThat().withMessageContaining("feed name");
            } finally {
                committer.close(5_000);
                vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
            }
        }
    }

    @Nested
    class Audit {
        @Test
        void each_line_chains_to_the_previous_one() {
            AuditEntry first = tx(tx -> tx.audit(T0, "clerk:wang", HOME.value(), "case.create", "case:1", "{\"n\":1}"));
            AuditEntry second = tx(tx -> tx.audit(T0.plusSeconds(1), "node:north", null, "outbox.redrive", null, null));

            assertThat(first.seq()).isEqualTo(1);
            assertThat(first.prevHash()).isEqualTo(ZERO_HASH);
            assertThat(second.prevHash()).isEqualTo(first.hash());
            List<AuditEntry> log = store.read((Tx tx) -> tx.auditLog(0, 100));
            assertThat(log).containsExactly(first, second);
            assertUnbrokenChain(log);
            assertThat(store.read((Tx tx) -> tx.auditLog(1, 100))).containsExactly(second);
        }

        @Test
        void concurrent_audits_form_one_unbroken_chain() throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                String actor = "clerk:" + w;
                writers.add(inThread(() -> {
                    start.await();
                    for (int i = 0; i < 40; i++) {
                        int n = i;
                        run(tx -> tx.audit(T0.plusMillis(n), actor, HOME.value(), "case.view", "case:" + n, null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : writers) {
                f.get(60, SECONDS);
            }

            List<AuditEntry> log = store.read((Tx tx) -> tx.auditLog(0, 1000));
            assertThat(log).hasSize(120);
            assertUnbrokenChain(log);
        }
    }

    @Nested
    class Transactions {
        @Test
        void a_transaction_that_throws_leaves_nothing_behind() {
            MessageId id = messageId();
            assertThatThrownBy(() -> run(tx -> {
                tx.insertInbox(inbox(id, legId(), "{}", T0));
                throw new IllegalStateException("effect failed");
            })).hasMessage("effect failed");

            assertThat(store.read((Tx tx) -> tx.inbox(id))).isEmpty();
        }

        @Test
        void a_unit_that_fails_inside_a_savepoint_is_undone_and_the_rest_commits() {
            MessageId before = messageId();
            MessageId undone = messageId();
            MessageId after = messageId();
            run(tx -> {
                tx.insertInbox(inbox(before, legId(), "{}", T0));
                assertThatThrownBy(() -> tx.withSavepoint(() -> {
                    tx.insertInbox(inbox(undone, legId(), "{}", T0));
                    throw new IllegalStateException("unit failed");
                })).hasMessage("unit failed");
                assertThat(tx.withSavepoint(() -> tx.insertInbox(inbox(after, legId(), "{}", T0)))).isTrue();
            });

            assertThat(store.read((Tx tx) -> tx.inbox(before))).isPresent();
            assertThat(store.read((Tx tx) -> tx.inbox(undone))).isEmpty();
            assertThat(store.read((Tx tx) -> tx.inbox(after))).isPresent();
        }

        @Test
        void a_failed_statement_inside_a_savepoint_leaves_the_transaction_usable() {
            MessageId after = messageId();
            run(tx -> {
                tx.recordIdempotentCreation(HOME, "key-1", "a".repeat(64), caseId(), T0);
                assertThatThrownBy(() -> tx.withSavepoint(() -> {
                    tx.recordIdempotentCreation(HOME, "key-1", "b".repeat(64), caseId(), T0);
                    return null;
                })).isInstanceOf(StoreException.class);
                tx.insertInbox(inbox(after, legId(), "{}", T0));
            });

            assertThat(store.read((Tx tx) -> tx.inbox(after))).isPresent();
            assertThat(store.read((Tx tx) -> tx.idempotentCreation(HOME, "key-1")).orElseThrow().requestSha256())
                    .isEqualTo("a".repeat(64));
        }
    }

    @Nested
    class SchemaMigrations {
        private Database fresh;

        @BeforeEach
        void newEmptyDatabase() {
            fresh = newDatabase();
        }

        @Test
        void a_new_database_gets_every_migration_once() throws SQLException {
            List<Integer> expected = Migrations.available().stream().map(Migrations.Migration::version).toList();
            fresh.open().close();

            assertThat(historyVersions(fresh)).isEqualTo(expected);
        }

        @Test
        void opening_again_applies_nothing() throws SQLException {
            fresh.open().close();
            try (Connection c = fresh.connect()) {
                assertThat(Migrations.apply(c, store.dialect())).isZero();
            }
            try (JdbcStore again = fresh.open()) {
                assertThat(again.isHealthy()).isTrue();
            }
            assertThat(historyVersions(fresh)).hasSize(Migrations.available().size());
        }

        @Test
        void refuses_to_open_when_an_applied_migration_was_changed() throws SQLException {
            fresh.open().close();
            try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE schema_history SET checksum = '" + ZERO_HASH + "' WHERE version = 1");
            }

            assertThatThrownBy(fresh::open).isInstanceOf(StoreException.class)
                    .hasMessageContaining("V001__initial.sql was changed after it was applied");
        }

        @Test
        void the_outbox_rebuilt_by_v008_keeps_its_rows_and_their_order() throws SQLException {
            try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE schema_history (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                        + " checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
                for (Migrations.Migration m : Migrations.available()) {
                    if (m.version() >= 8) {
                        continue;
                    }
                    for (String statement : Migrations.statements(store.dialect().render(m.sql()))) {
                        st.execute(statement);
                    }
                    st.executeUpdate("INSERT INTO schema_history VALUES (" + m.version() + ", '" + m.name() + "', '"
                            + m.checksum() + "', 0)");
                }
                st.executeUpdate("INSERT INTO outbox (message_id, destination, ordering_key, message_type, to_member,"
                        + " envelope, status, attempts, next_attempt_at, created_at) VALUES ('" + messageId() + "', '"
                        + PEER + "', 'k', 'RepairApplication', '330100', '{\"v\":7}', 'PENDING', 0, 0, 0)");
            }
            long before;
            try (Connection c = fresh.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq FROM outbox")) {
                assertThat(rs.next()).isTrue();
                before = rs.getLong(1);
            }
            try (JdbcStore opened = fresh.open()) {
                assertThat(opened.read((Tx tx) -> tx.outbox(before))).map(r -> r.envelope().text()).contains("{\"v\":7}");
                long next = opened.inTransaction((Tx tx) -> tx.enqueue(outbox(PEER, legId(), T0)));
                assertThat(next).isGreaterThan(before);
                assertThat(opened.inTransaction((Tx tx) -> tx.claim("node-a", T0, LEASE, 10, List.of())))
                        .extracting(OutboxRecord::seq).containsExactly(before, next);
            }
            assertThat(historyVersions(fresh)).isEqualTo(Migrations.available().stream().map(Migrations.Migration::version).toList());
        }

        @Test
        void two_nodes_migrating_one_database_at_once_apply_each_migration_once() throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> nodes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                nodes.add(inThread(() -> {
                    try (Connection c = fresh.connect()) {
                        start.await();
                        return Migrations.apply(c, store.dialect());
                    }
                }));
            }
            start.countDown();

            int applied = nodes.get(0).get(60, SECONDS) + nodes.get(1).get(60, SECONDS);
            assertThat(applied).isEqualTo(Migrations.available().size());
            assertThat(historyVersions(fresh)).hasSize(Migrations.available().size());
            try (JdbcStore opened = fresh.open()) {
                assertThat(opened.inTransaction((Tx tx) -> tx.enqueue(outbox(PEER, legId(), T0)))).isPositive();
            }
        }

        private List<Integer> historyVersions(Database database) throws SQLException {
            List<Integer> versions = new ArrayList<>();
            try (Connection c = database.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version FROM schema_history ORDER BY version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            return versions;
        }
    }

    @Nested
    class GroupCommit {
        private int writers() {
            return store.dialect() == SqlDialect.SQLITE ? 1 : 3;
        }

        /**
         * Holds the committer's only writer with a unit that waits for {@code release}, so that the
         * units submitted meanwhile queue up and form one group; returns that unit's future.
         */
        private CompletableFuture<Object> holdTheWriter(GroupCommitter committer, CountDownLatch release)
                throws InterruptedException {
            CountDownLatch writerBusy = new CountDownLatch(1);
            CompletableFuture<Object> gate = committer.submit(tx -> {
                writerBusy.countDown();
                awaitUninterruptibly(release);
                return null;
            });
            assertThat(writerBusy.await(10, SECONDS)).isTrue();
            return gate;
        }

        @Test
        void many_concurrent_submits_all_complete_after_their_group_commits() throws Exception {
            List<CompletableFuture<Boolean>> visibleOnCompletion = Collections.synchronizedList(new ArrayList<>());
            try (GroupCommitter committer = new GroupCommitter(store, writers(), 64)) {
                List<Future<?>> submitters = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    submitters.add(inThread(() -> {
                        for (int i = 0; i < 100; i++) {
                            MessageId id = messageId();
                            // runs on the writer the moment the future completes: the row must already be committed
                            visibleOnCompletion.add(committer.submit(tx -> tx.insertInbox(inbox(id, legId(), "{}", T0)))
                                    .thenApply(inserted -> inserted && store.read((Tx tx) -> tx.inbox(id)).isPresent()));
                        }
                        return null;
                    }));
                }
                for (Future<?> s : submitters) {
                    s.get(30, SECONDS);
                }
                CompletableFuture.allOf(visibleOnCompletion.toArray(CompletableFuture[]::new)).get(60, SECONDS);
            }
            assertThat(visibleOnCompletion).hasSize(400).allSatisfy(f -> assertThat(f.join()).isTrue());
        }

        @Test
        void a_unit_that_throws_fails_alone_and_its_writes_are_absent() throws Exception {
            MessageId ok1 = messageId();
            MessageId failed = messageId();
            MessageId ok2 = messageId();
            CountDownLatch release = new CountDownLatch(1);
            try (GroupCommitter committer = new GroupCommitter(store, 1, 64)) {
                CompletableFuture<Object> gate = holdTheWriter(committer, release);
                CompletableFuture<Boolean> first = committer.submit(tx -> tx.insertInbox(inbox(ok1, legId(), "{}", T0)));
                CompletableFuture<Boolean> bad = committer.submit(tx -> {
                    tx.insertInbox(inbox(failed, legId(), "{}", T0));
                    throw new IllegalArgumentException("bad unit");
                });
                CompletableFuture<Boolean> last = committer.submit(tx -> tx.insertInbox(inbox(ok2, legId(), "{}", T0)));
                release.countDown();

                gate.get(10, SECONDS);
                assertThat(first.get(10, SECONDS)).isTrue();
                assertThat(last.get(10, SECONDS)).isTrue();
                assertThat(bad).failsWithin(10, SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .withCauseInstanceOf(IllegalArgumentException.class).withMessageContaining("bad unit");
            } finally {
                release.countDown();
            }
            assertThat(store.read((Tx tx) -> tx.inbox(ok1))).isPresent();
            assertThat(store.read((Tx tx) -> tx.inbox(failed))).isEmpty();
            assertThat(store.read((Tx tx) -> tx.inbox(ok2))).isPresent();
        }

        @Test
        void a_duplicate_and_a_lost_lease_in_a_group_get_their_own_answers_and_the_rest_commits() throws Exception {
            MessageId stored = messageId();
            MessageId fresh1 = messageId();
            MessageId fresh2 = messageId();
            run(tx -> tx.insertInbox(inbox(stored, legId(), "{\"receipt\":1}", T0)));
            long mine = enqueue(outbox(PEER, legId(), T0));
            long theirs = enqueue(outbox(PEER, legId(), T0));
            claim("owner", T0, 2);
            CountDownLatch release = new CountDownLatch(1);
            try (GroupCommitter committer = new GroupCommitter(store, 1, 64)) {
                CompletableFuture<Object> gate = holdTheWriter(committer, release);
                List<CompletableFuture<Boolean>> units = List.of(
                        committer.submit(tx -> tx.insertInbox(inbox(fresh1, legId(), "{}", T0))),
                        committer.submit(tx -> tx.insertInbox(inbox(stored, legId(), "{\"receipt\":2}", T0))),
                        committer.submit(tx -> tx.markDelivered(mine, "owner", T0.plusSeconds(1), "{}")),
                        committer.submit(tx -> tx.markDelivered(theirs, "intruder", T0.plusSeconds(1), "{}")),
                        committer.submit(tx -> tx.insertInbox(inbox(fresh2, legId(), "{}", T0))));
                release.countDown();

                gate.get(10, SECONDS);
                assertThat(units.stream().map(u -> u.join()).toList()).containsExactly(true, false, true, false, true);
            } finally {
                release.countDown();
            }
            assertThat(store.read((Tx tx) -> tx.inbox(fresh1))).isPresent();
            assertThat(store.read((Tx tx) -> tx.inbox(fresh2))).isPresent();
            assertThat(store.read((Tx tx) -> tx.inbox(stored)).orElseThrow().receipt()).isEqualTo("{\"receipt\":1}");
            assertThat(outboxRow(mine).status()).isEqualTo(OutboxStatus.DELIVERED);
            assertThat(outboxRow(theirs).status()).isEqualTo(OutboxStatus.IN_FLIGHT);
        }

        @Test
        void a_failed_commit_fails_every_unit_of_the_group() throws Exception {
            Store failingCommit = new CommitFailingStore(store);
            List<MessageId> ids = List.of(messageId(), messageId(), messageId());
            List<CompletableFuture<Boolean>> units = new ArrayList<>();
            try (GroupCommitter committer = new GroupCommitter(failingCommit, 1, 64)) {
                for (MessageId id : ids) {
                    units.add(committer.submit(tx -> tx.insertInbox(inbox(id, legId(), "{}", T0))));
                }
                for (CompletableFuture<Boolean> u : units) {
                    assertThat(u).failsWithin(10, SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                            .withCauseInstanceOf(StoreException.class);
                }
            }
            for (MessageId id : ids) {
                assertThat(store.read((Tx tx) -> tx.inbox(id))).isEmpty();
            }
        }

        @Test
        void a_closed_store_fails_the_units() {
            store.close();
            try (GroupCommitter committer = new GroupCommitter(store, 1, 64)) {
                CompletableFuture<Boolean> unit = committer.submit(tx -> tx.insertInbox(inbox(messageId(), legId(), "{}", T0)));
                assertThat(unit).failsWithin(10, SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .withCauseInstanceOf(StoreException.class);
            }
        }

        @Test
        void close_fails_the_units_still_queued() throws Exception {
            MessageId queuedId = messageId();
            CountDownLatch release = new CountDownLatch(1);
            GroupCommitter committer = new GroupCommitter(store, 1, 64);
            try {
                CompletableFuture<Object> gate = holdTheWriter(committer, release);
                CompletableFuture<Boolean> queued = committer.submit(tx -> tx.insertInbox(inbox(queuedId, legId(), "{}", T0)));

                committer.close(100);

                assertThat(queued).isCompletedExceptionally();
                assertThatThrownBy(queued::join).hasCauseInstanceOf(StoreException.class)
                        .hasMessageContaining("closed before this was stored");
                assertThat(committer.submit(tx -> null)).isCompletedExceptionally();
                release.countDown();
                gate.get(10, SECONDS);
            } finally {
                release.countDown();
                committer.close(10_000);
            }
            assertThat(store.read((Tx tx) -> tx.inbox(queuedId))).isEmpty();
        }
    }

    /** A store whose every transaction runs its work and then fails to commit (rolled back). */
    private static final class CommitFailingStore implements Store {
        private final Store delegate;

        CommitFailingStore(Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Function<Tx, T> work) {
            return delegate.inTransaction(tx -> {
                work.apply(tx);
                throw new StoreException("commit failed: disk full", null);
            });
        }

        @Override
        public <T> T read(Function<Tx, T> work) {
            return delegate.read(work);
        }

        @Override
        public String kind() {
            return delegate.kind();
        }

        @Override
        public boolean isHealthy() {
            return false;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Each line links to the one before, and its hash is {@link SqlTx#auditHash} of its fields. */
    static void assertUnbrokenChain(List<AuditEntry> log) {
        String prev = ZERO_HASH;
        long seq = 1;
        for (AuditEntry e : log) {
            assertThat(e.seq()).isEqualTo(seq++);
            assertThat(e.prevHash()).as("prev of line %d", e.seq()).isEqualTo(prev);
            assertThat(e.hash()).isEqualTo(SqlTx.auditHash(e.prevHash(), e.seq(), e.at(), e.actor(), e.member(),
                    e.action(), e.subject(), e.detail()));
            prev = e.hash();
        }
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
