package org.tongban.contracts.message;

import org.tongban.contracts.json.CanonicalWriter;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.Objects;

/** An enterprise (企业) by its unified social credit code and registered name. */
public record Enterprise(CreditCode creditCode, String name) {
    public Enterprise {
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(name, "name");
    }

    public static Enterprise read(JsonObjectReader r) {
        CreditCode code = r.parsed("creditCode", CreditCode::of);
        String name = r.string("name", Formats.NAME);
        return r.build(() -> new Enterprise(code, name));
    }

    /** The members of {@link #write()}, in canonical order. */
    CanonicalWriter writeCanonical(CanonicalWriter w) {
        return w.text("creditCode", creditCode).string("name", name);
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create().putText("creditCode", creditCode).put("name", name);
    }
}
