package org.tongban.adapters.feed;

import io.vertx.core.Future;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.Reason;
import org.tongban.contracts.message.ReasonCode;
import org.tongban.contracts.message.RepairDecision;
import org.tongban.contracts.message.RequestedMaterial;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a platform's change into the {@link PlatformEvent} the gateway takes: the leg from the
 * ids Tongban sent (the penalizing member is the adapter's own), the payload from the change
 * type. What does not fit the contract (a type or enum value not listed, a missing field the type
 * needs) fails with a {@link ContractException}: permanent, bad data.
 */
public final class EventAssembler {
    private final MemberId member;
    private final LegFacts facts;

    /** @param member the member whose platform reports the changes (the penalizing member) */
    public EventAssembler(MemberId member, LegFacts facts) {
        this.member = Objects.requireNonNull(member, "member");
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    public Future<PlatformEvent> assemble(PlatformChange c) {
        try {
            LegRef leg = new LegRef(CaseId.parse(required(c.caseId(), "caseId")),
                    LegId.parse(required(c.legId(), "legId")), MemberId.of(required(c.homeMember(), "homeMember")),
                    member, c.applicationId());
            if (c.at() == null) {
                throw missing("at", c.type());
            }
            String type = required(c.type(), "type");
            switch (type) {
                case "ACCEPTED":
                    return event(c, leg, new Acceptance(AcceptanceOutcome.ACCEPTED, c.applicationId(), List.of(), c.at()));
                case "NOT_ACCEPTED":
                    return event(c, leg, new Acceptance(AcceptanceOutcome.NOT_ACCEPTED, c.applicationId(),
                            List.of(reason(c)), c.at()));
                case "MATERIALS_REQUESTED":
                    return event(c, leg, new MaterialsRequest(requested(c), c.respondBy(), c.reasonText()));
                case "REPAIRED":
                    return event(c, leg, new RepairDecision(DecisionOutcome.REPAIRED, List.of(), c.at(), c.decisionNo()));
                case "REFUSED":
                    return event(c, leg, new RepairDecision(DecisionOutcome.REFUSED, List.of(reason(c)), c.at(),
                            c.decisionNo()));
                case "PUBLICITY_ENDED":
                    return publicityEnded(c, leg);
                default:
                    throw new ContractException(ErrorCode.ENUM_INVALID, "/type", "change " + c.changeId()
                            + " has type '" + type + "', which is none of ACCEPTED, NOT_ACCEPTED, MATERIALS_REQUESTED,"
                            + " REPAIRED, REFUSED, PUBLICITY_ENDED");
            }
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<PlatformEvent> publicityEnded(PlatformChange c, LegRef leg) {
        if (c.endedOn() == null) {
            throw missing("endedOn", c.type());
        }
        if (c.channels().isEmpty()) {
            throw missing("channels", c.type());
        }
        List<PublicityChannel> channels = new ArrayList<>();
        for (String ch : c.channels()) {
            channels.add(enumValue(PublicityChannel.class, ch, "channels"));
        }
        return facts.recall(leg.legId()).map(found -> {
            LegFacts.Facts f = found.orElseThrow(() -> new ContractException(ErrorCode.LEG_NOT_FOUND, "/externalId",
                    "change " + c.changeId() + " ends publicity for leg " + leg.legId()
                            + ", whose application this adapter never handed over"));
            return new PlatformEvent(c.changeId(), leg, new PublicityEnded(f.enterprise(), f.penalty(),
                    PublicityEndCause.REPAIRED, c.endedOn(), channels), c.at().toInstant());
        });
    }

    private static Future<PlatformEvent> event(PlatformChange c, LegRef leg,
                                               org.tongban.contracts.message.Payload payload) {
        return Future.succeededFuture(new PlatformEvent(c.changeId(), leg, payload, c.at().toInstant()));
    }

    private static Reason reason(PlatformChange c) {
        ReasonCode code = c.reasonCode() == null ? ReasonCode.OTHER : enumValue(ReasonCode.class, c.reasonCode(), "reasonCode");
        return new Reason(code, c.reasonText());
    }

    private static List<RequestedMaterial> requested(PlatformChange c) {
        if (c.requested().isEmpty()) {
            throw missing("requestedMaterials", c.type());
        }
        List<RequestedMaterial> out = new ArrayList<>();
        for (PlatformChange.Requested r : c.requested()) {
            MaterialKind kind = enumValue(MaterialKind.class, required(r.kind(), "requestedMaterials.kind"),
                    "requestedMaterials.kind");
            out.add(new RequestedMaterial(kind, required(r.description(), "requestedMaterials.description")));
        }
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ContractException(ErrorCode.ENUM_INVALID, "/" + field, "'" + value + "' is not a "
                    + type.getSimpleName() + "; allowed: " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/" + field, field + " is missing");
        }
        return value;
    }

    private static ContractException missing(String field, String type) {
        return new ContractException(ErrorCode.FIELD_REQUIRED, "/" + field, "a " + type + " change needs " + field);
    }
}
