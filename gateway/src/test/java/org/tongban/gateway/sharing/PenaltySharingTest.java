package org.tongban.gateway.sharing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.OutboxStats;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.SharingParts;
import org.tongban.gateway.testing.TestNodeParts;
import org.tongban.ops.metrics.MetricNames;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The penalizing side: a page of a platform's penalty feed is routed, batched, signed, queued or
 * handed over, and the feed position moves in the same transaction. TIANJIN and HARBIN are hosted
 * here (hand-over in-process); HANGZHOU is on a peer node (outbox).
 */
class PenaltySharingTest {
    private static final MemberId TIANJIN = TestDirectory.TIANJIN;
    private static final MemberId HARBIN = TestDirectory.HARBIN;
    private static final LocalDate DECIDED = LocalDate.of(2026, 5, 10);

    @TempDir
    Path dir;
    TestNodeParts parts;
    SharingParts sharingParts;

    @BeforeEach
    void setUp() {
        parts = TestNodeParts.create(dir, new MutableClock());
        sharingParts = new SharingParts(parts);
    }

    @AfterEach
    void tearDown() {
        parts.close();
    }

    private List<NoticeRecord> noticesAt(MemberId home) {
        return parts.store().read(tx -> tx.sharing().listNotices(new NoticeFilter(home, null, null, null, 100, null)));
    }

    private long queuedFor(String destination) {
        return parts.store().read(tx -> tx.outboxStats(parts.clock().instant())).stream()
                .filter(s -> s.destination().equals(destination)).mapToLong(OutboxStats::pending).sum();
    }

    private Optional<String> position(MemberId member) {
        return parts.store().read(tx -> tx.sharing().penaltyFeedPosition(member));
    }

    @Nested
    class To_a_member_on_this_node {
        @Test
        void three_notices_with_batches_of_two_go_as_one_batch_and_one_single_notice() {
            PenaltySharing sharing = sharingParts.sharing(2);
            List<PenaltyNotice> page = List.of(Notices.notice(TIANJIN, "230102", 1, DECIDED),
                    Notices.notice(TIANJIN, "230103", 2, DECIDED), Notices.notice(TIANJIN, "230100", 3, DECIDED));

            PenaltySharing.Result r = sharing.share(TIANJIN, null, new PenaltyPage(page, "3", false));

            assertThat(r.stored()).isTrue();
            assertThat(r.envelopes()).isEqualTo(2);
            assertThat(r.batched()).isEqualTo(2);
            assertThat(r.single()).isEqualTo(1);
            List<NoticeRecord> atHarbin = noticesAt(HARBIN);
            assertThat(atHarbin).extracting(n -> n.penalty().decisionNumber())
                    .containsExactlyElementsOf(page.stream().map(n -> n.penalty().decisionNumber()).toList());
            assertThat(atHarbin.subList(0, 2)).allSatisfy(n -> assertThat(n.batchId()).startsWith("120000-"));
            assertThat(atHarbin.subList(0, 2)).extracting(NoticeRecord::leafIndex).containsExactly(0, 1);
            assertThat(atHarbin.get(2).batchId()).isNull();
            assertThat(atHarbin).allSatisfy(n -> {
                assertThat(n.homeMember()).isEqualTo(HARBIN);
                assertThat(n.earliestApplication()).isEqualTo(LocalDate.of(2026, 8, 11));
                assertThat(n.automaticEnd()).isEqualTo(LocalDate.of(2027, 5, 11));
            });
            assertThat(position(TIANJIN)).contains("3");
            assertThat(sharingParts.counter(MetricNames.PENALTY_NOTICES_SHARED, "member", "120000", "outcome", "batched"))
                    .isEqualTo(2);
            assertThat(sharingParts.counter(MetricNames.PENALTY_NOTICES_SHARED, "member", "120000", "outcome", "single"))
                    .isEqualTo(1);
            assertThat(sharingParts.counter(MetricNames.PENALTY_NOTICES_RECEIVED, "member", "230100", "peer", "120000",
                    "type", "PenaltyNoticeBatch")).isEqualTo(2);
        }
    }

    @Nested
    class To_a_member_on_a_peer_node {
        @Test
        void a_batch_waits_in_the_outbox_for_the_peer_and_each_penalty_is_remembered_for_its_automatic_end() {
            PenaltySharing sharing = sharingParts.sharing(500);
            List<PenaltyNotice> page = List.of(Notices.notice(TIANJIN, "330102", 1, DECIDED),
                    Notices.notice(TIANJIN, "330106", 2, DECIDED), Notices.notice(TIANJIN, "330100", 3, DECIDED));

            PenaltySharing.Result r = sharing.share(TIANJIN, null, new PenaltyPage(page, "p1", true));

            assertThat(r.envelopes()).isEqualTo(1);
            assertThat(queuedFor("node:east")).isEqualTo(1);
            // the automatic end is due on 2027-05-11, so nothing is claimable on 2027-05-10 and all three the day after
            List<SharedPenaltyRecord> eve = parts.store().inTransaction(
                    tx -> tx.sharing().claimAutomaticEnds(LocalDate.of(2027, 5, 10), 10));
            List<SharedPenaltyRecord> day = parts.store().inTransaction(
                    tx -> tx.sharing().claimAutomaticEnds(LocalDate.of(2027, 5, 11), 10));
            assertThat(eve).isEmpty();
            assertThat(day).extracting(s -> s.homeMember().value()).containsExactly("330100", "330100", "330100");
        }
    }

    @Nested
    class Not_shared {
        @Test
        void enterprises_at_home_outside_the_federation_or_of_another_authority_are_counted_and_the_position_moves() {
            PenaltySharing sharing = sharingParts.sharing(500);
            List<PenaltyNotice> page = List.of(Notices.notice(TIANJIN, "120104", 1, DECIDED),
                    Notices.notice(TIANJIN, "310115", 2, DECIDED), Notices.notice(TIANJIN, "420000", 3, DECIDED),
                    Notices.notice(HARBIN, "330100", 4, DECIDED));

            PenaltySharing.Result r = sharing.share(TIANJIN, null, new PenaltyPage(page, "4", false));

            assertThat(r.stored()).isTrue();
            assertThat(r.envelopes()).isZero();
            assertThat(r.count(HomeRouting.Outcome.AT_HOME)).isEqualTo(1);
            assertThat(r.count(HomeRouting.Outcome.HOME_NOT_IN_DIRECTORY)).isEqualTo(2);
            assertThat(r.count(HomeRouting.Outcome.NOT_THIS_MEMBER)).isEqualTo(1);
            assertThat(sharingParts.counter(MetricNames.PENALTY_NOTICES_SHARED, "member", "120000", "outcome",
                    "home_not_in_directory")).isEqualTo(2);
            assertThat(position(TIANJIN)).contains("4");
            assertThat(queuedFor("node:east")).isZero();
        }
    }

    @Nested
    class Feed_position {
        @Test
        void a_page_read_from_a_position_another_process_has_moved_past_stores_nothing() {
            PenaltySharing sharing = sharingParts.sharing(500);
            sharing.share(TIANJIN, null, new PenaltyPage(List.of(Notices.notice(TIANJIN, "230100", 1, DECIDED)), "1", true));

            // a second process read the same first page, from the beginning
            PenaltySharing.Result late = sharing.share(TIANJIN, null,
                    new PenaltyPage(List.of(Notices.notice(TIANJIN, "230100", 1, DECIDED)), "1", true));

            assertThat(late.stored()).isFalse();
            assertThat(noticesAt(HARBIN)).hasSize(1);
            assertThat(sharing.position(TIANJIN)).isEqualTo("1");
        }

        @Test
        void an_empty_page_with_a_new_cursor_still_moves_the_position() {
            PenaltySharing sharing = sharingParts.sharing(500);
            sharing.share(TIANJIN, null, new PenaltyPage(List.of(), "cursor-after-nothing", false));
            assertThat(sharing.position(TIANJIN)).isEqualTo("cursor-after-nothing");
        }
    }
}
