package org.tongban.gateway.sharing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
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
import static org.tongban.contracts.testing.TestDirectory.HANGZHOU;
import static org.tongban.contracts.testing.TestDirectory.HARBIN;

/**
 * 期满提醒: the home office is reminded once, on the calendar day in China on which repair of a
 * notice's penalty can first be applied for; not before, not twice, not for a notice whose
 * publicity ended.
 */
class ReminderJobTest {
    /** Decided 2026-09-10, 一般 under cn-2025: repair can be applied for from 2026-12-11. */
    private static final LocalDate DECIDED = LocalDate.of(2026, 9, 10);
    /** 2026-12-10 23:59 in China. */
    private static final Instant EVE = Instant.parse("2026-12-10T15:59:00Z");
    /** 2026-12-11 00:01 in China, still 2026-12-10 in UTC. */
    private static final Instant DAY = Instant.parse("2026-12-10T16:01:00Z");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock();
    TestNodeParts parts;
    SharingParts sharing;
    ReminderJob job;

    @BeforeEach
    void setUp() {
        parts = TestNodeParts.create(dir, clock);
        sharing = new SharingParts(parts);
        job = sharing.reminders();
    }

    @AfterEach
    void tearDown() {
        parts.close();
    }

    private PenaltyNotice receive(long serial) {
        PenaltyNotice n = Notices.notice(HANGZHOU, "230100", serial, DECIDED);
        parts.receive(parts.signedBy(HANGZHOU, HARBIN, n));
        return n;
    }

    private List<NoticeRecord> atHarbin() {
        return parts.store().read(tx -> tx.sharing().listNotices(new NoticeFilter(HARBIN, null, null, null, 100, null)));
    }

    @Test
    void reminds_once_on_the_first_day_of_application_in_china() {
        receive(1);
        receive(2);
        assertThat(atHarbin()).extracting(NoticeRecord::earliestApplication).containsOnly(LocalDate.of(2026, 12, 11));

        clock.set(EVE);
        assertThat(job.run()).isZero();
        assertThat(atHarbin()).extracting(NoticeRecord::remindedAt).containsOnlyNulls();

        clock.set(DAY);
        assertThat(job.run()).isEqualTo(2);
        assertThat(atHarbin()).extracting(NoticeRecord::remindedAt).containsOnly(DAY);
        assertThat(sharing.counter(MetricNames.PENALTY_REMINDERS, "member", "230100")).isEqualTo(2);

        clock.set(DAY.plusSeconds(86_400 * 3));
        assertThat(job.run()).isZero();
        assertThat(atHarbin()).extracting(NoticeRecord::remindedAt).containsOnly(DAY);
        assertThat(sharing.counter(MetricNames.PENALTY_REMINDERS, "member", "230100")).isEqualTo(2);
    }

    @Test
    void a_notice_that_arrives_after_its_day_is_reminded_at_the_next_run() {
        clock.set(DAY.plusSeconds(86_400 * 30));
        receive(1);
        assertThat(job.run()).isEqualTo(1);
    }

    @Test
    void a_notice_whose_publicity_ended_or_that_opened_a_case_is_not_reminded() {
        PenaltyNotice ended = receive(1);
        receive(2);
        parts.receive(parts.signedBy(HANGZHOU, HARBIN, new PublicityEnded(ended.enterprise(), ended.penalty(),
                PublicityEndCause.REPAIRED, LocalDate.of(2026, 12, 1), List.of(PublicityChannel.CREDIT_CHINA))));
        NoticeRecord withCase = atHarbin().get(1);
        parts.store().inTransaction(tx -> tx.sharing().linkCase(withCase.noticeId(),
                org.tongban.contracts.id.CaseId.parse("019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b")));

        clock.set(DAY);
        assertThat(job.run()).isZero();
    }

    @Test
    void takes_due_notices_in_chunks_until_none_is_left() {
        int n = ReminderJob.CHUNK + 3;
        java.util.List<PenaltyNotice> many = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            many.add(Notices.notice(HANGZHOU, "230100", 100 + i, DECIDED));
        }
        parts.receive(parts.signedBy(HANGZHOU, HARBIN, org.tongban.contracts.message.PenaltyNoticeBatch.of("many", many)));
        clock.set(DAY);
        assertThat(job.run()).isEqualTo(n);
        assertThat(job.run()).isZero();
    }
}
