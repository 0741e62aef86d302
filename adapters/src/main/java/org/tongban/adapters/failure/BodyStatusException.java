package org.tongban.adapters.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * The platform answered at the HTTP level but its body carries a failure status code (as the
 * {@code xml-hmac} dialect does with {@code 1003} or {@code 2001}). The adapter says what the
 * code means in its dialect ({@link Meaning}); {@link FailureClassifier} decides what follows.
 */
public final class BodyStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What a platform's body status code means, across dialects. */
    public enum Meaning {
        /** A field was invalid (e.g. {@code 1001}): the same request will fail again. */
        INVALID_FIELD,
        /** The platform refused the matter (e.g. {@code 1003}). */
        REFUSED,
        /** The platform is busy (e.g. {@code 2001}); try later. */
        BUSY,
        /** The platform is down for maintenance (e.g. {@code 2002}); try later. */
        MAINTENANCE
    }

    private final int status;
    private final String partnerCode;
    private final Meaning meaning;
    private final transient Duration retryAfter;

    /**
     * @param status      the HTTP status the body came with
     * @param partnerCode the platform's own code, as it wrote it
     * @param retryAfter  the wait the platform asked for, or {@code null}
     */
    public BodyStatusException(int status, String partnerCode, Meaning meaning, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.partnerCode = Objects.requireNonNull(partnerCode, "partnerCode");
        this.meaning = Objects.requireNonNull(meaning, "meaning");
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String partnerCode() {
        return partnerCode;
    }

    public Meaning meaning() {
        return meaning;
    }

    /** The platform's requested wait, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
