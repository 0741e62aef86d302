package org.tongban.ops.calendar;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of working-day arithmetic over every start day of the shipped years (2024-01-01 to
 * 2026-10-31, so that 40 working days stay inside 2026).
 */
class WorkingDayProperties {
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    private static LocalDate day(int offset) {
        return FIRST.plusDays(offset);
    }

    @Property
    void counting_undoes_adding(@ForAll @IntRange(min = 0, max = 1034) int offset, @ForAll @IntRange(max = 40) int n) {
        LocalDate start = day(offset);
        assertThat(CALENDAR.workingDaysBetween(start, CALENDAR.addWorkingDays(start, n))).isEqualTo(n);
    }

    @Property
    void adding_at_least_one_day_lands_on_a_working_day(@ForAll @IntRange(min = 0, max = 1034) int offset,
                                                        @ForAll @IntRange(min = 1, max = 40) int n) {
        assertThat(CALENDAR.isWorkingDay(CALENDAR.addWorkingDays(day(offset), n))).isTrue();
    }

    @Property
    void one_more_working_day_is_later_and_skips_only_days_off(@ForAll @IntRange(min = 0, max = 1034) int offset,
                                                                @ForAll @IntRange(max = 39) int n) {
        LocalDate a = CALENDAR.addWorkingDays(day(offset), n);
        LocalDate b = CALENDAR.addWorkingDays(day(offset), n + 1);
        assertThat(b).isAfter(a);
        for (LocalDate d = a.plusDays(1); d.isBefore(b); d = d.plusDays(1)) {
            assertThat(CALENDAR.isWorkingDay(d)).as("%s lies between working days %s and %s", d, a, b).isFalse();
        }
    }

    @Property
    void counting_grows_with_the_end_date_and_adds_up(@ForAll @IntRange(min = 0, max = 1000) int offset,
                                                      @ForAll @IntRange(max = 30) int first,
                                                      @ForAll @IntRange(max = 30) int second) {
        LocalDate a = day(offset);
        LocalDate b = a.plusDays(first);
        LocalDate c = b.plusDays(second);
        int ab = CALENDAR.workingDaysBetween(a, b);
        int bc = CALENDAR.workingDaysBetween(b, c);
        assertThat(ab).isBetween(0, first);
        assertThat(CALENDAR.workingDaysBetween(a, c)).isEqualTo(ab + bc).isGreaterThanOrEqualTo(ab);
    }

    @Property
    void a_deadline_is_midnight_in_china_after_the_start_and_n_working_days_later(
            @ForAll @IntRange(min = 0, max = 1034 * 24) int hours, @ForAll @IntRange(max = 40) int n) {
        Instant start = FIRST.atStartOfDay(WorkingDayCalendar.ZONE).toInstant().plusSeconds(hours * 3600L + 17);
        Instant deadline = CALENDAR.deadline(start, n);
        assertThat(deadline).isAfter(start);
        assertThat(deadline.atZone(WorkingDayCalendar.ZONE).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
        LocalDate lastDay = WorkingDayCalendar.dateOf(deadline.minusSeconds(1));
        assertThat(CALENDAR.workingDaysBetween(WorkingDayCalendar.dateOf(start), lastDay)).isEqualTo(n);
    }
}
