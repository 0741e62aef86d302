package org.tongban.adapters.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How long a poller waits after failed polls: exponential from the normal poll interval, capped
 * at {@code max}, with "equal jitter" (a wait drawn from the upper half of the cap) so that
 * pollers that failed together do not come back together yet never hammer a failing platform
 * at once. A platform's Retry-After is honoured even beyond {@code max}: it asked for that.
 */
public final class PollBackoff {
    private final Duration base;
    private final Duration max;
    private final Random random;

    /** @param random seeded in tests, so that waits are exact */
    public PollBackoff(Duration base, Duration max, Random random) {
        if (base.isZero() || base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base (" + base + ") ≤ max (" + max + ")");
        }
        this.base = base;
        this.max = max;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The cap after {@code failures} consecutive failed polls: {@code min(max, base × 2^failures)}. */
    public Duration ceiling(int failures) {
        int doublings = Math.max(0, failures);
        long ms = base.toMillis();
        long maxMs = max.toMillis();
        if (doublings >= 62 || ms > (maxMs >> doublings)) {
            return max;
        }
        return Duration.ofMillis(Math.min(maxMs, ms << doublings));
    }

    /** The wait after {@code failures} consecutive failed polls, at least {@code retryAfter} when given. */
    public Duration after(int failures, Duration retryAfter) {
        long cap = ceiling(failures).toMillis();
        long half = cap / 2;
        Duration wait = Duration.ofMillis(half + (cap - half <= 0 ? 0 : random.nextLong(cap - half + 1)));
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
