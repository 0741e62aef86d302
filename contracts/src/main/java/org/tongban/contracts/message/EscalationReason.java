package org.tongban.contracts.message;

/** Why a member escalates a leg to a partner for consultation (合作会商). */
public enum EscalationReason {
    /** A service-level deadline passed. */
    SLA_BREACH,
    /** The partner does not answer at all. */
    NO_RESPONSE,
    /** The members disagree on the case. */
    DISPUTE,
    /** Anything else; the message says what. */
    OTHER
}
