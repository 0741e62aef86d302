package org.tongban.ops.calendar;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.tongban.ops.metrics.MetricNames;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which years a node needs working-day data for, and which of them it lacks. A node needs the
 * current year, the year {@code lookahead} from now (so the next year's notice is asked for
 * before deadlines can reach into it; the State Council publishes it in October or November),
 * and every year that arithmetic already asked for and did not find.
 *
 * <p>As a {@link MeterBinder}: {@code tongban.calendar.years.missing} (how many needed years
 * lack data) and {@code tongban.calendar.year.missing{year}} (1 while that needed year lacks
 * data, 0 once a needed year is present). Both are read live at each scrape; a year that becomes
 * needed gets its gauge at the next {@link #refreshGauges()} (readiness checks call it).
 */
public final class CalendarCoverage implements MeterBinder {
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final Duration lookahead;
    private final Set<Integer> yearsWithGauge = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;

    public CalendarCoverage(WorkingDayCalendar calendar, Clock clock, Duration lookahead) {
        if (lookahead.isNegative()) {
            throw new IllegalArgumentException("lookahead must not be negative");
        }
        this.calendar = calendar;
        this.clock = clock;
        this.lookahead = lookahead;
    }

    /** The years needed now: this year, the year {@code lookahead} ahead, and years asked for in vain. */
    public SortedSet<Integer> neededYears() {
        LocalDate today = WorkingDayCalendar.dateOf(clock.instant());
        LocalDate ahead = LocalDate.ofInstant(clock.instant().plus(lookahead), WorkingDayCalendar.ZONE);
        SortedSet<Integer> needed = new TreeSet<>();
        for (int y = today.getYear(); y <= ahead.getYear(); y++) {
            needed.add(y);
        }
        needed.addAll(calendar.yearsAskedButMissing());
        return needed;
    }

    /** The needed years without data; empty when the node is covered. */
    public SortedSet<Integer> missingYears() {
        SortedSet<Integer> missing = new TreeSet<>();
        for (int y : neededYears()) {
            if (!calendar.covers(y)) {
                missing.add(y);
            }
        }
        return Collections.unmodifiableSortedSet(missing);
    }

    /**
     * A sentence for readiness: null when covered. Also gives each newly needed year its gauge
     * (never from inside a scrape, where registering meters is not safe).
     */
    public String problem() {
        refreshGauges();
        SortedSet<Integer> missing = missingYears();
        if (missing.isEmpty()) {
            return null;
        }
        return "no working-day calendar for " + missing + " (loaded: " + calendar.years() + "); SLA deadlines that"
                + " reach into " + (missing.size() == 1 ? "that year" : "those years") + " cannot be computed: add the"
                + " State Council holiday notice as a holiday-cn JSON file under calendar.files";
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        Gauge.builder(MetricNames.CALENDAR_YEARS_MISSING, this, c -> c.missingYears().size())
                .description("Needed years (this year, the year ahead, years asked for) without working-day data")
                .register(meterRegistry);
        refreshGauges();
    }

    /** Registers the per-year gauge of every year needed now that has none yet. */
    public void refreshGauges() {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        for (int y : neededYears()) {
            if (yearsWithGauge.add(y)) {
                int year = y;
                Gauge.builder(MetricNames.CALENDAR_YEAR_MISSING, this, c -> c.calendar.covers(year) ? 0 : 1)
                        .description("1 while a needed year has no working-day data")
                        .tag(MetricNames.TAG_YEAR, Integer.toString(year)).register(r);
            }
        }
    }
}
