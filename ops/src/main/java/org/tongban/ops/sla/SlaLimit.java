package org.tongban.ops.sla;

import org.tongban.ops.calendar.WorkingDayCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a service-level clock may run: a number of working days ({@code 3wd}: the deadline is
 * the end of the third working day after the start's date, see {@link WorkingDayCalendar#deadline})
 * or an elapsed time ({@code 24h}, {@code 90s}; also ISO-8601 {@code PT24H}), counted around the
 * clock.
 *
 * <p>Pauses (补正期间, while the applicant owes materials) push the deadline back: an elapsed
 * limit by the paused time; a working-day limit by the working days in (pause date, resume
 * date], i.e. each working day that began while the clock stood. A pause that began after the
 * deadline had already passed changes nothing.
 */
public sealed interface SlaLimit permits SlaLimit.WorkingDays, SlaLimit.Elapsed {
    Pattern TEXT = Pattern.compile("(\\d{1,6})\\s*(wd|ms|s|m|h|d)");

    /** The canonical text, which {@link #parse} reads back: {@code 3wd} or an ISO-8601 duration. */
    String text();

    /** When the clock runs out, given when it started and its closed pauses, in order. */
    Instant deadline(Instant start, List<Pause> pauses, WorkingDayCalendar calendar);

    /** n working days (工作日). */
    record WorkingDays(int days) implements SlaLimit {
        public WorkingDays {
            if (days < 1 || days > 366) {
                throw new IllegalArgumentException("a working-day limit is between 1 and 366 days: " + days);
            }
        }

        @Override
        public String text() {
            return days + "wd";
        }

        @Override
        public Instant deadline(Instant start, List<Pause> pauses, WorkingDayCalendar calendar) {
            LocalDate lastDay = calendar.addWorkingDays(WorkingDayCalendar.dateOf(start), days);
            for (Pause p : pauses) {
                if (!p.from().isBefore(WorkingDayCalendar.endOf(lastDay))) {
                    continue;
                }
                int stood = calendar.workingDaysBetween(WorkingDayCalendar.dateOf(p.from()),
                        WorkingDayCalendar.dateOf(p.until()));
                lastDay = calendar.addWorkingDays(lastDay, stood);
            }
            return WorkingDayCalendar.endOf(lastDay);
        }
    }

    /** A span of time around the clock (e.g. a 24-hour review). */
    record Elapsed(Duration duration) implements SlaLimit {
        public Elapsed {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("an elapsed limit must be positive: " + duration);
            }
        }

        @Override
        public String text() {
            return duration.toString();
        }

        @Override
        public Instant deadline(Instant start, List<Pause> pauses, WorkingDayCalendar calendar) {
            Instant due = start.plus(duration);
            for (Pause p : pauses) {
                if (p.from().isBefore(due)) {
                    due = due.plus(Duration.between(p.from(), p.until()));
                }
            }
            return due;
        }
    }

    /**
     * Reads {@code 3wd} (working days), {@code 24h}, {@code 30m}, {@code 90s}, {@code 500ms},
     * {@code 2d} (elapsed; d is 24 hours, not a working day) or ISO-8601 {@code PT24H}.
     *
     * @throws IllegalArgumentException with a sentence saying what is accepted
     */
    static SlaLimit parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return new Elapsed(Duration.parse(t.toUpperCase(Locale.ROOT)));
            }
            Matcher m = TEXT.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "wd": return new WorkingDays((int) n);
                    case "ms": return new Elapsed(Duration.ofMillis(n));
                    case "s": return new Elapsed(Duration.ofSeconds(n));
                    case "m": return new Elapsed(Duration.ofMinutes(n));
                    case "h": return new Elapsed(Duration.ofHours(n));
                    default: return new Elapsed(Duration.ofDays(n));
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a limit: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + text + "' is not a limit; write working days as 3wd, or a time as"
                + " 24h, 30m, 90s, 500ms, 2d or PT24H");
    }
}
