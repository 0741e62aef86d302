package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A request for more materials (补正通知). While it is open, the leg's decision clock is paused.
 *
 * @param respondBy the last day for the supplement, optional
 */
public record MaterialsRequest(List<RequestedMaterial> requested, LocalDate respondBy, String note) implements Payload {
    public MaterialsRequest {
        requested = List.copyOf(requested);
        Objects.requireNonNull(requested, "requested");
    }

    @Override
    public MessageType type() {
        return MessageType.MATERIALS_REQUEST;
    }

    public static MaterialsRequest read(JsonObjectReader r) {
        List<RequestedMaterial> requested = r.list("requested", 1, Formats.MAX_MATERIALS, RequestedMaterial::read);
        LocalDate respondBy = r.optDate("respondBy");
        String note = r.optString("note", Formats.NOTE);
        return r.build(() -> new MaterialsRequest(requested, respondBy, note));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .putRequiredList("requested", requested, x -> x.write().node())
                .put("respondBy", respondBy)
                .put("note", note)
                .node();
    }
}
