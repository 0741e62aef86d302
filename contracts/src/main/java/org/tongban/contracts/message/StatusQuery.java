package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

/**
 * Asks the state of the leg named in the envelope; any member party to the leg may ask.
 *
 * @param includeEvents whether the report should list the leg's events
 */
public record StatusQuery(boolean includeEvents) implements Payload {
    @Override
    public MessageType type() {
        return MessageType.STATUS_QUERY;
    }

    public static StatusQuery read(JsonObjectReader r) {
        Boolean events = r.optBoolean("includeEvents");
        return r.build(() -> new StatusQuery(events != null && events));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create().put("includeEvents", includeEvents ? Boolean.TRUE : null).node();
    }
}
