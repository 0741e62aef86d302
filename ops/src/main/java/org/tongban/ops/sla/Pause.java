package org.tongban.ops.sla;

import java.time.Instant;
import java.util.Objects;

/** A closed span during which a clock stood still (the applicant owed materials). */
public record Pause(Instant from, Instant until) {
    public Pause {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("a pause ends after it starts: " + from + " .. " + until);
        }
    }
}
