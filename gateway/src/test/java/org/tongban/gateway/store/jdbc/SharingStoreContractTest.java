package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.CanonicalJson;
import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.store.StoreException;
import org.tongban.gateway.store.Tx;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The penalty-sharing part of the store ({@code Tx.sharing()}), one contract for the embedded
 * store and PostgreSQL: idempotent notices, keyset lists, feed positions moved only from where they
 * were, and claims (reminders, automatic ends) that take each row once however many claimers run.
 */
abstract class SharingStoreContractTest {
    static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    static final MemberId HARBIN = TestDirectory.HARBIN;
    static final MemberId TIANJIN = TestDirectory.TIANJIN;
    static final MemberId HANGZHOU = TestDirectory.HANGZHOU;
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Ids IDS = Ids.defaults();

    /** A store on an empty database (migrated when opened). */
    protected abstract JdbcStore openEmptyStore();

    protected JdbcStore store;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        store = openEmptyStore();
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        store.close();
    }

    private <T> T tx(Function<Tx, T> work) {
        return store.inTransaction(work);
    }

    static NoticeRecord notice(MemberId home, MemberId penalizing, int serial, LocalDate earliest) {
        String first17 = "91" + home.value() + String.format("%09d", serial);
        Enterprise enterprise = new Enterprise(CreditCode.of(first17 + CreditCode.checkCharacter(first17)), "企业" + serial);
        PenaltyReference penalty = new PenaltyReference("罚〔2026〕" + serial + "号", "执法队", penalizing,
                LocalDate.of(2026, 5, 10), PenaltyCategory.GENERAL, "cn-2025");
        // even serials come as a batch of one, odd ones as a single PenaltyNotice
        return new NoticeRecord(IDS.next().toString(), home, enterprise, penalty, "超限运输", LocalDate.of(2026, 5, 15),
                IDS.newMessageId(), serial % 2 == 0 ? "batch-" + serial : null, serial % 2 == 0 ? 0 : null, T0, earliest,
                LocalDate.of(2027, 5, 11), null, null, null, null);
    }

    /** Notices {@code serials} as carried by one batch, in that order. */
    static List<NoticeRecord> batch(MemberId home, MemberId penalizing, LocalDate earliest, int... serials) {
        MessageId message = IDS.newMessageId();
        List<NoticeRecord> notices = new ArrayList<>();
        for (int i = 0; i < serials.length; i++) {
            NoticeRecord n = notice(home, penalizing, serials[i], earliest);
            notices.add(new NoticeRecord(n.noticeId(), home, n.enterprise(), n.penalty(), n.summary() + " " + i,
                    n.publishedOn(), message, "batch-of-" + serials.length, i, T0, earliest, n.automaticEnd(), null,
                    null, null, null));
        }
        return notices;
    }

    /** Stores the notices with the envelopes that carried them, as a received message is stored. */
    private void insert(List<NoticeRecord> notices) {
        tx((Tx tx) -> {
            Map<MessageId, List<NoticeRecord>> byMessage = new LinkedHashMap<>();
            notices.forEach(n -> byMessage.computeIfAbsent(n.messageId(), k -> new ArrayList<>()).add(n));
            byMessage.values().forEach(carried -> tx.insertInbox(inboxRecord(carried)));
            tx.sharing().insertNoticesLater(notices);
            return null;
        });
    }

    static InboxRecord inboxRecord(List<NoticeRecord> carried) {
        NoticeRecord first = carried.get(0);
        List<PenaltyNotice> notices = new ArrayList<>();
        for (int i = 0; i < carried.size(); i++) {
            assertThat(carried.get(i).leafIndex()).isEqualTo(first.batchId() == null ? null : i);
            notices.add(carried.get(i).notice());
        }
        return inboxed(carrying(first.messageId(), first.penalty().penalizingMember(), first.homeMember(),
                first.batchId(), notices));
    }

    /** The unsigned envelope {@code id} carrying {@code notices}: a batch when {@code batchId} is given, else its one notice. */
    static Envelope carrying(MessageId id, MemberId from, MemberId to, String batchId, List<PenaltyNotice> notices) {
        Payload payload = batchId == null ? notices.get(0) : PenaltyNoticeBatch.of(batchId, notices);
        OffsetDateTime sent = T0.atOffset(ZoneOffset.ofHours(8));
        return Envelope.unsigned(id, null, null, from, to, sent, sent.plusDays(7), null, payload);
    }

    /** The inbox row of envelope {@code e}, as received. */
    static InboxRecord inboxed(Envelope e) {
        byte[] canonical = Canonicalizer.canonicalize(e.toJson());
        return new InboxRecord(e.messageId(), e.from(), e.to(), e.type(), null, null, Digests.sha256Hex(canonical),
                CanonicalJson.ofUtf8(canonical), "{}", T0);
    }

    private List<NoticeRecord> list(NoticeFilter f) {
        return store.read((Tx tx) -> tx.sharing().listNotices(f));
    }

    @Nested
    class Notices {
        @Test
        void a_decision_is_stored_once_and_read_back_with_every_field() {
            NoticeRecord first = notice(HARBIN, HANGZHOU, 2, TODAY);
            NoticeRecord again = new NoticeRecord(IDS.next().toString(), HARBIN, first.enterprise(), first.penalty(), "另一说法",
                    null, IDS.newMessageId(), null, null, T0.plusSeconds(60), TODAY, null, null, null, null, null);
            insert(List.of(first));
            insert(List.of(again));

            assertThat(list(new NoticeFilter(HARBIN, null, null, null, 10, null))).containsExactly(first);
            assertThat(store.read((Tx tx) -> tx.sharing().notice(first.noticeId()))).contains(first);
            assertThat(store.read((Tx tx) -> tx.sharing().noticeOfPenalty(HANGZHOU, first.penalty().decisionNumber())))
                    .contains(first);
            assertThat(store.read((Tx tx) -> tx.sharing().hasNoticeOfPenalty(HANGZHOU, first.penalty().decisionNumber())))
                    .isTrue();
            assertThat(store.read((Tx tx) -> tx.sharing().hasNoticeOfPenalty(TIANJIN, first.penalty().decisionNumber())))
                    .isFalse();
        }

        @Test
        void the_notices_of_a_batch_are_read_with_the_details_of_their_own_positions() {
            List<NoticeRecord> carried = batch(HARBIN, HANGZHOU, TODAY, 11, 12, 13, 14, 15);
            List<NoticeRecord> other = batch(HARBIN, TIANJIN, TODAY, 21, 22);
            List<NoticeRecord> all = new ArrayList<>(carried);
            all.addAll(other);
            insert(all);

            assertThat(list(new NoticeFilter(HARBIN, null, null, null, 10, null))).containsExactlyElementsOf(all);
            // a page that starts and ends inside a batch, and single reads from its middle and its end
            assertThat(list(new NoticeFilter(HARBIN, null, null, null, 3, carried.get(1).noticeId())))
                    .containsExactly(carried.get(2), carried.get(3), carried.get(4));
            assertThat(store.read((Tx tx) -> tx.sharing().notice(carried.get(2).noticeId()))).contains(carried.get(2));
            assertThat(store.read((Tx tx) -> tx.sharing().noticeOfPenalty(TIANJIN, other.get(1).penalty().decisionNumber())))
                    .contains(other.get(1));
        }

        @Test
        void a_notice_whose_envelope_is_not_stored_is_reported_not_invented() {
            NoticeRecord n = notice(HARBIN, HANGZHOU, 3, TODAY);
            tx((Tx tx) -> {
                tx.sharing().insertNoticesLater(List.of(n));
                return null;
            });

            assertThatThrownBy(() -> store.read((Tx tx) -> tx.sharing().notice(n.noticeId())))
                    .isInstanceOf(StoreException.class).hasMessageContaining(n.messageId().toString())
                    .hasMessageContaining("not in the inbox");
            // the presence of a notice is answered from its row alone
            assertThat(store.read((Tx tx) -> tx.sharing().hasNoticeOfPenalty(HANGZHOU, n.penalty().decisionNumber())))
                    .isTrue();
        }

        @Test
        void lists_by_home_penalizing_member_credit_code_and_state_a_page_at_a_time() {
            List<NoticeRecord> all = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                all.add(notice(HARBIN, i <= 3 ? HANGZHOU : TIANJIN, i, TODAY));
            }
            all.add(notice(TIANJIN, HANGZHOU, 6, TODAY));
            insert(all);
            tx((Tx tx) -> tx.sharing().endNotice(HANGZHOU, all.get(0).penalty().decisionNumber(), TODAY, PublicityEndCause.REPAIRED));

            assertThat(list(new NoticeFilter(HARBIN, null, null, null, 10, null))).hasSize(5);
            assertThat(list(new NoticeFilter(null, null, null, null, 10, null))).hasSize(6);
            assertThat(list(new NoticeFilter(HARBIN, TIANJIN, null, null, 10, null))).hasSize(2);
            assertThat(list(new NoticeFilter(null, null, all.get(1).enterprise().creditCode().value(), null, 10, null)))
                    .extracting(NoticeRecord::noticeId).containsExactly(all.get(1).noticeId());
            assertThat(list(new NoticeFilter(HARBIN, null, null, true, 10, null))).extracting(NoticeRecord::noticeId)
                    .containsExactly(all.get(0).noticeId());
            assertThat(list(new NoticeFilter(HARBIN, null, null, false, 10, null))).hasSize(4);

            List<NoticeRecord> page1 = list(new NoticeFilter(HARBIN, null, null, null, 2, null));
            List<NoticeRecord> page2 = list(new NoticeFilter(HARBIN, null, null, null, 2, page1.get(1).noticeId()));
            List<NoticeRecord> page3 = list(new NoticeFilter(HARBIN, null, null, null, 2, page2.get(1).noticeId()));
            assertThat(List.of(page1, page2, page3)).extracting(List::size).containsExactly(2, 2, 1);
            assertThat(page3.get(0).noticeId()).isEqualTo(all.get(4).noticeId());
        }

        @Test
        void a_notice_ends_once_and_links_one_case() {
            NoticeRecord n = notice(HARBIN, HANGZHOU, 1, TODAY);
            insert(List.of(n));
            String number = n.penalty().decisionNumber();
            CaseId c1 = IDS.newCaseId();

            assertThat(tx((Tx tx) -> tx.sharing().endNotice(HANGZHOU, number, TODAY, PublicityEndCause.MAX_PERIOD_REACHED)))
                    .isTrue();
            assertThat(tx((Tx tx) -> tx.sharing().endNotice(HANGZHOU, number, TODAY.plusDays(1), PublicityEndCause.REPAIRED)))
                    .isFalse();
            assertThat(tx((Tx tx) -> tx.sharing().linkCase(n.noticeId(), c1))).isTrue();
            assertThat(tx((Tx tx) -> tx.sharing().linkCase(n.noticeId(), IDS.newCaseId()))).isFalse();

            NoticeRecord read = store.read((Tx tx) -> tx.sharing().notice(n.noticeId())).orElseThrow();
            assertThat(read.endedOn()).isEqualTo(TODAY);
            assertThat(read.endCause()).isEqualTo(PublicityEndCause.MAX_PERIOD_REACHED);
            assertThat(read.caseId()).isEqualTo(c1);
        }
    }

    @Nested
    class Reminders {
        @Test
        void takes_due_notices_once_and_leaves_future_ended_and_case_bound_ones() {
            NoticeRecord due = notice(HARBIN, HANGZHOU, 1, TODAY);
            NoticeRecord overdue = notice(TIANJIN, HANGZHOU, 2, TODAY.minusDays(30));
            NoticeRecord future = notice(HARBIN, HANGZHOU, 3, TODAY.plusDays(1));
            NoticeRecord ended = notice(HARBIN, HANGZHOU, 4, TODAY);
            NoticeRecord withCase = notice(HARBIN, HANGZHOU, 5, TODAY);
            NoticeRecord never = notice(HARBIN, HANGZHOU, 7, null);
            NoticeRecord p = notice(HARBIN, HANGZHOU, 9, TODAY.minusMonths(4));
            NoticeRecord pastMaximum = new NoticeRecord(p.noticeId(), HARBIN, p.enterprise(), p.penalty(), null, null,
                    p.messageId(), null, null, T0, TODAY.minusMonths(4), TODAY, null, null, null, null);
            insert(List.of(due, overdue, future, ended, withCase, never, pastMaximum));
            tx((Tx tx) -> tx.sharing().endNotice(HANGZHOU, ended.penalty().decisionNumber(), TODAY, PublicityEndCause.REPAIRED));
            tx((Tx tx) -> tx.sharing().linkCase(withCase.noticeId(), IDS.newCaseId()));

            List<NoticeRecord> first = tx((Tx tx) -> tx.sharing().claimDueReminders(TODAY, T0, 10));
            List<NoticeRecord> second = tx((Tx tx) -> tx.sharing().claimDueReminders(TODAY, T0.plusSeconds(60), 10));

            assertThat(first).extracting(NoticeRecord::noticeId).containsExactlyInAnyOrder(due.noticeId(), overdue.noticeId());
            assertThat(first).extracting(NoticeRecord::remindedAt).containsOnly(T0);
            assertThat(second).isEmpty();
            assertThat(tx((Tx tx) -> tx.sharing().claimDueReminders(TODAY.plusDays(1), T0, 10)))
                    .extracting(NoticeRecord::noticeId).containsExactly(future.noticeId());
        }

        /** The notices of one batch, the earliest application day of each given in carrying order. */
        private List<NoticeRecord> batchDue(LocalDate... earliest) {
            int[] serials = new int[earliest.length];
            for (int i = 0; i < serials.length; i++) {
                serials[i] = 500 + i;
            }
            List<NoticeRecord> notices = new ArrayList<>();
            for (NoticeRecord n : batch(HARBIN, HANGZHOU, TODAY, serials)) {
                notices.add(new NoticeRecord(n.noticeId(), n.homeMember(), n.enterprise(), n.penalty(), n.summary(),
                        n.publishedOn(), n.messageId(), n.batchId(), n.leafIndex(), n.receivedAt(),
                        earliest[n.leafIndex()], n.automaticEnd(), null, null, null, null));
            }
            return notices;
        }

        private List<String> claim(LocalDate today, int limit) {
            return tx((Tx tx) -> tx.sharing().claimDueReminders(today, T0, limit)).stream()
                    .map(NoticeRecord::noticeId).toList();
        }

        @Test
        void a_batch_is_reminded_day_by_day_and_across_claims() {
            List<NoticeRecord> b = batchDue(TODAY.plusDays(2), TODAY, null, TODAY.minusDays(1), TODAY, TODAY,
                    TODAY.plusDays(9), TODAY);
            insert(b);
            tx((Tx tx) -> tx.sharing().linkCase(b.get(5).noticeId(), IDS.newCaseId()));
            tx((Tx tx) -> tx.sharing().endNotice(HANGZHOU, b.get(6).penalty().decisionNumber(), TODAY, PublicityEndCause.REPAIRED));

            // due today: 3 (the day before), then 1, 4 and 7 (today) in notice-id order; 5 has a case
            List<String> first = claim(TODAY, 2);
            List<String> second = claim(TODAY, 2);
            assertThat(first).containsExactlyInAnyOrder(b.get(3).noticeId(), b.get(1).noticeId());
            assertThat(second).containsExactlyInAnyOrder(b.get(4).noticeId(), b.get(7).noticeId());
            assertThat(claim(TODAY, 2)).isEmpty();
            assertThat(claim(TODAY.plusDays(1), 10)).isEmpty();
            // 2 cannot be repaired, 6 ended before its day
            assertThat(claim(TODAY.plusDays(30), 10)).containsExactly(b.get(0).noticeId());
            assertThat(claim(TODAY.plusDays(30), 10)).isEmpty();
        }

        @Test
        void concurrent_claimers_remind_every_notice_exactly_once() throws Exception {
            int n = 240;
            List<NoticeRecord> notices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                notices.add(notice(HARBIN, HANGZHOU, 1000 + i, TODAY.minusDays(i % 5)));
            }
            insert(notices);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> claimers = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                claimers.add(threads.submit(() -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    while (true) {
                        List<NoticeRecord> got = tx((Tx tx) -> tx.sharing().claimDueReminders(TODAY, T0, 7));
                        if (got.isEmpty()) {
                            return mine;
                        }
                        got.forEach(r -> mine.add(r.noticeId()));
                    }
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : claimers) {
                all.addAll(f.get(60, SECONDS));
            }
            assertThat(all).hasSize(n).doesNotHaveDuplicates();
        }
    }

    @Nested
    class Penalizing_side {
        /**
         * Records penalties shared as a node does: each message's envelope, carrying their notices
         * in their order, is queued in the outbox in the same transaction.
         */
        private void share(Tx tx, List<SharedPenaltyRecord> records) {
            Map<MessageId, List<SharedPenaltyRecord>> byMessage = new LinkedHashMap<>();
            records.forEach(r -> byMessage.computeIfAbsent(r.messageId(), k -> new ArrayList<>()).add(r));
            byMessage.forEach((id, shared) -> tx.enqueue(queued(sharingEnvelope(id, shared))));
            tx.sharing().recordSharedLater(records);
        }

        /** The outbox row of envelope {@code e}, sent to a peer node. */
        private OutboxRecord queued(Envelope e) {
            return OutboxRecord.pending(e.messageId(), OutboxRecord.nodeDestination("north"), e.messageId().toString(),
                    e.type(), e.to(), null, null, CanonicalJson.ofUtf8(Canonicalizer.canonicalize(e.toJson())), T0);
        }

        /** The envelope that shares {@code shared}: a batch, or a single notice when it is one. */
        private Envelope sharingEnvelope(MessageId id, List<SharedPenaltyRecord> shared) {
            List<PenaltyNotice> notices = new ArrayList<>();
            shared.forEach(r -> notices.add(new PenaltyNotice(r.enterprise(), r.penalty(), "超限运输",
                    LocalDate.of(2026, 5, 15))));
            return carrying(id, shared.get(0).penalty().penalizingMember(), shared.get(0).homeMember(),
                    notices.size() == 1 ? null : "batch-" + id, notices);
        }
        private SharedPenaltyRecord shared(int serial, LocalDate automaticEnd) {
            NoticeRecord n = notice(HARBIN, TIANJIN, serial, null);
            return new SharedPenaltyRecord(HARBIN, n.enterprise(), n.penalty(), IDS.newMessageId(), T0, automaticEnd, null,
                    null);
        }

        @Test
        void the_feed_position_moves_only_from_where_it_was() {
            assertThat(store.read((Tx tx) -> tx.sharing().penaltyFeedPosition(TIANJIN))).isEmpty();
            assertThat(tx((Tx tx) -> tx.sharing().advancePenaltyFeed(TIANJIN, null, "a", T0))).isTrue();
            assertThat(tx((Tx tx) -> tx.sharing().advancePenaltyFeed(TIANJIN, null, "b", T0))).isFalse();
            assertThat(tx((Tx tx) -> tx.sharing().advancePenaltyFeed(TIANJIN, "a", "b", T0))).isTrue();
            assertThat(tx((Tx tx) -> tx.sharing().advancePenaltyFeed(TIANJIN, "a", "c", T0))).isFalse();
            assertThat(store.read((Tx tx) -> tx.sharing().penaltyFeedPosition(TIANJIN))).contains("b");
            assertThat(store.read((Tx tx) -> tx.sharing().penaltyFeedPosition(HARBIN))).isEmpty();
        }

        @Test
        void a_shared_penalty_is_recorded_once_and_its_automatic_end_claimed_once_when_due() {
            SharedPenaltyRecord due = shared(1, TODAY);
            SharedPenaltyRecord later = shared(2, TODAY.plusDays(1));
            SharedPenaltyRecord uncovered = shared(3, null);
            tx((Tx tx) -> {
                share(tx, List.of(due, later, uncovered));
                share(tx, List.of(shared(1, TODAY.minusYears(1))));
                return null;
            });

            List<SharedPenaltyRecord> claimed = tx((Tx tx) -> {
                List<SharedPenaltyRecord> c = tx.sharing().claimAutomaticEnds(TODAY, 10);
                c.forEach(r -> tx.sharing().markAutomaticallyEnded(r.penalty().penalizingMember(),
                        r.penalty().decisionNumber(), T0, IDS.newMessageId()));
                return c;
            });
            assertThat(claimed).containsExactly(due);
            assertThat(tx((Tx tx) -> tx.sharing().claimAutomaticEnds(TODAY, 10))).isEmpty();
            assertThat(tx((Tx tx) -> tx.sharing().claimAutomaticEnds(TODAY.plusYears(5), 10)))
                    .extracting(r -> r.penalty().decisionNumber()).containsExactly(later.penalty().decisionNumber());
        }

        /** The penalties of one message (a batch) shared at {@code T0}, with their automatic ends. */
        private List<SharedPenaltyRecord> batch(int firstSerial, LocalDate... automaticEnds) {
            org.tongban.contracts.id.MessageId message = IDS.newMessageId();
            List<SharedPenaltyRecord> records = new ArrayList<>();
            for (int i = 0; i < automaticEnds.length; i++) {
                NoticeRecord n = notice(HARBIN, TIANJIN, firstSerial + i, null);
                records.add(new SharedPenaltyRecord(HARBIN, n.enterprise(), n.penalty(), message, T0, automaticEnds[i],
                        null, null));
            }
            return records;
        }

        private List<SharedPenaltyRecord> claimAndEnd(LocalDate today, int limit) {
            return tx((Tx tx) -> {
                List<SharedPenaltyRecord> c = tx.sharing().claimAutomaticEnds(today, limit);
                c.forEach(r -> tx.sharing().markAutomaticallyEnded(r.penalty().penalizingMember(),
                        r.penalty().decisionNumber(), T0, IDS.newMessageId()));
                return c;
            });
        }

        @Test
        void a_claimed_penalty_has_the_details_its_envelope_carries_from_the_outbox_or_after_a_hand_over_the_inbox() {
            List<SharedPenaltyRecord> sent = batch(60, TODAY, TODAY.plusDays(1), TODAY);
            List<SharedPenaltyRecord> handedOver = batch(70, TODAY, TODAY);
            tx((Tx tx) -> {
                share(tx, sent);
                tx.insertInbox(inboxed(sharingEnvelope(handedOver.get(0).messageId(), handedOver)));
                tx.sharing().recordSharedLater(handedOver);
                return null;
            });

            // equal records: enterprise, authority, decision date, category and rule set as the envelopes carry them
            assertThat(claimAndEnd(TODAY, 10)).containsExactly(sent.get(0), sent.get(2), handedOver.get(0),
                    handedOver.get(1));
            assertThat(claimAndEnd(TODAY.plusDays(1), 10)).containsExactly(sent.get(1));
        }

        @Test
        void a_claim_whose_envelope_is_missing_fails_naming_the_message() {
            List<SharedPenaltyRecord> b = batch(80, TODAY, TODAY);
            tx((Tx tx) -> {
                tx.sharing().recordSharedLater(b);
                return null;
            });

            assertThatThrownBy(() -> claimAndEnd(TODAY, 10)).isInstanceOf(StoreException.class)
                    .hasMessageContaining(b.get(0).messageId().toString())
                    .hasMessageContaining("neither in the outbox nor in the inbox");
        }

        @Test
        void a_claim_whose_envelope_carries_another_decision_at_a_position_fails() {
            List<SharedPenaltyRecord> b = batch(90, TODAY, TODAY);
            tx((Tx tx) -> {
                tx.enqueue(queued(sharingEnvelope(b.get(0).messageId(), List.of(b.get(1), b.get(0)))));
                tx.sharing().recordSharedLater(b);
                return null;
            });

            assertThatThrownBy(() -> claimAndEnd(TODAY, 10)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("at position 0, where its shared message lists " + b.get(0).penalty()
                            .decisionNumber());
        }

        @Test
        void the_penalties_of_one_message_end_each_on_its_own_day_a_claim_at_a_time() {
            List<SharedPenaltyRecord> b = batch(10, TODAY.minusDays(2), TODAY.plusDays(3), null, TODAY,
                    TODAY.minusDays(1), TODAY.plusDays(3), TODAY);
            tx((Tx tx) -> {
                share(tx, b);
                return null;
            });

            List<SharedPenaltyRecord> first = claimAndEnd(TODAY, 2);
            List<SharedPenaltyRecord> second = claimAndEnd(TODAY, 2);
            List<SharedPenaltyRecord> third = claimAndEnd(TODAY, 2);
            assertThat(first).containsExactly(b.get(0), b.get(3));
            assertThat(second).containsExactly(b.get(4), b.get(6));
            assertThat(third).isEmpty();
            assertThat(claimAndEnd(TODAY.plusDays(2), 10)).isEmpty();
            assertThat(claimAndEnd(TODAY.plusDays(3), 10)).containsExactly(b.get(1), b.get(5));
            assertThat(claimAndEnd(TODAY.plusYears(9), 10)).isEmpty();
        }

        @Test
        void penalties_claimed_but_not_recorded_as_ended_are_claimed_again() {
            List<SharedPenaltyRecord> b = batch(30, TODAY, TODAY, TODAY.plusDays(1));
            tx((Tx tx) -> {
                share(tx, b);
                return null;
            });

            assertThat(tx((Tx tx) -> tx.sharing().claimAutomaticEnds(TODAY, 10))).containsExactly(b.get(0), b.get(1));
            assertThat(claimAndEnd(TODAY, 10)).containsExactly(b.get(0), b.get(1));
            assertThat(claimAndEnd(TODAY.plusDays(1), 10)).containsExactly(b.get(2));
        }

        @Test
        void a_decision_shared_again_in_a_later_batch_ends_once_as_first_shared() {
            List<SharedPenaltyRecord> earlier = batch(40, TODAY, TODAY.plusDays(5));
            List<SharedPenaltyRecord> later = batch(41, TODAY.minusDays(3), TODAY.minusDays(3));
            tx((Tx tx) -> {
                share(tx, earlier);
                return null;
            });
            tx((Tx tx) -> {
                share(tx, later);
                return null;
            });

            // serial 41 is in both: the earlier batch shared it first, with its automatic end in 5 days
            assertThat(claimAndEnd(TODAY, 10)).containsExactly(later.get(1), earlier.get(0));
            assertThat(claimAndEnd(TODAY.plusDays(4), 10)).isEmpty();
            assertThat(claimAndEnd(TODAY.plusDays(5), 10)).containsExactly(earlier.get(1));
            assertThat(claimAndEnd(TODAY.plusYears(9), 10)).isEmpty();
        }

        @Test
        void concurrent_claimers_end_every_due_penalty_once() throws Exception {
            int n = 90;
            List<SharedPenaltyRecord> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                records.add(shared(100 + i, TODAY.minusDays(i % 3)));
            }
            tx((Tx tx) -> {
                share(tx, records);
                return null;
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Set<String>>> claimers = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                claimers.add(threads.submit(() -> {
                    start.await();
                    Set<String> mine = new HashSet<>();
                    while (true) {
                        List<SharedPenaltyRecord> got = tx((Tx tx) -> {
                            List<SharedPenaltyRecord> g = tx.sharing().claimAutomaticEnds(TODAY, 4);
                            g.forEach(r -> tx.sharing().markAutomaticallyEnded(r.penalty().penalizingMember(),
                                    r.penalty().decisionNumber(), T0, null));
                            return g;
                        });
                        if (got.isEmpty()) {
                            return mine;
                        }
                        got.forEach(r -> assertThat(mine.add(r.penalty().decisionNumber())).isTrue());
                    }
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<Set<String>> f : claimers) {
                all.addAll(f.get(60, SECONDS));
            }
            assertThat(all).hasSize(n).doesNotHaveDuplicates();
        }
    }
}
