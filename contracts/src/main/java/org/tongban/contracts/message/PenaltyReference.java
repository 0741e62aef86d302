package org.tongban.contracts.message;

import org.tongban.contracts.json.CanonicalWriter;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which penalty a message is about.
 *
 * @param decisionNumber   the penalty decision number (处罚决定书文号), unique at its authority
 * @param authority        the deciding authority (作出处罚决定的机关)
 * @param penalizingMember the member city where the authority sits; who repairs it (谁认定、谁修复)
 * @param decisionDate     date of the decision (认定之日), from which publicity periods run
 * @param category         the penalty's category
 * @param ruleSet          the rule set its periods follow, e.g. {@code cn-2025}
 */
public record PenaltyReference(String decisionNumber, String authority, MemberId penalizingMember,
                               LocalDate decisionDate, PenaltyCategory category, String ruleSet) {
    public PenaltyReference {
        Objects.requireNonNull(decisionNumber, "decisionNumber");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(penalizingMember, "penalizingMember");
        Objects.requireNonNull(decisionDate, "decisionDate");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleSet, "ruleSet");
    }

    public static PenaltyReference read(JsonObjectReader r) {
        String number = r.string("decisionNumber", Formats.DECISION_NUMBER);
        String authority = r.string("authority", Formats.AUTHORITY);
        MemberId member = r.parsed("penalizingMember", MemberId::of);
        LocalDate date = r.date("decisionDate");
        PenaltyCategory category = r.enumValue("category", PenaltyCategory.class);
        String ruleSet = r.string("ruleSet", 32, Formats.RULE_SET, Formats.RULE_SET_NAME);
        return r.build(() -> new PenaltyReference(number, authority, member, date, category, ruleSet));
    }

    /** The members of {@link #write()}, in canonical order. */
    CanonicalWriter writeCanonical(CanonicalWriter w) {
        return w.string("authority", authority).constant("category", category).text("decisionDate", decisionDate)
                .string("decisionNumber", decisionNumber).text("penalizingMember", penalizingMember)
                .string("ruleSet", ruleSet);
    }

    public JsonObjectWriter write() {
        return JsonObjectWriter.create()
                .put("decisionNumber", decisionNumber)
                .put("authority", authority)
                .putText("penalizingMember", penalizingMember)
                .put("decisionDate", decisionDate)
                .put("category", category)
                .put("ruleSet", ruleSet);
    }
}
