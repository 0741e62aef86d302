package org.tongban.contracts.message;

/** Why publicity of a penalty ended (终止公示). */
public enum PublicityEndCause {
    /** Ended by a credit repair. */
    REPAIRED,
    /** Ended by itself at the maximum period (免申享). */
    MAX_PERIOD_REACHED
}
