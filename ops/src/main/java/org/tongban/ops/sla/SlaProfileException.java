package org.tongban.ops.sla;

/** A profile definition that cannot be used; the message names where and what to fix. */
public final class SlaProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlaProfileException(String message) {
        super(message);
    }
}
