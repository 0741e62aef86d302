package org.tongban.contracts.message;

import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.Objects;

/**
 * Descriptor of an attachment (附件) that travels beside the envelope. The envelope's signature
 * covers this descriptor, and so, through {@link #sha256()}, {@link #size()} and
 * {@link #mediaType()}, the attachment itself.
 *
 * @param id        sender-chosen id, unique within the message
 * @param fileName  file name as uploaded, without a path
 * @param mediaType lower-case media type, e.g. {@code application/pdf}
 * @param size      size in bytes
 * @param sha256    SHA-256 of the bytes, 64 lower-case hex digits
 * @param kind      what the material is
 */
public record Attachment(String id, String fileName, String mediaType, long size, String sha256, MaterialKind kind) {
    /** Largest attachment a message may announce: 64 MiB. */
    public static final long MAX_SIZE = 64L * 1024 * 1024;

    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(kind, "kind");
    }

    public static Attachment read(JsonObjectReader r) {
        String id = r.string("id", 64, Formats.TOKEN, Formats.TOKEN_NAME);
        String fileName = r.string("fileName", Formats.FILE_NAME, Formats.FILE, Formats.FILE_NAME_TEXT);
        String mediaType = r.string("mediaType", 127, Formats.MEDIA_TYPE, Formats.MEDIA_TYPE_NAME);
        Long size = r.integer("size", 0, MAX_SIZE);
        String sha256 = r.string("sha256", 64, Formats.SHA256, Formats.SHA256_NAME);
        MaterialKind kind = r.enumValue("kind", MaterialKind.class);
        return r.build(() -> new Attachment(id, fileName, mediaType, size, sha256, kind));
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create()
                .put("id", id)
                .put("fileName", fileName)
                .put("mediaType", mediaType)
                .put("size", size)
                .put("sha256", sha256)
                .put("kind", kind);
    }
}
