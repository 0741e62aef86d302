package org.tongban.contracts.message;

/** Outcome of a repair review. */
public enum DecisionOutcome {
    /** 准予修复. */
    REPAIRED,
    /** 不予修复; reasons say why. */
    REFUSED
}
