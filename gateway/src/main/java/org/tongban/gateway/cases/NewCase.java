package org.tongban.gateway.cases;

import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyReference;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a clerk files: one enterprise, one or more of its penalties (one leg each, possibly in
 * different cities), contacts, materials and the applicant's statement.
 *
 * @param override the clerk's override of the eligibility rules, with its reason; null when none
 */
public record NewCase(Enterprise enterprise, List<PenaltyReference> penalties, LocalDate appliedOn, String homeReference,
                      List<Contact> contacts, List<Attachment> materials, List<DeferredMaterial> deferredMaterials,
                      String statement, EligibilityOverride override) {
    public NewCase {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(appliedOn, "appliedOn");
        penalties = List.copyOf(penalties);
        contacts = List.copyOf(contacts);
        materials = materials == null ? List.of() : List.copyOf(materials);
        deferredMaterials = deferredMaterials == null ? List.of() : List.copyOf(deferredMaterials);
    }
}
