package org.tongban.adapters.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * What a failure means for delivery: a stable key (used as a metric tag and in dead-letter
 * records), whether retrying can help, and a minimum wait the partner asked for.
 *
 * @param key        stable, low-cardinality key such as {@code timeout} or {@code http_5xx}
 * @param retryable  true when the same request may succeed later
 * @param retryAfter the partner's requested wait, or {@code null}
 * @param detail     human-readable detail for logs and dead letters
 */
public record Failure(String key, boolean retryable, Duration retryAfter, String detail) {
    public Failure {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(detail, "detail");
    }
}
