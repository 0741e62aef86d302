package org.tongban.contracts.error;

/** Which party a failure is attributed to. */
public enum ErrorOrigin {
    /** The caller sent something wrong. */
    CLIENT,
    /** This node failed. */
    SERVER,
    /** A partner (peer node or city platform) failed or answered wrongly. */
    PARTNER
}
