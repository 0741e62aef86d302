package org.tongban.gateway.store;

/**
 * The store failed (connection lost, disk full, constraint broken by a bug). Callers answer
 * with a system error and the sender retries; nothing was half-stored because the transaction
 * rolled back.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param fatal true when the transaction itself is in doubt (a savepoint could not be rolled
     *              back, the connection broke), so nothing more may run in it
     */
    public StoreException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.fatal = fatal;
    }

    public boolean isFatal() {
        return fatal;
    }
}
