package org.tongban.adapters.simulator.book;

import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A repair application (信用修复申请) as a platform took it in, dialect-neutral.
 *
 * @param externalId  the leg id the adapter sent, the idempotency key
 * @param category    the contract's category name ({@code MINOR}, {@code GENERAL}, …)
 * @param callbackUrl where events are pushed (push dialects), else {@code null}
 * @param received    the request body as the dialect received it (JSON, or XML turned into text), for the admin API
 */
public record NewApplication(String externalId, String caseId, String homeMember, String creditCode,
                             String enterpriseName, String decisionNumber, String decidingAuthority,
                             LocalDate decisionDate, String category, String ruleSet, LocalDate appliedOn,
                             String callbackUrl, List<Material> materials, JsonObject received) {
    public NewApplication {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(homeMember, "homeMember");
        Objects.requireNonNull(creditCode, "creditCode");
        materials = materials == null ? List.of() : List.copyOf(materials);
        received = received == null ? new JsonObject() : received;
    }
}
