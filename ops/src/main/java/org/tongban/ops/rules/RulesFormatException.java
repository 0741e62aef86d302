package org.tongban.ops.rules;

/** A publicity-rules file that cannot be used; the message names the file, the line and the fix. */
public final class RulesFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RulesFormatException(String message) {
        super(message);
    }

    public RulesFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
