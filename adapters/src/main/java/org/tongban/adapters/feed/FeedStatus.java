package org.tongban.adapters.feed;

import org.tongban.adapters.failure.Failure;

import java.time.Instant;

/**
 * How a poller is doing, for health checks and logs.
 *
 * @param consecutiveFailures failed polls since the last good one
 * @param lastFailure         what the last failed poll met, or {@code null}
 * @param lastSuccess         when a poll last succeeded, or {@code null}
 * @param refused             changes refused as bad data since start (logged, then passed)
 * @param cursor              the position saved last, or {@code null}
 */
public record FeedStatus(int consecutiveFailures, Failure lastFailure, Instant lastSuccess, long refused, String cursor) {
    public boolean failing() {
        return consecutiveFailures > 0;
    }
}
