package org.tongban.contracts.message;

import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.OffsetDateTime;
import java.util.Objects;

/** One step of a leg's history in a {@link StatusReport}. */
public record StatusEvent(LegState state, OffsetDateTime at, MessageId messageId) {
    public StatusEvent {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }

    public static StatusEvent read(JsonObjectReader r) {
        LegState state = r.enumValue("state", LegState.class);
        OffsetDateTime at = r.timestamp("at");
        MessageId id = r.optParsed("messageId", MessageId::parse);
        return r.build(() -> new StatusEvent(state, at, id));
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create().put("state", state).put("at", at).putText("messageId", messageId);
    }
}
