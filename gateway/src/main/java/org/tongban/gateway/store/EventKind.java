package org.tongban.gateway.store;

/** Kinds of timeline entries. */
public enum EventKind {
    /** The leg changed state. */
    TRANSITION,
    /** A message for the leg was signed and queued for its destination. */
    MESSAGE_QUEUED,
    /** A peer's signed receipt came back for a message. */
    RECEIPT_RECEIVED,
    /** A message for the leg arrived from a peer and was stored. */
    MESSAGE_RECEIVED,
    /** The member's credit platform took a submission (its reference in the detail). */
    DELIVERED_TO_PLATFORM,
    /** A message could not be delivered and was dead-lettered. */
    DEAD_LETTERED,
    /** A dead letter was re-driven by an operator. */
    REDRIVEN,
    /** A service-level clock ran out. */
    SLA_BREACH,
    /**
     * A service-level clock cannot be tracked (yet): the member's SLA profile is unknown here, or
     * its deadline needs a year the working-day calendar lacks (set once the notice is loaded).
     */
    SLA_UNTRACKED,
    /** The case was escalated to the partner (合作会商). */
    ESCALATED,
    /** A clerk overrode a rule with a reason. */
    OVERRIDE
}
