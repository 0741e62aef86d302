package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An escalation to the partner's contact (合作会商机制), typically after an SLA breach.
 *
 * @param clock      the breached clock, required for {@link EscalationReason#SLA_BREACH}
 * @param deadline   when the clock ran out, required for {@link EscalationReason#SLA_BREACH}
 * @param addressee  the partner's contact from the federation directory
 */
public record Escalation(EscalationReason reason, SlaClock clock, OffsetDateTime deadline,
                         OffsetDateTime raisedAt, Contact addressee, String message) implements Payload {
    public Escalation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(message, "message");
        if (reason == EscalationReason.SLA_BREACH && (clock == null || deadline == null)) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, clock == null ? "/clock" : "/deadline",
                    "an SLA breach names the clock and its deadline");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.ESCALATION;
    }

    public static Escalation read(JsonObjectReader r) {
        EscalationReason reason = r.enumValue("reason", EscalationReason.class);
        SlaClock clock = r.optEnumValue("clock", SlaClock.class);
        OffsetDateTime deadline = r.optTimestamp("deadline");
        OffsetDateTime raisedAt = r.timestamp("raisedAt");
        Contact addressee = r.optObject("addressee", Contact::read);
        String message = r.string("message", Formats.NOTE);
        return r.build(() -> new Escalation(reason, clock, deadline, raisedAt, addressee, message));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("reason", reason)
                .put("clock", clock)
                .put("deadline", deadline)
                .put("raisedAt", raisedAt)
                .put("addressee", addressee == null ? null : addressee.write().node())
                .put("message", message)
                .node();
    }
}
