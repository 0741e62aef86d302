package org.tongban.contracts.message;

/** What a piece of application material (申请材料) is. */
public enum MaterialKind {
    /** Proof that the legal obligations are fulfilled (履行完毕证明), e.g. a fine receipt. */
    PROOF_OF_FULFILMENT,
    /** The signed credit commitment letter (信用承诺书). */
    CREDIT_COMMITMENT,
    /** A copy of the penalty decision (行政处罚决定书). */
    PENALTY_DECISION,
    /** A report on the rectification done (整改报告). */
    RECTIFICATION_REPORT,
    /** The business licence (营业执照). */
    BUSINESS_LICENCE,
    /** A letter authorising an agent (授权委托书). */
    AUTHORISATION_LETTER,
    /** An identity document of the representative or agent. */
    IDENTITY_DOCUMENT,
    /** Anything else; describe it in the file name or note. */
    OTHER
}
