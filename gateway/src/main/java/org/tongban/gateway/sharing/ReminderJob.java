package org.tongban.gateway.sharing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reminds home offices when repair of a notice's penalty can be applied for (期满提醒): once the
 * earliest application day (a calendar day in China) has come, each notice still published and
 * without a case is marked reminded, exactly once, in the store; the office sees
 * {@code remindedAt} in its list of notices, the count goes to a metric, and a log line names the
 * notices. Several processes on one PostgreSQL may run it at once: the claim skips rows another
 * holds and takes each notice once. Blocking: run on a worker ({@link PeriodicJob}).
 */
public final class ReminderJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);
    static final int CHUNK = 500;

    private final Store store;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public ReminderJob(Store store, GatewayMetrics metrics, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reminds every notice due today; returns how many were reminded in this run. */
    public int run() {
        LocalDate today = ChinaCalendarDay.today(clock);
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            List<NoticeRecord> due = store.inTransaction(tx -> tx.sharing().claimDueReminders(today, now, CHUNK));
            report(due, today);
            total += due.size();
            if (due.size() < CHUNK) {
                return total;
            }
        }
    }

    private void report(List<NoticeRecord> due, LocalDate today) {
        Map<String, List<NoticeRecord>> byMember = new TreeMap<>();
        for (NoticeRecord n : due) {
            byMember.computeIfAbsent(n.homeMember().value(), k -> new java.util.ArrayList<>()).add(n);
            LOG.atDebug().addKeyValue("member", n.homeMember()).addKeyValue("noticeId", n.noticeId())
                    .log("期满提醒: repair of penalty {} ({}) of {} {} can be applied for since {}",
                            n.penalty().decisionNumber(), n.penalty().penalizingMember(), n.enterprise().creditCode(),
                            n.enterprise().name(), n.earliestApplication());
        }
        byMember.forEach((member, notices) -> {
            metrics.reminders(member, notices.size());
            LOG.atInfo().addKeyValue("member", member).log("期满提醒: repair of {} penalty notice(s) of member {} can be"
                    + " applied for as of {}: {}", notices.size(), member, today, sample(notices));
        });
    }

    /** The first few decision numbers, for the log line. */
    private static String sample(List<NoticeRecord> notices) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, notices.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(notices.get(i).penalty().decisionNumber());
        }
        return notices.size() > 5 ? sb + " and " + (notices.size() - 5) + " more" : sb.toString();
    }
}
