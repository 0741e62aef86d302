package org.tongban.contracts.message;

/** Outcome of the acceptance check (受理审查). */
public enum AcceptanceOutcome {
    /** 受理. */
    ACCEPTED,
    /** 不予受理; reasons say why. */
    NOT_ACCEPTED
}
