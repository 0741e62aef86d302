package org.tongban.adapters.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The platform took a submission: its own reference for the matter (办件编号) and when.
 */
public record PlatformReceipt(String platformReference, Instant at) {
    public PlatformReceipt {
        Objects.requireNonNull(platformReference, "platformReference");
        Objects.requireNonNull(at, "at");
    }
}
