package org.tongban.adapters.simulator.book;

import io.vertx.core.json.JsonObject;

/**
 * A material descriptor as a platform received it, whatever its dialect; fields a dialect does
 * not carry are {@code null} (the form-json platform knows only file name, kind and hash).
 */
public record Material(String attachmentId, String fileName, String mediaType, Long size, String sha256, String kind) {
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        putIf(o, "attachmentId", attachmentId);
        putIf(o, "fileName", fileName);
        putIf(o, "mediaType", mediaType);
        putIf(o, "size", size);
        putIf(o, "sha256", sha256);
        putIf(o, "kind", kind);
        return o;
    }

    private static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
