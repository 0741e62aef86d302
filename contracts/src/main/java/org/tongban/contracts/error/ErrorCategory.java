package org.tongban.contracts.error;

/**
 * Broad class of a failure, as in X-Road's fault model: it tells an operator whose move it is.
 */
public enum ErrorCategory {
    /** The input does not conform to the contract; the sender must fix it and resend. */
    VALIDATION,
    /** Signature, key, trust or replay checks failed; the message must not be acted on. */
    SECURITY,
    /** Well-formed and authentic, but the domain refuses it (state, rules, permissions). */
    BUSINESS,
    /** Something on our side failed; the same request may succeed later. */
    SYSTEM
}
