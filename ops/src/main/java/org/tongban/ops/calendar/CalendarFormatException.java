package org.tongban.ops.calendar;

/** A holiday file that cannot be used; the message names the file and what is wrong with it. */
public final class CalendarFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalendarFormatException(String message) {
        super(message);
    }

    public CalendarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
