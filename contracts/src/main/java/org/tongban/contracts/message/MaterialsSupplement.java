package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.List;

/**
 * Materials handed in after a {@link MaterialsRequest} or for a {@link DeferredMaterial}
 * (补正材料). The envelope's {@code inReplyTo} names the request, when there was one.
 */
public record MaterialsSupplement(List<Attachment> materials, String note) implements Payload {
    public MaterialsSupplement {
        materials = List.copyOf(materials);
        RepairApplication.requireUniqueIds(materials, "/materials");
    }

    @Override
    public MessageType type() {
        return MessageType.MATERIALS_SUPPLEMENT;
    }

    public static MaterialsSupplement read(JsonObjectReader r) {
        List<Attachment> materials = r.list("materials", 1, Formats.MAX_MATERIALS, Attachment::read);
        String note = r.optString("note", Formats.NOTE);
        return r.build(() -> new MaterialsSupplement(materials, note));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .putRequiredList("materials", materials, a -> a.write().node())
                .put("note", note)
                .node();
    }
}
