package org.tongban.gateway.outbox;

import java.time.Duration;
import java.util.Random;

/**
 * "Full jitter": a wait drawn uniformly between zero and the cap. Senders that failed together
 * (a peer restarting) then do not come back together; the mean wait is half the cap.
 */
final class FullJitter {
    private final Random random;

    /** @param random seeded in tests, so that waits are exact */
    FullJitter(Random random) {
        this.random = random;
    }

    /** A wait in {@code [0, cap]}, in whole milliseconds. */
    Duration below(Duration cap) {
        long ms = cap.toMillis();
        return ms <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(ms + 1));
    }
}
