package org.tongban.contracts.message;

/** Why an application was not accepted or a repair was refused. Stable wire codes. */
public enum ReasonCode {
    /** The minimum publicity period has not passed (未满最短公示期). */
    MIN_PERIOD_NOT_REACHED,
    /** The legal obligations are not fulfilled (未履行完毕). */
    OBLIGATIONS_NOT_FULFILLED,
    /** Materials are missing or incomplete. */
    MATERIALS_INCOMPLETE,
    /** The credit commitment letter is missing or unsigned. */
    COMMITMENT_MISSING,
    /** The penalty is not repairable under its rule set. */
    NOT_REPAIRABLE,
    /** This member did not make the finding (not 谁认定). */
    NOT_COMPETENT,
    /** No such penalty at this member. */
    PENALTY_NOT_FOUND,
    /** The penalty is on another enterprise. */
    ENTERPRISE_MISMATCH,
    /** Publicity has already ended. */
    PUBLICITY_ALREADY_ENDED,
    /** The same penalty already has an open application. */
    DUPLICATE_APPLICATION,
    /** The enterprise broke a credit commitment before (失信承诺). */
    COMMITMENT_BROKEN_BEFORE,
    /** Anything else; the text says what. */
    OTHER
}
