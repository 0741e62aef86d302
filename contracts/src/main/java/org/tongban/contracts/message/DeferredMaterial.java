package org.tongban.contracts.message;

import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Material the applicant promises to hand in later (容缺受理): the application is accepted
 * against a commitment, and the material is due by {@link #promisedDate()}.
 */
public record DeferredMaterial(MaterialKind kind, String description, LocalDate promisedDate) {
    public DeferredMaterial {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(promisedDate, "promisedDate");
    }

    public static DeferredMaterial read(JsonObjectReader r) {
        MaterialKind kind = r.enumValue("kind", MaterialKind.class);
        String description = r.string("description", Formats.SHORT_TEXT);
        LocalDate promised = r.date("promisedDate");
        return r.build(() -> new DeferredMaterial(kind, description, promised));
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create().put("kind", kind).put("description", description).put("promisedDate", promisedDate);
    }
}
