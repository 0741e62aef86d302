package org.tongban.gateway.outbox;

import java.time.Duration;

/**
 * Exponential backoff with full jitter: after failed attempt {@code n} the wait is drawn from
 * {@code [0, min(max, initial × 2^(n−1))]}, and is never shorter than the partner's Retry-After
 * (a partner that asks for an hour gets an hour, even beyond {@code max}).
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final FullJitter jitter;

    Backoff(Duration initial, Duration max, FullJitter jitter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial (" + initial + ") ≤ max (" + max + ")");
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
    }

    /** The wait before the next attempt, after failed attempt number {@code attempt} (the first is 1). */
    Duration after(int attempt, Duration retryAfter) {
        Duration wait = jitter.below(ceiling(attempt));
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    /** The cap of the jittered wait after attempt {@code attempt}: {@code min(max, initial × 2^(attempt−1))}. */
    Duration ceiling(int attempt) {
        int doublings = Math.max(0, attempt - 1);
        long ms = initial.toMillis();
        long maxMs = max.toMillis();
        if (doublings >= 62 || ms > (maxMs >> doublings)) {
            return max;
        }
        return Duration.ofMillis(Math.min(maxMs, ms << doublings));
    }
}
