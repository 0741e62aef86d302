package org.tongban.gateway.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.RepairDecision;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.Store;

import java.time.Clock;

/**
 * Takes what a member's platform decided (through its adapter) into the leg and sends it, signed
 * by the penalizing member, to the home member. One transaction per event; an event id seen
 * before has no second effect. Blocking: call from a worker.
 */
public final class PlatformEventIntake {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformEventIntake.class);

    private final Store store;
    private final LegTransitions transitions;
    private final MessageFactory messages;
    private final Dispatcher dispatcher;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public PlatformEventIntake(Store store, LegTransitions transitions, MessageFactory messages, Dispatcher dispatcher,
                               GatewayMetrics metrics, Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies the event; returns false when it was a duplicate. */
    public boolean accept(MemberId member, PlatformEvent event) {
        String type = event.payload().type().wireName();
        try {
            boolean applied = store.inTransaction(tx -> {
                if (!tx.recordPlatformEvent(member, event.eventId(), event.leg().legId(), clock.instant())) {
                    return false;
                }
                LegRecord leg = tx.lockLeg(event.leg().legId()).orElseThrow(() -> new ContractException(
                        ErrorCode.LEG_NOT_FOUND, "", "the platform of " + member + " reported on unknown leg "
                        + event.leg().legId()));
                if (!leg.penalizingMember().equals(member)) {
                    throw new ContractException(ErrorCode.NOT_A_PARTY, "", "leg " + leg.legId()
                            + " is not at member " + member);
                }
                if (leg.state().isFinal() && leg.state() != target(event.payload())) {
                    transitions.note(tx, leg, org.tongban.gateway.store.EventKind.MESSAGE_RECEIVED, null,
                            "platform:" + member, type + " from the platform after the leg became " + leg.state()
                                    + "; not forwarded");
                    return true;
                }
                Envelope env = messages.create(member, leg.homeMember(), leg.caseId(), leg.legId(), null, event.payload());
                transitions.advance(tx, leg, target(event.payload()), env.messageId(), "platform:" + member,
                        type + " from the platform", true);
                dispatcher.send(tx, env);
                return true;
            });
            metrics.platformEvent(member.value(), type, applied ? "applied" : "duplicate");
            return applied;
        } catch (RuntimeException e) {
            metrics.platformEvent(member.value(), type, "refused");
            LOG.atWarn().addKeyValue("caseId", event.leg().caseId()).addKeyValue("legId", event.leg().legId())
                    .log("platform event {} from {} refused: {}", event.eventId(), member, e.getMessage());
            throw e;
        }
    }

    static LegState target(Payload p) {
        if (p instanceof Acceptance) {
            return ((Acceptance) p).outcome() == AcceptanceOutcome.ACCEPTED ? LegState.ACCEPTED : LegState.NOT_ACCEPTED;
        }
        if (p instanceof MaterialsRequest) {
            return LegState.MATERIALS_REQUESTED;
        }
        if (p instanceof RepairDecision) {
            return ((RepairDecision) p).outcome() == DecisionOutcome.REPAIRED ? LegState.REPAIRED : LegState.REFUSED;
        }
        if (p instanceof PublicityEnded) {
            return LegState.PUBLICITY_ENDED;
        }
        throw new ContractException(ErrorCode.MESSAGE_TYPE_UNKNOWN, "", p.type() + " is not a platform event");
    }
}
