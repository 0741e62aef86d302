package org.tongban.ops.sla;

import org.tongban.contracts.message.SlaClock;

import java.util.Objects;

/**
 * One clock of a profile: how long it may run, and whether its breach is escalated to the
 * partner's contact (合作会商) besides being recorded and counted.
 */
public record ClockLimit(SlaClock clock, SlaLimit within, boolean escalate) {
    public ClockLimit {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(within, "within");
    }
}
