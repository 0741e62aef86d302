package org.tongban.contracts.message;

import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.Objects;

/** One item of a request for more materials (补正材料). */
public record RequestedMaterial(MaterialKind kind, String description) {
    public RequestedMaterial {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    public static RequestedMaterial read(JsonObjectReader r) {
        MaterialKind kind = r.enumValue("kind", MaterialKind.class);
        String description = r.string("description", Formats.SHORT_TEXT);
        return r.build(() -> new RequestedMaterial(kind, description));
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create().put("kind", kind).put("description", description);
    }
}
