package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A credit repair application (信用修复申请) forwarded by the enterprise's home member to the
 * member that imposed the penalty (联动代办). One application per leg.
 *
 * @param enterprise        the applicant
 * @param penalty           the penalty to repair
 * @param appliedOn         the day the enterprise applied at home (starts the end-to-end clock)
 * @param homeReference     the home office's own reference for the case
 * @param contacts          people to reach, at least one
 * @param materials         attachments travelling with the envelope
 * @param deferredMaterials materials promised for later (容缺受理)
 * @param statement         the applicant's statement, optional
 */
public record RepairApplication(Enterprise enterprise, PenaltyReference penalty, LocalDate appliedOn,
                                String homeReference, List<Contact> contacts, List<Attachment> materials,
                                List<DeferredMaterial> deferredMaterials, String statement) implements Payload {
    public RepairApplication {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(appliedOn, "appliedOn");
        contacts = List.copyOf(contacts);
        materials = List.copyOf(materials);
        deferredMaterials = deferredMaterials == null ? List.of() : List.copyOf(deferredMaterials);
        if (contacts.isEmpty()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/contacts", "at least one contact is required");
        }
        requireUniqueIds(materials, "/materials");
    }

    static void requireUniqueIds(List<Attachment> materials, String pointer) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < materials.size(); i++) {
            if (!ids.add(materials.get(i).id())) {
                throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, pointer + "/" + i + "/id",
                        "attachment id '" + materials.get(i).id() + "' is used twice");
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.REPAIR_APPLICATION;
    }

    public static RepairApplication read(JsonObjectReader r) {
        Enterprise enterprise = r.object("enterprise", Enterprise::read);
        PenaltyReference penalty = r.object("penalty", PenaltyReference::read);
        LocalDate appliedOn = r.date("appliedOn");
        String homeReference = r.optString("homeReference", Formats.REFERENCE);
        List<Contact> contacts = r.list("contacts", 1, Formats.MAX_CONTACTS, Contact::read);
        List<Attachment> materials = r.list("materials", 0, Formats.MAX_MATERIALS, Attachment::read);
        List<DeferredMaterial> deferred = r.list("deferredMaterials", 0, Formats.MAX_MATERIALS, DeferredMaterial::read);
        String statement = r.optString("statement", Formats.NOTE);
        return r.build(() -> new RepairApplication(enterprise, penalty, appliedOn, homeReference, contacts,
                materials, deferred, statement));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("enterprise", enterprise.write().node())
                .put("penalty", penalty.write().node())
                .put("appliedOn", appliedOn)
                .put("homeReference", homeReference)
                .putRequiredList("contacts", contacts, c -> c.write().node())
                .putList("materials", materials, a -> a.write().node())
                .putList("deferredMaterials", deferredMaterials, d -> d.write().node())
                .put("statement", statement)
                .node();
    }
}
