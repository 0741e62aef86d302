package org.tongban.gateway.outbox;

/**
 * A peer answered 200 but not with a valid receipt for what was sent. The message is not
 * delivered until a receipt proves it: retried, under the failure key {@code bad_receipt}.
 */
final class BadReceiptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadReceiptException(String message) {
        super(message, null, false, false);
    }
}
