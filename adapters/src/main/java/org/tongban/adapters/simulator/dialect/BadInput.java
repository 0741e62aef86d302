package org.tongban.adapters.simulator.dialect;

/** A request the platform cannot take: a field missing, malformed or unknown. The message names it. */
public final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInput(String message) {
        super(message, null, false, false);
    }
}
