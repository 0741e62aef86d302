package org.tongban.contracts.message;

/**
 * States of a leg (one penalty at one penalizing member). The transition graph lives with case
 * tracking; the names are part of the contract because {@code StatusReport} carries them.
 */
public enum LegState {
    SUBMITTED, FORWARDED, RECEIVED, ACCEPTED, NOT_ACCEPTED, MATERIALS_REQUESTED,
    REPAIRED, REFUSED, PUBLICITY_ENDED, WITHDRAWN, EXPIRED;

    /** True when no further transition is possible. */
    public boolean isFinal() {
        return this == NOT_ACCEPTED || this == REFUSED || this == PUBLICITY_ENDED
                || this == WITHDRAWN || this == EXPIRED;
    }
}
