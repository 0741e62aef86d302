package org.tongban.adapters.events;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Reads values a platform sent (in an event or an answer) into contract types. A value that is
 * missing, malformed or not one of the listed enum constants is bad data: a
 * {@link ContractException} whose pointer names the platform's own field.
 */
public final class PlatformValues {
    private PlatformValues() {
    }

    /** A strict formatter (no 31 February) for a platform's date or time pattern. */
    public static DateTimeFormatter pattern(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu")).withResolverStyle(ResolverStyle.STRICT);
    }

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, field, field + " is required");
        }
        return value;
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        required(value, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ContractException(ErrorCode.ENUM_INVALID, field, field + ": '" + value + "' is not a "
                    + type.getSimpleName() + " value");
        }
    }

    public static LocalDate date(String value, DateTimeFormatter format, String field) {
        required(value, field);
        try {
            return LocalDate.parse(value, format);
        } catch (DateTimeParseException e) {
            throw new ContractException(ErrorCode.DATE_INVALID, field, field + ": '" + value + "' is not a date");
        }
    }

    public static LocalDate optionalDate(String value, DateTimeFormatter format, String field) {
        return value == null || value.isEmpty() ? null : date(value, format, field);
    }

    public static LocalDateTime dateTime(String value, DateTimeFormatter format, String field) {
        required(value, field);
        try {
            return LocalDateTime.parse(value, format);
        } catch (DateTimeParseException e) {
            throw new ContractException(ErrorCode.DATE_INVALID, field, field + ": '" + value + "' is not a time");
        }
    }
}
