package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The penalizing member's decision on a repair (修复决定).
 *
 * @param decisionReference the decision document's number, optional
 * @param reasons           required when refused
 */
public record RepairDecision(DecisionOutcome outcome, List<Reason> reasons, OffsetDateTime decidedAt,
                             String decisionReference) implements Payload {
    public RepairDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedAt, "decidedAt");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        if (outcome == DecisionOutcome.REFUSED && reasons.isEmpty()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/reasons", "a refusal needs a reason");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.REPAIR_DECISION;
    }

    public static RepairDecision read(JsonObjectReader r) {
        DecisionOutcome outcome = r.enumValue("outcome", DecisionOutcome.class);
        List<Reason> reasons = r.list("reasons", 0, Formats.MAX_REASONS, Reason::read);
        OffsetDateTime at = r.timestamp("decidedAt");
        String ref = r.optString("decisionReference", Formats.REFERENCE);
        return r.build(() -> new RepairDecision(outcome, reasons, at, ref));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("outcome", outcome)
                .putList("reasons", reasons, x -> x.write().node())
                .put("decidedAt", decidedAt)
                .put("decisionReference", decisionReference)
                .node();
    }
}
