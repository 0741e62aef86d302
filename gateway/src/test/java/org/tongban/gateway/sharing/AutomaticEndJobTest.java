package org.tongban.gateway.sharing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.OutboxStats;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.SharingParts;
import org.tongban.gateway.testing.TestNodeParts;
import org.tongban.ops.metrics.MetricNames;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.contracts.testing.TestDirectory.HARBIN;
import static org.tongban.contracts.testing.TestDirectory.TIANJIN;

/**
 * 免申享: at the maximum period the penalizing member records the end of publicity and tells the
 * home member once; the home member's notice ends. TIANJIN shares with HARBIN (both hosted here)
 * and with HANGZHOU (on a peer node).
 */
class AutomaticEndJobTest {
    /** 轻微 under cn-2025 (maximum 3 months), decided 2026-06-15: publicity ends by itself on 2026-09-16. */
    private static final LocalDate MINOR_DECIDED = LocalDate.of(2026, 6, 15);
    /** 一般, decided 2026-06-15: maximum 12 months, ends by itself on 2027-06-16. */
    private static final LocalDate GENERAL_DECIDED = LocalDate.of(2026, 6, 15);

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-09-15T15:00:00Z")); // 2026-09-15 23:00 in China
    TestNodeParts parts;
    SharingParts sharing;
    AutomaticEndJob job;

    @BeforeEach
    void shareOneMinorAndOneGeneralPenaltyWithHarbinAndOneMinorWithHangzhou() {
        parts = TestNodeParts.create(dir, clock);
        sharing = new SharingParts(parts);
        job = sharing.automaticEnds();
        sharing.sharing(500).share(TIANJIN, null, new PenaltyPage(List.of(
                Notices.notice(TIANJIN, "230100", 1, MINOR_DECIDED, PenaltyCategory.MINOR),
                Notices.notice(TIANJIN, "230100", 2, GENERAL_DECIDED, PenaltyCategory.GENERAL),
                Notices.notice(TIANJIN, "330100", 3, MINOR_DECIDED, PenaltyCategory.MINOR)), "3", false));
    }

    @AfterEach
    void tearDown() {
        parts.close();
    }

    private List<NoticeRecord> atHarbin() {
        return parts.store().read(tx -> tx.sharing().listNotices(new NoticeFilter(HARBIN, null, null, null, 100, null)));
    }

    private long queuedForEast() {
        return parts.store().read(tx -> tx.outboxStats(clock.instant())).stream()
                .filter(s -> s.destination().equals("node:east")).mapToLong(OutboxStats::pending).sum();
    }

    @Test
    void nothing_ends_before_the_day_after_the_maximum_period() {
        assertThat(job.run()).isZero();
        assertThat(atHarbin()).noneMatch(NoticeRecord::ended);
    }

    @Test
    void at_the_maximum_period_the_end_is_shared_once_and_ends_the_home_members_notice() {
        long before = queuedForEast();
        clock.set(Instant.parse("2026-09-15T16:00:00Z")); // 2026-09-16 00:00 in China

        assertThat(job.run()).isEqualTo(2);

        NoticeRecord minor = atHarbin().get(0);
        assertThat(minor.endedOn()).isEqualTo(LocalDate.of(2026, 9, 16));
        assertThat(minor.endCause()).isEqualTo(PublicityEndCause.MAX_PERIOD_REACHED);
        assertThat(atHarbin().get(1).ended()).isFalse();
        assertThat(queuedForEast()).isEqualTo(before + 1);
        assertThat(sharing.counter(MetricNames.PUBLICITY_AUTO_ENDED, "member", "120000", "outcome", "shared"))
                .isEqualTo(2);

        clock.set(Instant.parse("2026-10-01T02:00:00Z"));
        assertThat(job.run()).isZero();
        assertThat(queuedForEast()).isEqualTo(before + 1);
    }
}
