package org.tongban.gateway.store;

/**
 * The store failed (connection lost, disk full, constraint broken by a bug). Callers answer
 * with a system error and the sender retries; nothing was half-stored because the transaction
 * rolled back.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
