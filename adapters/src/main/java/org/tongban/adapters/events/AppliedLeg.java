package org.tongban.adapters.events;

import io.vertx.core.json.JsonObject;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What an adapter keeps of an application it submitted: the enterprise and the penalty, which
 * a {@code PublicityEnded} must name but the platform's event does not carry.
 */
public record AppliedLeg(Enterprise enterprise, PenaltyReference penalty) {
    public AppliedLeg {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(penalty, "penalty");
    }

    String toJson() {
        return new JsonObject()
                .put("v", 1)
                .put("creditCode", enterprise.creditCode().value())
                .put("name", enterprise.name())
                .put("decisionNumber", penalty.decisionNumber())
                .put("authority", penalty.authority())
                .put("penalizingMember", penalty.penalizingMember().value())
                .put("decisionDate", penalty.decisionDate().toString())
                .put("category", penalty.category().name())
                .put("ruleSet", penalty.ruleSet())
                .encode();
    }

    static AppliedLeg fromJson(String text) {
        try {
            JsonObject j = new JsonObject(text);
            return new AppliedLeg(new Enterprise(CreditCode.of(j.getString("creditCode")), j.getString("name")),
                    new PenaltyReference(j.getString("decisionNumber"), j.getString("authority"),
                            MemberId.of(j.getString("penalizingMember")), LocalDate.parse(j.getString("decisionDate")),
                            PenaltyCategory.valueOf(j.getString("category")), j.getString("ruleSet")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the stored record of an applied leg is damaged: " + e.getMessage(), e);
        }
    }
}
