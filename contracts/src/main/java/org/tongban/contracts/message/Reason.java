package org.tongban.contracts.message;

import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.Objects;

/** A reason code with optional free text for the applicant. */
public record Reason(ReasonCode code, String text) {
    public Reason {
        Objects.requireNonNull(code, "code");
    }

    public static Reason read(JsonObjectReader r) {
        ReasonCode code = r.enumValue("code", ReasonCode.class);
        String text = r.optString("text", Formats.SHORT_TEXT);
        return r.build(() -> new Reason(code, text));
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create().put("code", code).put("text", text);
    }
}
