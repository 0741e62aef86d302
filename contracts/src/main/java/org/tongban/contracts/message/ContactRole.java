package org.tongban.contracts.message;

/** In what capacity a contact person acts. */
public enum ContactRole {
    /** The enterprise's legal representative or its designated person. */
    ENTERPRISE_REPRESENTATIVE,
    /** An agent acting for the enterprise under an authorisation letter. */
    AGENT,
    /** A clerk of a member's credit office (信用办). */
    CREDIT_OFFICE,
    /** The operator of a member's credit platform. */
    PLATFORM_OPERATOR
}
