package org.tongban.contracts.id;

import java.util.UUID;

/** A message id: unique per message across the federation; the inbox deduplicates on it. Text form: a lower-case UUIDv7. */
public record MessageId(UUID value) implements Comparable<MessageId> {
    public MessageId {
        java.util.Objects.requireNonNull(value, "value");
        if (value.version() != 7) {
            throw new org.tongban.contracts.error.ContractException(
                    org.tongban.contracts.error.ErrorCode.IDENTIFIER_INVALID, "", "not a UUIDv7: " + value);
        }
    }

    public static MessageId parse(String text) {
        return new MessageId(Ids.parseV7(text));
    }

    @Override
    public int compareTo(MessageId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
