package org.tongban.ops.rules;

import java.util.Objects;

/**
 * One reason, as a clerk reads it: a stable code, and the same sentence in Chinese and English,
 * e.g. {@code MIN_PERIOD_NOT_REACHED} "最短公示期至2026-12-03届满" / "minimum publicity period
 * ends on 2026-12-03".
 */
public record EligibilityReason(EligibilityCode code, String zh, String en) {
    public EligibilityReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    @Override
    public String toString() {
        return code + ": " + en;
    }
}
