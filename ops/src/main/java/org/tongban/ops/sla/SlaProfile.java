package org.tongban.ops.sla;

import org.tongban.contracts.message.SlaClock;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A member's service-level commitments, by clock: e.g. {@code national} (decision within 3
 * working days of receipt, result within 10 working days of application), {@code same-day}
 * (also acceptance within 1 working day, "1100" 日清), {@code 24h} (acceptance within 24 hours).
 * The federation directory names each member's profile id; nodes hold the profiles. A clock the
 * profile does not name is not tracked.
 */
public record SlaProfile(String id, String description, Map<SlaClock, ClockLimit> clocks) {
    public SlaProfile {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        clocks = Collections.unmodifiableMap(new EnumMap<>(clocks));
        clocks.forEach((clock, limit) -> {
            if (limit.clock() != clock) {
                throw new IllegalArgumentException("limit of " + limit.clock() + " filed under " + clock);
            }
        });
    }

    public Optional<ClockLimit> limit(SlaClock clock) {
        return Optional.ofNullable(clocks.get(clock));
    }
}
