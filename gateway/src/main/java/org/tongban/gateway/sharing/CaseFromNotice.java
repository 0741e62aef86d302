package org.tongban.gateway.sharing;

import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.DeferredMaterial;

import java.time.LocalDate;
import java.util.List;

/**
 * What a clerk adds to a notice to open a case from it in one step: the enterprise and the penalty
 * come from the notice; the rest is the application's.
 *
 * @param appliedOn the day the enterprise applied; null: today (China)
 */
public record CaseFromNotice(LocalDate appliedOn, String homeReference, List<Contact> contacts,
                             List<Attachment> materials, List<DeferredMaterial> deferredMaterials, String statement) {
    public CaseFromNotice {
        contacts = List.copyOf(contacts);
        materials = materials == null ? List.of() : List.copyOf(materials);
        deferredMaterials = deferredMaterials == null ? List.of() : List.copyOf(deferredMaterials);
    }
}
