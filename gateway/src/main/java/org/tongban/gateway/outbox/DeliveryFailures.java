package org.tongban.gateway.outbox;

import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;

/** The outbox's view of a failed attempt: {@link FailureClassifier}, plus the outbox's own bad receipts. */
final class DeliveryFailures {
    static final String BAD_RECEIPT = "bad_receipt";
    static final String MAX_AGE = "max_age";
    static final String CIRCUIT_OPEN = "circuit_open";

    private DeliveryFailures() {
    }

    static Failure classify(Throwable t) {
        if (t instanceof BadReceiptException) {
            return new Failure(BAD_RECEIPT, true, null, t.getMessage());
        }
        return FailureClassifier.classify(t);
    }
}
