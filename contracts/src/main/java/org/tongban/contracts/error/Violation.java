package org.tongban.contracts.error;

import java.util.Objects;

/**
 * One thing wrong with an input: a stable code, an RFC 6901 JSON Pointer to the bad spot
 * ({@code ""} for the whole document) and a human-readable detail.
 */
public record Violation(ErrorCode code, String pointer, String detail) {
    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return code + " at '" + pointer + "': " + detail;
    }
}
