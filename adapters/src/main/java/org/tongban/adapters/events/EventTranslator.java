package org.tongban.adapters.events;

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
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.Reason;
import org.tongban.contracts.message.ReasonCode;
import org.tongban.contracts.message.RepairDecision;
import org.tongban.contracts.message.RequestedMaterial;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns an event a platform pushed into the contract payload the gateway forwards to the home
 * member, with the {@link LegRef} built from the echoed external id (the leg id), the case id,
 * the home member and this adapter's own member (谁认定、谁修复: the platform's city penalized).
 *
 * <p>Bad data (unknown event type, reason or material kind, missing fields) fails with a
 * {@link ContractException} naming the platform's field, before anything is handed on.
 */
public final class EventTranslator {
    /** China Standard Time, in which platforms write times without an offset. */
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final MemberId member;
    private final AppliedLegs legs;

    public EventTranslator(MemberId member, AppliedLegs legs) {
        this.member = Objects.requireNonNull(member, "member");
        this.legs = Objects.requireNonNull(legs, "legs");
    }

    /** The platform event; fails with a {@link ContractException} when the event is bad data. */
    public Future<PlatformEvent> translate(PushedEvent e) {
        String eventId = PlatformValues.required(e.eventId(), "event_id");
        LegRef leg = legOf(e);
        PlatformEventType type = PlatformValues.enumValue(PlatformEventType.class, e.eventType(), "event_type");
        if (e.occurredAt() == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "occurred_at", "occurred_at is required");
        }
        OffsetDateTime at = e.occurredAt().atOffset(CHINA);
        if (type == PlatformEventType.PUBLICITY_ENDED) {
            return legs.recall(leg.legId()).map(applied -> new PlatformEvent(eventId, leg,
                    publicityEnded(e, applied.orElseThrow(() -> new ContractException(ErrorCode.LEG_NOT_FOUND,
                            "external_id", "no application was submitted through this adapter for leg "
                            + leg.legId()))), at.toInstant()));
        }
        return Future.succeededFuture(new PlatformEvent(eventId, leg, payload(type, e, at), at.toInstant()));
    }

    private LegRef legOf(PushedEvent e) {
        LegId legId = LegId.parse(PlatformValues.required(e.externalId(), "external_id"));
        CaseId caseId = CaseId.parse(PlatformValues.required(e.caseId(), "case_id"));
        MemberId home = MemberId.of(PlatformValues.required(e.homeMember(), "home_member"));
        String reference = PlatformValues.required(e.applicationNo(), "application_no");
        return new LegRef(caseId, legId, home, member, reference);
    }

    private static Payload payload(PlatformEventType type, PushedEvent e, OffsetDateTime at) {
        switch (type) {
            case ACCEPTED:
                return new Acceptance(AcceptanceOutcome.ACCEPTED, e.applicationNo(), optionalReasons(e), at);
            case NOT_ACCEPTED:
                return new Acceptance(AcceptanceOutcome.NOT_ACCEPTED, e.applicationNo(), requiredReasons(e), at);
            case MATERIALS_REQUESTED:
                return materialsRequest(e);
            case REPAIRED:
                return new RepairDecision(DecisionOutcome.REPAIRED, optionalReasons(e), at, e.decisionNo());
            case REFUSED:
                return new RepairDecision(DecisionOutcome.REFUSED, requiredReasons(e), at, e.decisionNo());
            default:
                throw new IllegalStateException("handled by the caller: " + type);
        }
    }

    private static MaterialsRequest materialsRequest(PushedEvent e) {
        if (e.requestedMaterials().isEmpty()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "requested_materials",
                    "a materials request names at least one material");
        }
        List<RequestedMaterial> requested = new ArrayList<>();
        for (int i = 0; i < e.requestedMaterials().size(); i++) {
            PushedEvent.Requested r = e.requestedMaterials().get(i);
            String field = "requested_materials/" + i;
            requested.add(new RequestedMaterial(PlatformValues.enumValue(MaterialKind.class, r.kind(), field + "/kind"),
                    PlatformValues.required(r.description(), field + "/description")));
        }
        return new MaterialsRequest(requested, e.respondBy(), e.reasonText());
    }

    private static PublicityEnded publicityEnded(PushedEvent e, AppliedLeg applied) {
        if (e.endedOn() == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "ended_on", "ended_on is required");
        }
        if (e.channels().isEmpty()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "channels", "at least one channel is required");
        }
        List<PublicityChannel> channels = new ArrayList<>();
        for (int i = 0; i < e.channels().size(); i++) {
            channels.add(PlatformValues.enumValue(PublicityChannel.class, e.channels().get(i), "channels/" + i));
        }
        // a repair leg's publicity normally ends by the repair; a platform may report that the
        // maximum period ran out first (免申享)
        PublicityEndCause cause = "MAX_PERIOD_REACHED".equals(e.reasonCode())
                ? PublicityEndCause.MAX_PERIOD_REACHED : PublicityEndCause.REPAIRED;
        return new PublicityEnded(applied.enterprise(), applied.penalty(), cause, e.endedOn(), channels);
    }

    private static List<Reason> optionalReasons(PushedEvent e) {
        return e.reasonCode() == null && e.reasonText() == null ? List.of() : requiredReasons(e);
    }

    private static List<Reason> requiredReasons(PushedEvent e) {
        if (e.reasonCode() == null && e.reasonText() == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "reason_code", "a refusal needs a reason_code");
        }
        // free text without a code is kept as OTHER, as the contract defines it
        ReasonCode code = e.reasonCode() == null ? ReasonCode.OTHER
                : PlatformValues.enumValue(ReasonCode.class, e.reasonCode(), "reason_code");
        return List.of(new Reason(code, e.reasonText()));
    }
}
