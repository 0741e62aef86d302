package org.tongban.gateway.store;

/** A case is open while any of its legs is; closed when all legs reached a final state. */
public enum CaseStatus {
    OPEN, CLOSED
}
