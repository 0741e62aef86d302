package org.tongban.ops.calendar;

/**
 * Working-day arithmetic reached a year for which no State Council holiday notice is loaded.
 * The calendar never guesses "every weekday works" for such a year: a wrong deadline is worse
 * than none. Operators see the year on {@code /ready} and in {@code tongban_calendar_years_missing}.
 */
public final class CalendarYearMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int year;

    public CalendarYearMissingException(int year) {
        super("no working-day calendar for " + year + ": add the State Council holiday notice for " + year
                + " (a holiday-cn JSON file under calendar.files)");
        this.year = year;
    }

    /** The year that has no data. */
    public int year() {
        return year;
    }
}
