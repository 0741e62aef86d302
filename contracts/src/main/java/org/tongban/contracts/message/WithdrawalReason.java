package org.tongban.contracts.message;

/** Why an application is withdrawn (撤回). */
public enum WithdrawalReason {
    /** The enterprise asked to withdraw. */
    ENTERPRISE_REQUEST,
    /** The application was filed twice. */
    DUPLICATE,
    /** The home office filed it in error. */
    FILED_IN_ERROR,
    /** Anything else; the note says what. */
    OTHER
}
