package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** The state of a leg, in answer to a {@link StatusQuery} (named by the envelope's {@code inReplyTo}). */
public record StatusReport(LegState state, OffsetDateTime since, String platformReference,
                           List<StatusEvent> events) implements Payload {
    public StatusReport {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        events = events == null ? List.of() : List.copyOf(events);
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS_REPORT;
    }

    public static StatusReport read(JsonObjectReader r) {
        LegState state = r.enumValue("state", LegState.class);
        OffsetDateTime since = r.timestamp("since");
        String ref = r.optString("platformReference", Formats.REFERENCE);
        List<StatusEvent> events = r.list("events", 0, Formats.MAX_EVENTS, StatusEvent::read);
        return r.build(() -> new StatusReport(state, since, ref, events));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("state", state)
                .put("since", since)
                .put("platformReference", platformReference)
                .putList("events", events, e -> e.write().node())
                .node();
    }
}
