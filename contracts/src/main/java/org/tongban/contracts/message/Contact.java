package org.tongban.contracts.message;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.Objects;

/** A person to reach about a case (联系人): name, role and at least one of phone and e-mail. */
public record Contact(String name, ContactRole role, String phone, String email) {
    public Contact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (phone == null && email == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "", "a contact needs a phone or an e-mail");
        }
    }

    public static Contact read(JsonObjectReader r) {
        String name = r.string("name", Formats.NAME);
        ContactRole role = r.enumValue("role", ContactRole.class);
        String phone = r.optString("phone", 32, Formats.PHONE, Formats.PHONE_NAME);
        String email = r.optString("email", 320, Formats.EMAIL, Formats.EMAIL_NAME);
        return r.build(() -> new Contact(name, role, phone, email));
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create().put("name", name).put("role", role).put("phone", phone).put("email", email);
    }
}
