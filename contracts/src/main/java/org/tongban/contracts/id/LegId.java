package org.tongban.contracts.id;

import java.util.UUID;

/** A leg id: one penalty of a case at one penalizing member. Text form: a lower-case UUIDv7. */
public record LegId(UUID value) implements Comparable<LegId> {
    public LegId {
        java.util.Objects.requireNonNull(value, "value");
        if (value.version() != 7) {
            throw new org.tongban.contracts.error.ContractException(
                    org.tongban.contracts.error.ErrorCode.IDENTIFIER_INVALID, "", "not a UUIDv7: " + value);
        }
    }

    public static LegId parse(String text) {
        return new LegId(Ids.parseV7(text));
    }

    @Override
    public int compareTo(LegId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
