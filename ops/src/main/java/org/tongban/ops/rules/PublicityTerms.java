package org.tongban.ops.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The dates a penalty's publicity follows under its rule, all counted from the decision date
 * (认定之日).
 *
 * <p>Month arithmetic follows 民法典 第二百零一条、第二百零二条: the decision day itself is not
 * counted; a period of N months ends on the day of the N-th following month that corresponds
 * to the decision day, and when that month has no such day (a decision on 31 January plus one
 * month), on that month's last day. So a period of N months ends on
 * {@code decisionDate.plusMonths(N)} ({@link LocalDate#plusMonths} clamps to the month's end):
 * <ul>
 *   <li>decided 2026-01-31, 3 months: ends 2026-04-30, repair from 2026-05-01;</li>
 *   <li>decided 2025-11-30, 3 months: ends 2026-02-28 (2026 is no leap year);</li>
 *   <li>decided 2024-02-29, 12 months: ends 2025-02-28.</li>
 * </ul>
 * A period "ends on" its last day, inclusive; the day after is the first day outside it.
 *
 * @param minimumPeriodEnds  last day of the minimum publicity period; null when there is none (0 months)
 * @param earliestApplication first day repair may be applied for: the day after the minimum period
 *                           ends, or the decision date itself when there is none; null when the
 *                           rule allows no repair before the maximum period
 * @param maximumPeriodEnds  last day of the maximum publicity period
 * @param automaticEnd       the day publicity has ended by itself (免申享): the day after the maximum period
 */
public record PublicityTerms(RuleSet ruleSet, PublicityRule rule, LocalDate decisionDate, LocalDate minimumPeriodEnds,
                             LocalDate earliestApplication, LocalDate maximumPeriodEnds, LocalDate automaticEnd) {
    public PublicityTerms {
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(decisionDate, "decisionDate");
        Objects.requireNonNull(maximumPeriodEnds, "maximumPeriodEnds");
        Objects.requireNonNull(automaticEnd, "automaticEnd");
    }

    /** The terms of a penalty decided on {@code decisionDate} under {@code rule} of {@code ruleSet}. */
    public static PublicityTerms of(RuleSet ruleSet, PublicityRule rule, LocalDate decisionDate) {
        LocalDate minEnds = rule.minPublicityMonths() == 0 ? null : periodEnd(decisionDate, rule.minPublicityMonths());
        LocalDate earliest = !rule.repairableBeforeMax() ? null
                : minEnds == null ? decisionDate : minEnds.plusDays(1);
        LocalDate maxEnds = periodEnd(decisionDate, rule.maxPublicityMonths());
        return new PublicityTerms(ruleSet, rule, decisionDate, minEnds, earliest, maxEnds, maxEnds.plusDays(1));
    }

    /** The last day of a period of {@code months} months counted from {@code start} (see the class comment). */
    public static LocalDate periodEnd(LocalDate start, int months) {
        if (months < 0) {
            throw new IllegalArgumentException("months must not be negative: " + months);
        }
        return start.plusMonths(months);
    }

    public boolean repairable() {
        return earliestApplication != null;
    }
}
