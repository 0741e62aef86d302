package org.tongban.adapters.simulator.dialect;

import org.tongban.adapters.simulator.book.PlatformBook;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The date and time formats of the dialects, all in China Standard Time. */
public final class WireTimes {
    /** rest-oauth2 dates. */
    public static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    /** rest-oauth2 timestamps. */
    public static final DateTimeFormatter COMPACT_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    /** xml-hmac, polling and form-json dates. */
    public static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    /** xml-hmac and form-json times. */
    public static final DateTimeFormatter SPACED_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private WireTimes() {
    }

    public static String format(OffsetDateTime t, DateTimeFormatter f) {
        return t.atZoneSameInstant(PlatformBook.CST).format(f);
    }

    /** RFC 3339 with the +08:00 offset, whole seconds (polling). */
    public static String rfc3339(OffsetDateTime t) {
        return t.withOffsetSameInstant(PlatformBook.CST).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static LocalDate parseDate(String text, DateTimeFormatter f, String field) {
        try {
            return LocalDate.parse(text, f.withResolverStyle(java.time.format.ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            throw new BadInput(field + ": '" + text + "' is not a date of the form "
                    + (f == COMPACT_DATE ? "yyyyMMdd" : "yyyy-MM-dd"));
        }
    }
}
