package org.tongban.ops.sla;

import org.tongban.contracts.message.SlaClock;

import java.util.Objects;

/** What a leg transition does to one of its clocks. */
public record ClockAction(SlaClock clock, Kind kind) {
    public enum Kind {
        START, PAUSE, RESUME, STOP
    }

    public ClockAction {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(kind, "kind");
    }
}
