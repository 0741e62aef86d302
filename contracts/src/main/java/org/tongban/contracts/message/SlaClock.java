package org.tongban.contracts.message;

/** The service-level clocks of a leg. */
public enum SlaClock {
    /** From sending to the partner's receipt. */
    DELIVERY,
    /** From receipt to acceptance or non-acceptance (受理). */
    ACCEPTANCE,
    /** From receipt to the repair decision, paused while materials are awaited. */
    DECISION,
    /** From the decision to the end of publicity on every channel. */
    PUBLICITY_END,
    /** From the application at home to the result for the applicant. */
    END_TO_END
}
