package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A signed receipt (回执): the receiver has stored the message it names. {@link #receivedSha256()}
 * is the SHA-256 of the canonical bytes of the whole received envelope, signature included, so
 * the receipt proves what exactly was received (non-repudiation of receipt).
 */
public record Receipt(MessageId receivedMessageId, MessageType receivedType, String receivedSha256,
                      OffsetDateTime receivedAt) implements Payload {
    public Receipt {
        Objects.requireNonNull(receivedMessageId, "receivedMessageId");
        Objects.requireNonNull(receivedType, "receivedType");
        Objects.requireNonNull(receivedSha256, "receivedSha256");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    @Override
    public MessageType type() {
        return MessageType.RECEIPT;
    }

    public static Receipt read(JsonObjectReader r) {
        MessageId id = r.parsed("receivedMessageId", MessageId::parse);
        MessageType type = r.parsed("receivedType", Envelope::typeOf);
        String sha = r.string("receivedSha256", 64, Formats.SHA256, Formats.SHA256_NAME);
        OffsetDateTime at = r.timestamp("receivedAt");
        return r.build(() -> new Receipt(id, type, sha, at));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .putText("receivedMessageId", receivedMessageId)
                .put("receivedType", receivedType.wireName())
                .put("receivedSha256", receivedSha256)
                .put("receivedAt", receivedAt)
                .node();
    }
}
