package org.tongban.gateway.store;

import java.time.Duration;

/** Depth and age of one destination's queue, for metrics and the ops view. */
public record OutboxStats(String destination, long pending, long inFlight, long dead, Duration oldestPendingAge) {
}
