package org.tongban.adapters.failure;

import java.time.Duration;

/**
 * A partner (city platform or peer node) answered, but not with success. Carries what the
 * classifier needs: the HTTP status (or 200 for a failure carried in the body), the partner's
 * own code, whether the partner said to retry, and how long to wait.
 */
public final class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String partnerCode;
    private final transient Duration retryAfter;

    public PlatformException(int status, String partnerCode, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.partnerCode = partnerCode;
        this.retryAfter = retryAfter;
    }

    public PlatformException(int status, String partnerCode, String message) {
        this(status, partnerCode, message, null);
    }

    public int status() {
        return status;
    }

    /** The partner's own error code, or {@code null}. */
    public String partnerCode() {
        return partnerCode;
    }

    /** The partner's Retry-After, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
