package org.tongban.ops.sla;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.ops.calendar.CalendarYearMissingException;
import org.tongban.ops.calendar.WorkingDayCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaLimitTest {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    private static Instant cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Nested
    class Parsing {
        @Test
        void reads_working_days_and_elapsed_times() {
            assertThat(SlaLimit.parse("3wd")).isEqualTo(new SlaLimit.WorkingDays(3));
            assertThat(SlaLimit.parse("24h")).isEqualTo(new SlaLimit.Elapsed(Duration.ofHours(24)));
            assertThat(SlaLimit.parse("90s")).isEqualTo(new SlaLimit.Elapsed(Duration.ofSeconds(90)));
            assertThat(SlaLimit.parse("2d")).as("d is 24 hours, not a working day")
                    .isEqualTo(new SlaLimit.Elapsed(Duration.ofDays(2)));
            assertThat(SlaLimit.parse("PT1H30M")).isEqualTo(new SlaLimit.Elapsed(Duration.ofMinutes(90)));
        }

        @Test
        void its_text_reads_back() {
            for (String t : List.of("3wd", "24h", "500ms", "PT24H")) {
                SlaLimit l = SlaLimit.parse(t);
                assertThat(SlaLimit.parse(l.text())).isEqualTo(l);
            }
        }

        @Test
        void refuses_what_is_not_a_limit() {
            for (String t : List.of("", "3", "3w", "0wd", "-1h", "0s", "soon", "PT-1H")) {
                assertThatThrownBy(() -> SlaLimit.parse(t)).as(t).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Nested
    class WorkingDayDeadlines {
        private final SlaLimit threeDays = new SlaLimit.WorkingDays(3);

        @Test
        void without_pauses_the_deadline_is_the_end_of_the_third_working_day() {
            // Received Mon 2026-02-09: Tue 10 (1), Wed 11 (2), Thu 12 (3) → due 2026-02-13 00:00.
            assertThat(threeDays.deadline(cst("2026-02-09T10:00:00"), List.of(), CALENDAR))
                    .isEqualTo(cst("2026-02-13T00:00:00"));
        }

        @Test
        void a_pause_gives_back_the_working_days_that_began_while_the_clock_stood() {
            // As above, due after Thu 12. Paused Wed 11 15:00, resumed Fri 13 09:00: the working days
            // in (11, 13] are Thu 12 and Fri 13 → two more after Thu 12: Fri 13 (1), Sat 14 调休 (2)
            // → due 2026-02-15 00:00.
            List<Pause> pauses = List.of(new Pause(cst("2026-02-11T15:00:00"), cst("2026-02-13T09:00:00")));
            assertThat(threeDays.deadline(cst("2026-02-09T10:00:00"), pauses, CALENDAR))
                    .isEqualTo(cst("2026-02-15T00:00:00"));
        }

        @Test
        void a_pause_over_spring_festival_counts_only_working_days() {
            // Received Thu 2026-02-12, due after Tue 24. Paused Fri 13 10:00, resumed Wed 25 09:00: working
            // days in (13, 25] are Sat 14 调休, Tue 24, Wed 25 → three more after Tue 24: Wed 25, Thu 26,
            // Fri 27 → due 2026-02-28 00:00.
            List<Pause> pauses = List.of(new Pause(cst("2026-02-13T10:00:00"), cst("2026-02-25T09:00:00")));
            assertThat(threeDays.deadline(cst("2026-02-12T10:00:00"), pauses, CALENDAR))
                    .isEqualTo(cst("2026-02-28T00:00:00"));
        }

        @Test
        void a_pause_within_one_day_changes_nothing_and_one_after_the_deadline_neither() {
            List<Pause> sameDay = List.of(new Pause(cst("2026-02-10T09:00:00"), cst("2026-02-10T17:00:00")));
            List<Pause> late = List.of(new Pause(cst("2026-02-13T00:00:00"), cst("2026-02-20T00:00:00")));
            assertThat(threeDays.deadline(cst("2026-02-09T10:00:00"), sameDay, CALENDAR)).isEqualTo(cst("2026-02-13T00:00:00"));
            assertThat(threeDays.deadline(cst("2026-02-09T10:00:00"), late, CALENDAR)).isEqualTo(cst("2026-02-13T00:00:00"));
        }

        @Test
        void a_deadline_in_a_year_without_data_is_not_guessed() {
            WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
            assertThatThrownBy(() -> new SlaLimit.WorkingDays(10).deadline(cst("2026-12-24T10:00:00"), List.of(), calendar))
                    .isInstanceOf(CalendarYearMissingException.class);
        }
    }

    @Nested
    class ElapsedDeadlines {
        @Test
        void twenty_four_hours_run_around_the_clock_and_a_pause_adds_its_length() {
            SlaLimit day = new SlaLimit.Elapsed(Duration.ofHours(24));
            assertThat(day.deadline(cst("2026-02-14T10:00:00"), List.of(), CALENDAR)).isEqualTo(cst("2026-02-15T10:00:00"));
            List<Pause> pauses = List.of(new Pause(cst("2026-02-14T12:00:00"), cst("2026-02-14T15:00:00")));
            assertThat(day.deadline(cst("2026-02-14T10:00:00"), pauses, CALENDAR)).isEqualTo(cst("2026-02-15T13:00:00"));
        }
    }
}
