package org.tongban.ops.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chinese working days (工作日): Monday to Friday, except State Council holidays, plus the
 * adjusted weekend days that are worked (调休). Time is China Standard Time ({@link #ZONE}).
 *
 * <p>Counting follows the rule for periods in days (民法典 第二百零一条): the day on which a
 * period starts is not counted. So {@code addWorkingDays(d, n)} is the n-th working day
 * <em>after</em> {@code d}, and {@code workingDaysBetween(a, b)} counts the working days in
 * {@code (a, b]}; the two are inverse: {@code workingDaysBetween(d, addWorkingDays(d, n)) == n}.
 * A deadline of n working days from an instant ends when that n-th working day ends, i.e. at
 * midnight China time at the start of the following day ({@link #deadline}).
 *
 * <p>A year with no loaded notice is never treated as "every weekday works": any arithmetic
 * that touches it throws {@link CalendarYearMissingException}, and the year is remembered in
 * {@link #yearsAskedButMissing()} so that operators see it. Immutable apart from that memory;
 * thread-safe.
 */
public final class WorkingDayCalendar {
    /** China Standard Time, in which working days begin and end. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The longest run of days arithmetic will walk (about 30 years), so that a bad n fails fast. */
    static final int MAX_WORKING_DAYS = 7_500;

    private final SortedSet<Integer> years;
    private final Map<LocalDate, Boolean> exceptions;
    private final Map<Integer, String> origins;
    private final Set<Integer> askedButMissing = ConcurrentHashMap.newKeySet();

    private WorkingDayCalendar(Map<Integer, HolidayYear> byYear) {
        this.years = Collections.unmodifiableSortedSet(new TreeSet<>(byYear.keySet()));
        Map<LocalDate, Boolean> days = new HashMap<>();
        Map<Integer, String> from = new TreeMap<>();
        // Ascending years: a notice's own days win over what the previous year's notice said of them.
        for (HolidayYear y : new TreeMap<>(byYear).values()) {
            days.putAll(y.days());
            from.put(y.year(), y.origin());
        }
        this.exceptions = Map.copyOf(days);
        this.origins = Collections.unmodifiableMap(from);
    }

    /** The notices shipped with this build (2024–2026). */
    public static WorkingDayCalendar shipped() {
        return of(HolidayFiles.shipped());
    }

    /** The shipped notices, then {@code files} (holiday-cn JSON); a file replaces a shipped year. */
    public static WorkingDayCalendar load(List<Path> files) {
        List<HolidayYear> all = new java.util.ArrayList<>(HolidayFiles.shipped());
        for (Path f : files) {
            all.add(HolidayFiles.read(f));
        }
        return of(all);
    }

    /** A calendar of exactly these notices; a later notice for the same year replaces an earlier one. */
    public static WorkingDayCalendar of(Collection<HolidayYear> notices) {
        Map<Integer, HolidayYear> byYear = new TreeMap<>();
        for (HolidayYear y : notices) {
            byYear.put(y.year(), y);
        }
        return new WorkingDayCalendar(byYear);
    }

    /** The years with a notice. */
    public SortedSet<Integer> years() {
        return years;
    }

    public boolean covers(int year) {
        return years.contains(year);
    }

    /** Where each year's notice was read from. */
    public Map<Integer, String> origins() {
        return origins;
    }

    /** Years that arithmetic needed and did not find since this calendar was built. */
    public SortedSet<Integer> yearsAskedButMissing() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(askedButMissing));
    }

    /**
     * True for a working day: a weekday that is not a holiday, or an adjusted weekend working day.
     *
     * @throws CalendarYearMissingException when the day's year has no notice
     */
    public boolean isWorkingDay(LocalDate day) {
        int year = day.getYear();
        if (!years.contains(year)) {
            askedButMissing.add(year);
            throw new CalendarYearMissingException(year);
        }
        Boolean off = exceptions.get(day);
        if (off != null) {
            return !off;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The n-th working day after {@code from} ({@code from} itself not counted); {@code from}
     * when n is 0. {@code from} need not be a working day.
     */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        if (n < 0 || n > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("working days to add must be between 0 and " + MAX_WORKING_DAYS + ": " + n);
        }
        LocalDate day = from;
        int left = n;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /**
     * The working days in {@code (from, to]}: after {@code from}, up to and including {@code to};
     * negative (the same count, reversed) when {@code to} is before {@code from}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The working days between two instants, counted on their dates in China ({@link #workingDaysBetween(LocalDate, LocalDate)}). */
    public int workingDaysBetween(Instant from, Instant to) {
        return workingDaysBetween(dateOf(from), dateOf(to));
    }

    /**
     * When a period of n working days that starts at {@code start} runs out: at the end of the
     * n-th working day after the start's date (midnight China time). For n = 0, the end of the
     * start's own day.
     */
    public Instant deadline(Instant start, int workingDays) {
        return endOf(addWorkingDays(dateOf(start), workingDays));
    }

    /** The first instant after {@code day} ends in China. */
    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** The date of an instant in China. */
    public static LocalDate dateOf(Instant t) {
        return LocalDate.ofInstant(t, ZONE);
    }
}
