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
 * The penalizing member's answer to an application: accepted (受理) or not (不予受理).
 *
 * @param platformReference the penalizing platform's own reference, once it has one
 * @param reasons           why not, required when not accepted
 */
public record Acceptance(AcceptanceOutcome outcome, String platformReference, List<Reason> reasons,
                         OffsetDateTime decidedAt) implements Payload {
    public Acceptance {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedAt, "decidedAt");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        if (outcome == AcceptanceOutcome.NOT_ACCEPTED && reasons.isEmpty()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/reasons", "a refusal to accept needs a reason");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.ACCEPTANCE;
    }

    public static Acceptance read(JsonObjectReader r) {
        AcceptanceOutcome outcome = r.enumValue("outcome", AcceptanceOutcome.class);
        String ref = r.optString("platformReference", Formats.REFERENCE);
        List<Reason> reasons = r.list("reasons", 0, Formats.MAX_REASONS, Reason::read);
        OffsetDateTime at = r.timestamp("decidedAt");
        return r.build(() -> new Acceptance(outcome, ref, reasons, at));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("outcome", outcome)
                .put("platformReference", platformReference)
                .putList("reasons", reasons, x -> x.write().node())
                .put("decidedAt", decidedAt)
                .node();
    }
}
