package org.tongban.ops.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Working-day arithmetic on the State Council notices for 2024–2026, checked against dates worked out by hand. */
class WorkingDayCalendarTest {
    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static Instant cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Nested
    class Days {
        @Test
        void ships_the_notices_of_2024_to_2026() {
            assertThat(calendar.years()).containsExactly(2024, 2025, 2026);
        }

        @Test
        void a_holiday_on_a_weekday_is_off_and_an_adjusted_weekend_day_is_worked() {
            assertThat(calendar.isWorkingDay(d("2026-02-16"))).as("Monday in Spring Festival 2026").isFalse();
            assertThat(calendar.isWorkingDay(d("2026-02-14"))).as("Saturday 调休 before Spring Festival 2026").isTrue();
            assertThat(calendar.isWorkingDay(d("2026-02-28"))).as("Saturday 调休 after Spring Festival 2026").isTrue();
            assertThat(calendar.isWorkingDay(d("2025-09-28"))).as("Sunday 调休 before National Day 2025").isTrue();
            assertThat(calendar.isWorkingDay(d("2025-10-08"))).as("Wednesday in National Day 2025").isFalse();
            assertThat(calendar.isWorkingDay(d("2025-10-11"))).as("Saturday 调休 after National Day 2025").isTrue();
        }

        @Test
        void a_plain_weekend_is_off_and_a_plain_weekday_works() {
            assertThat(calendar.isWorkingDay(d("2026-11-21"))).as("Saturday").isFalse();
            assertThat(calendar.isWorkingDay(d("2026-11-22"))).as("Sunday").isFalse();
            assertThat(calendar.isWorkingDay(d("2026-11-23"))).as("Monday").isTrue();
        }
    }

    @Nested
    class Deadlines {
        @Test
        void three_working_days_across_spring_festival_2026() {
            // Received Thu 2026-02-12. Not counted: the 12th. Fri 13 (1), Sat 14 调休 (2), 15–23 off,
            // Tue 24 (3): the period ends when 2026-02-24 ends, at 2026-02-25 00:00 China time.
            assertThat(calendar.addWorkingDays(d("2026-02-12"), 3)).isEqualTo(d("2026-02-24"));
            assertThat(calendar.deadline(cst("2026-02-12T16:30:00"), 3)).isEqualTo(cst("2026-02-25T00:00:00"));
        }

        @Test
        void ten_working_days_across_spring_festival_2026_count_both_adjusted_saturdays() {
            // Applied Tue 2026-02-10: Wed 11 (1), Thu 12 (2), Fri 13 (3), Sat 14 调休 (4), 15–23 off,
            // Tue 24 (5), Wed 25 (6), Thu 26 (7), Fri 27 (8), Sat 28 调休 (9), Sun 1 March off, Mon 2 March (10).
            assertThat(calendar.addWorkingDays(d("2026-02-10"), 10)).isEqualTo(d("2026-03-02"));
        }

        @Test
        void three_working_days_into_national_day_2025_use_the_adjusted_sunday() {
            // Received Fri 2025-09-26: Sat 27 off, Sun 28 调休 (1), Mon 29 (2), Tue 30 (3).
            assertThat(calendar.addWorkingDays(d("2025-09-26"), 3)).isEqualTo(d("2025-09-30"));
        }

        @Test
        void three_working_days_across_national_day_2025_end_on_the_adjusted_saturday() {
            // Received Tue 2025-09-30: 1–8 October off, Thu 9 (1), Fri 10 (2), Sat 11 调休 (3).
            assertThat(calendar.addWorkingDays(d("2025-09-30"), 3)).isEqualTo(d("2025-10-11"));
            assertThat(calendar.deadline(cst("2025-09-30T09:00:00"), 3)).isEqualTo(cst("2025-10-12T00:00:00"));
        }

        @Test
        void a_deadline_across_the_year_end_reads_both_notices() {
            // Received Wed 2025-12-31: 1–3 January 2026 off, Sun 4 调休 (1), Mon 5 (2), Tue 6 (3).
            assertThat(calendar.addWorkingDays(d("2025-12-31"), 3)).isEqualTo(d("2026-01-06"));
            // Received Tue 2024-12-31: Wed 1 January 2025 off, Thu 2 (1), Fri 3 (2), Mon 6 (3).
            assertThat(calendar.addWorkingDays(d("2024-12-31"), 3)).isEqualTo(d("2025-01-06"));
        }

        @Test
        void a_start_on_a_day_off_counts_from_the_next_working_day() {
            // Received Sat 2026-11-21: Mon 23 (1).
            assertThat(calendar.deadline(cst("2026-11-21T10:00:00"), 1)).isEqualTo(cst("2026-11-24T00:00:00"));
        }

        @Test
        void an_instant_just_before_midnight_in_china_belongs_to_that_day_not_the_utc_one() {
            // 2026-02-12 23:59 China is 15:59 UTC the same day; 2026-02-13 00:30 China is still the 12th in UTC.
            assertThat(calendar.deadline(cst("2026-02-13T00:30:00"), 1)).isEqualTo(cst("2026-02-15T00:00:00"));
            assertThat(calendar.deadline(cst("2026-02-12T23:59:00"), 1)).isEqualTo(cst("2026-02-14T00:00:00"));
        }

        @Test
        void zero_working_days_end_with_the_start_day() {
            assertThat(calendar.addWorkingDays(d("2026-02-15"), 0)).isEqualTo(d("2026-02-15"));
            assertThat(calendar.deadline(cst("2026-02-15T08:00:00"), 0)).isEqualTo(cst("2026-02-16T00:00:00"));
        }

        @Test
        void negative_days_are_refused() {
            assertThatThrownBy(() -> calendar.addWorkingDays(d("2026-02-15"), -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Counting {
        @Test
        void counts_the_working_days_after_the_first_date_up_to_and_including_the_second() {
            assertThat(calendar.workingDaysBetween(d("2026-02-12"), d("2026-02-24"))).isEqualTo(3);
            assertThat(calendar.workingDaysBetween(d("2026-02-24"), d("2026-02-12"))).isEqualTo(-3);
            assertThat(calendar.workingDaysBetween(d("2025-09-30"), d("2025-10-08"))).as("National Day week").isZero();
        }

        @Test
        void counts_between_instants_on_their_dates_in_china() {
            assertThat(calendar.workingDaysBetween(cst("2026-02-12T23:00:00"), cst("2026-02-14T01:00:00"))).isEqualTo(2);
        }
    }

    @Nested
    class MissingYears {
        @Test
        void arithmetic_reaching_a_year_without_a_notice_throws_and_remembers_the_year() {
            // Wed 2026-12-30: Thu 31 (1), then 2027, which has no notice.
            assertThatThrownBy(() -> calendar.addWorkingDays(d("2026-12-30"), 3))
                    .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> assertThat(e.year()).isEqualTo(2027))
                    .hasMessageContaining("2027");
            assertThat(calendar.yearsAskedButMissing()).containsExactly(2027);
        }

        @Test
        void never_treats_a_year_without_data_as_plain_weekdays() {
            assertThatThrownBy(() -> calendar.isWorkingDay(d("2023-06-01")))
                    .isInstanceOf(CalendarYearMissingException.class);
            assertThatThrownBy(() -> calendar.workingDaysBetween(d("2023-12-28"), d("2024-01-03")))
                    .isInstanceOf(CalendarYearMissingException.class);
        }
    }

    @Nested
    class Files_ {
        @TempDir
        Path dir;

        @Test
        void a_configured_file_adds_a_year() throws Exception {
            // Test data for a year not yet published: New Year's Day off, one adjusted Sunday.
            Path f = write("2027.json", "{\"year\":2027,\"papers\":[\"test\"],\"days\":["
                    + "{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true},"
                    + "{\"name\":\"春节\",\"date\":\"2027-01-31\",\"isOffDay\":false}]}");
            WorkingDayCalendar loaded = WorkingDayCalendar.load(List.of(f));

            assertThat(loaded.years()).containsExactly(2024, 2025, 2026, 2027);
            // Wed 2026-12-30: Thu 31 (1), Fri 1 January off, Mon 4 (2), Tue 5 (3).
            assertThat(loaded.addWorkingDays(d("2026-12-30"), 3)).isEqualTo(d("2027-01-05"));
            assertThat(loaded.isWorkingDay(d("2027-01-31"))).isTrue();
            assertThat(loaded.origins().get(2027)).isEqualTo(f.toString());
        }

        @Test
        void a_configured_file_replaces_a_shipped_year() throws Exception {
            Path f = write("2026.json", "{\"year\":2026,\"days\":[{\"name\":\"x\",\"date\":\"2026-11-23\",\"isOffDay\":true}]}");
            WorkingDayCalendar loaded = WorkingDayCalendar.load(List.of(f));

            assertThat(loaded.isWorkingDay(d("2026-11-23"))).isFalse();
            assertThat(loaded.isWorkingDay(d("2026-02-16"))).as("the shipped 2026 notice is gone").isTrue();
        }

        @Test
        void a_bad_file_is_refused_with_its_name_and_the_entry() throws Exception {
            Path f = write("bad.json", "{\"year\":2027,\"days\":[{\"date\":\"2027-02-30\",\"isOffDay\":true}]}");
            assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(f)))
                    .isInstanceOf(CalendarFormatException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining("days[0]").hasMessageContaining("2027-02-30");
            Path dup = write("dup.json", "{\"year\":2027,\"days\":[{\"date\":\"2027-02-01\",\"isOffDay\":true},"
                    + "{\"date\":\"2027-02-01\",\"isOffDay\":false}]}");
            assertThatThrownBy(() -> HolidayFiles.read(dup)).hasMessageContaining("listed twice");
            Path far = write("far.json", "{\"year\":2027,\"days\":[{\"date\":\"2030-02-01\",\"isOffDay\":true}]}");
            assertThatThrownBy(() -> HolidayFiles.read(far)).hasMessageContaining("too far");
            assertThatThrownBy(() -> HolidayFiles.read(dir.resolve("absent.json"))).hasMessageContaining("cannot read");
        }

        @Test
        void the_shipped_notices_name_their_source() {
            Map<Integer, String> origins = calendar.origins();
            assertThat(origins.get(2026)).contains("2026.json");
            assertThat(HolidayFiles.shipped()).allSatisfy(y -> assertThat(y.papers()).isNotEmpty());
        }

        private Path write(String name, String json) throws Exception {
            return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
        }
    }
}
