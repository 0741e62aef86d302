package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.Objects;

/** The home member withdraws the application of a leg (撤回申请). */
public record Withdrawal(WithdrawalReason reason, String note) implements Payload {
    public Withdrawal {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public MessageType type() {
        return MessageType.WITHDRAWAL;
    }

    public static Withdrawal read(JsonObjectReader r) {
        WithdrawalReason reason = r.enumValue("reason", WithdrawalReason.class);
        String note = r.optString("note", Formats.NOTE);
        return r.build(() -> new Withdrawal(reason, note));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create().put("reason", reason).put("note", note).node();
    }
}
