package org.tongban.adapters.failure;

/**
 * The platform answered with something the adapter cannot read: not JSON or XML, a required
 * field missing, a status code the dialect does not define. Permanent: the same request gets
 * the same answer.
 */
public final class UnreadableResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param status the HTTP status the unreadable body came with */
    public UnreadableResponseException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public UnreadableResponseException(int status, String message) {
        this(status, message, null);
    }

    public int status() {
        return status;
    }
}
