package org.tongban.ops.rules;

import org.tongban.contracts.message.ReasonCode;

/**
 * Why a penalty cannot be repaired now, or what a clerk should know about it. The names are
 * stable codes (they appear in problem+json and in the audit log) and are never renamed.
 */
public enum EligibilityCode {
    /** The minimum publicity period has not passed (未满最短公示期). */
    MIN_PERIOD_NOT_REACHED(true, ReasonCode.MIN_PERIOD_NOT_REACHED),
    /** The rule set allows no repair before the maximum period (e.g. 特定严重 under the 2019 rules). */
    NOT_REPAIRABLE(true, ReasonCode.NOT_REPAIRABLE),
    /** The maximum period has passed: publicity ended by itself (免申享); there is nothing to repair. */
    PUBLICITY_ALREADY_ENDED(true, ReasonCode.PUBLICITY_ALREADY_ENDED),
    /** The decision date lies after today. */
    DECISION_DATE_IN_FUTURE(true, ReasonCode.OTHER),
    /** No rule set was in effect on the decision date. */
    NO_RULE_SET(true, ReasonCode.OTHER),
    /** The rule set in effect on the decision date does not define the penalty's category. */
    CATEGORY_NOT_IN_RULE_SET(true, ReasonCode.OTHER),
    /** Not blocking: the penalty names another rule set than the one its decision date selects. */
    RULE_SET_DIFFERS(false, ReasonCode.OTHER);

    private final boolean blocking;
    private final ReasonCode contractReason;

    EligibilityCode(boolean blocking, ReasonCode contractReason) {
        this.blocking = blocking;
        this.contractReason = contractReason;
    }

    /** True when the code stops an application (unless a clerk overrides it); false for a note. */
    public boolean blocking() {
        return blocking;
    }

    /** The contract's reason code for a non-acceptance on this ground ({@code OTHER} when it has none). */
    public ReasonCode contractReason() {
        return contractReason;
    }
}
