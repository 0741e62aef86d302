package org.tongban.ops.calendar;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.tongban.ops.metrics.MetricNames;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarCoverageTest {
    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), WorkingDayCalendar.ZONE);
    }

    @Test
    void in_november_the_next_year_is_not_needed_yet() {
        CalendarCoverage c = new CalendarCoverage(WorkingDayCalendar.shipped(), at("2026-11-21T02:00:00Z"), Duration.ofDays(30));
        assertThat(c.neededYears()).containsExactly(2026);
        assertThat(c.missingYears()).isEmpty();
        assertThat(c.problem()).isNull();
    }

    @Test
    void from_december_the_next_year_is_needed_and_its_absence_is_reported() {
        CalendarCoverage c = new CalendarCoverage(WorkingDayCalendar.shipped(), at("2026-12-05T02:00:00Z"), Duration.ofDays(30));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        c.bindTo(registry);

        assertThat(c.missingYears()).containsExactly(2027);
        assertThat(c.problem()).contains("[2027]").contains("calendar.files");
        assertThat(registry.get(MetricNames.CALENDAR_YEARS_MISSING).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(MetricNames.CALENDAR_YEAR_MISSING).tag(MetricNames.TAG_YEAR, "2027").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get(MetricNames.CALENDAR_YEAR_MISSING).tag(MetricNames.TAG_YEAR, "2026").gauge().value())
                .isZero();
    }

    @Test
    void a_year_that_arithmetic_asked_for_in_vain_is_needed() {
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
        CalendarCoverage c = new CalendarCoverage(calendar, at("2026-06-01T02:00:00Z"), Duration.ofDays(30));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        c.bindTo(registry);
        assertThat(registry.get(MetricNames.CALENDAR_YEARS_MISSING).gauge().value()).isZero();

        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.of(2023, 3, 1)))
                .isInstanceOf(CalendarYearMissingException.class);

        assertThat(c.missingYears()).containsExactly(2023);
        assertThat(registry.get(MetricNames.CALENDAR_YEARS_MISSING).gauge().value()).isEqualTo(1.0);
        c.refreshGauges();
        assertThat(registry.get(MetricNames.CALENDAR_YEAR_MISSING).tag(MetricNames.TAG_YEAR, "2023").gauge().value())
                .isEqualTo(1.0);
    }
}
