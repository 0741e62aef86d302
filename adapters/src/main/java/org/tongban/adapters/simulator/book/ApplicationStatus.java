package org.tongban.adapters.simulator.book;

/** Where an application stands on the simulated platform. */
public enum ApplicationStatus {
    RECEIVED, ACCEPTED, NOT_ACCEPTED, MATERIALS_REQUESTED, REPAIRED, REFUSED, PUBLICITY_ENDED, WITHDRAWN;

    /** No further decision or submission is taken in a final status. */
    public boolean isFinal() {
        return this == NOT_ACCEPTED || this == REFUSED || this == PUBLICITY_ENDED || this == WITHDRAWN;
    }
}
