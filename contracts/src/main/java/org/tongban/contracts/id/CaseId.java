package org.tongban.contracts.id;

import java.util.UUID;

/** A case id (案件编号): one application by one enterprise at its home member, unchanged across every hop, like a payment's UETR. Text form: a lower-case UUIDv7. */
public record CaseId(UUID value) implements Comparable<CaseId> {
    public CaseId {
        java.util.Objects.requireNonNull(value, "value");
        if (value.version() != 7) {
            throw new org.tongban.contracts.error.ContractException(
                    org.tongban.contracts.error.ErrorCode.IDENTIFIER_INVALID, "", "not a UUIDv7: " + value);
        }
    }

    public static CaseId parse(String text) {
        return new CaseId(Ids.parseV7(text));
    }

    @Override
    public int compareTo(CaseId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
