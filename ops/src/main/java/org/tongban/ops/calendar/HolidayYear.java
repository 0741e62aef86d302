package org.tongban.ops.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One year's State Council holiday notice (国务院办公厅关于节假日安排的通知) as data: the days that
 * differ from the plain week. {@code true} is a day off (a holiday on a weekday), {@code false} an
 * adjusted working day (调休, a Saturday or Sunday that is worked). A notice may name a day of the
 * neighbouring year (a New Year holiday starting on 31 December).
 *
 * @param year   the year the notice is for
 * @param days   the exceptional days: true = off, false = working
 * @param papers where the notice was published
 * @param origin where this data was read from (a resource or a file), for messages
 */
public record HolidayYear(int year, Map<LocalDate, Boolean> days, List<String> papers, String origin) {
    public HolidayYear {
        Objects.requireNonNull(origin, "origin");
        days = java.util.Collections.unmodifiableMap(new TreeMap<>(days));
        papers = papers == null ? List.of() : List.copyOf(papers);
        for (LocalDate d : days.keySet()) {
            if (Math.abs(d.getYear() - year) > 1) {
                throw new CalendarFormatException(origin + ": day " + d + " is too far from the notice's year " + year);
            }
        }
    }
}
