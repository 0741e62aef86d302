package org.tongban.gateway.federation;

import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Escalation;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.RepairDecision;
import org.tongban.contracts.message.StatusEvent;
import org.tongban.contracts.message.StatusQuery;
import org.tongban.contracts.message.StatusReport;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.sharing.ReceivedNotices;
import org.tongban.gateway.store.CanonicalJson;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.Tx;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a received message does at its hosted receiver, inside the transaction that stores it:
 * the inbox row with the signed receipt, then the leg transitions, the hand-over to the member's
 * platform and any answer. A duplicate message id has no effect and gets the stored receipt.
 */
public final class InboundEffects {
    /** The outcome: the receipt to answer with, and whether the message was new. */
    public record Outcome(String receipt, boolean duplicate) {
    }

    private final LegTransitions transitions;
    private final MessageFactory messages;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final org.tongban.gateway.node.HostedMembers hosted;
    private final ReceivedNotices notices;

    public InboundEffects(LegTransitions transitions, MessageFactory messages, Dispatcher dispatcher,
                          org.tongban.gateway.node.HostedMembers hosted, ReceivedNotices notices, Clock clock) {
        this.hosted = hosted;
        this.notices = notices;
        this.transitions = transitions;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * Stores and applies a verified envelope, kept as the canonical bytes its signature was checked
     * over, with its signed receipt (canonical JSON, made off the commit path). Throws a
     * {@link ContractException} (and so rolls the transaction back) when the message cannot apply.
     */
    public Outcome accept(Tx tx, VerifiedEnvelope v, String receiptJson) {
        Envelope e = v.envelope();
        Instant now = clock.instant();
        CanonicalJson canonical = CanonicalJson.ofUtf8(v.canonicalBytes());
        boolean inserted = tx.insertInbox(new InboxRecord(e.messageId(), e.from(), e.to(), e.type(), e.caseId(),
                e.legId(), v.sha256(), canonical, receiptJson, now));
        if (!inserted) {
            InboxRecord stored = tx.inbox(e.messageId()).orElseThrow();
            return new Outcome(stored.receipt(), true);
        }
        apply(tx, e, canonical);
        return new Outcome(receiptJson, false);
    }

    private void apply(Tx tx, Envelope e, CanonicalJson canonical) {
        String actor = "member:" + e.from();
        switch (e.type()) {
            case REPAIR_APPLICATION:
                receiveApplication(tx, e, (RepairApplication) e.payload(), canonical);
                break;
            case MATERIALS_SUPPLEMENT:
                toPenalizing(tx, e, LegState.ACCEPTED, canonical);
                break;
            case WITHDRAWAL:
                toPenalizing(tx, e, LegState.WITHDRAWN, canonical);
                break;
            case ACCEPTANCE:
                toHome(tx, e, ((Acceptance) e.payload()).outcome() == AcceptanceOutcome.ACCEPTED
                        ? LegState.ACCEPTED : LegState.NOT_ACCEPTED);
                break;
            case MATERIALS_REQUEST:
                toHome(tx, e, LegState.MATERIALS_REQUESTED);
                break;
            case REPAIR_DECISION:
                toHome(tx, e, ((RepairDecision) e.payload()).outcome() == DecisionOutcome.REPAIRED
                        ? LegState.REPAIRED : LegState.REFUSED);
                break;
            case PUBLICITY_ENDED:
                if (e.legId() != null) {
                    toHome(tx, e, LegState.PUBLICITY_ENDED);
                }
                // 免申享 and the end of a repair both end the home member's notice of the penalty
                notices.publicityEnded(tx, e, clock.instant());
                break;
            case PENALTY_NOTICE:
            case PENALTY_NOTICE_BATCH:
                notices.receive(tx, e, clock.instant());
                break;
            case STATUS_QUERY:
                answerStatus(tx, e, (StatusQuery) e.payload());
                break;
            case STATUS_REPORT:
                party(tx, e).ifPresent(leg -> transitions.note(tx, leg, EventKind.MESSAGE_RECEIVED, e.messageId(), actor,
                        "status report: " + ((StatusReport) e.payload()).state()));
                break;
            case ESCALATION:
                party(tx, e).ifPresent(leg -> transitions.note(tx, leg, EventKind.ESCALATED, e.messageId(), actor,
                        ((Escalation) e.payload()).reason() + ": " + ((Escalation) e.payload()).message()));
                break;
            default:
                // Receipts travel as HTTP answers: nothing more to do here.
                break;
        }
    }

    private void receiveApplication(Tx tx, Envelope e, RepairApplication app, CanonicalJson canonical) {
        Instant now = clock.instant();
        // When one node hosts both members, the home side created the leg; otherwise it is new
        // here, and its rows go with the transaction's deferred writes (one batch per group).
        if (!hosted.hosts(e.from())) {
            tx.insertCaseIfAbsentLater(new CaseRecord(e.caseId(), e.from(), app.enterprise().creditCode(),
                    app.enterprise().name(), CaseStatus.OPEN, app.appliedOn(), app.homeReference(), "member:" + e.from(),
                    now, now, "{}"));
            tx.insertLegLater(new LegRecord(e.legId(), e.caseId(), e.from(), e.to(), LegState.RECEIVED, app.penalty(), null,
                    now, now, 1));
            tx.appendEvent(LegEvent.of(e.caseId(), e.legId(), now, EventKind.TRANSITION, null, LegState.RECEIVED,
                    e.messageId(), "member:" + e.from(), "application from " + e.from()));
        } else {
            LegRecord leg = tx.lockLeg(e.legId()).orElseThrow(() -> new ContractException(ErrorCode.LEG_NOT_FOUND,
                    "/legId", "leg " + e.legId() + " is not known at its home member " + e.from() + " on this node"));
            checkParties(leg, e);
            transitions.note(tx, leg, EventKind.MESSAGE_RECEIVED, e.messageId(), "member:" + e.from(),
                    "application received by " + e.to());
        }
        toPlatform(tx, e, canonical);
    }

    private void toPenalizing(Tx tx, Envelope e, LegState target, CanonicalJson canonical) {
        LegRecord leg = leg(tx, e);
        if (!leg.penalizingMember().equals(e.to()) || !leg.homeMember().equals(e.from())) {
            throw notParty(e);
        }
        if (arrivedAfterTheEnd(tx, leg, e, target)) {
            return;
        }
        transitions.advance(tx, leg, target, e.messageId(), "member:" + e.from(), e.type().wireName(), false);
        toPlatform(tx, e, canonical);
    }

    private void toHome(Tx tx, Envelope e, LegState target) {
        LegRecord leg = leg(tx, e);
        if (!leg.homeMember().equals(e.to()) || !leg.penalizingMember().equals(e.from())) {
            throw notParty(e);
        }
        if (arrivedAfterTheEnd(tx, leg, e, target)) {
            return;
        }
        transitions.advance(tx, leg, target, e.messageId(), "member:" + e.from(), e.type().wireName(), true);
    }

    /**
     * A message that crossed with the end of the leg (e.g. the partner accepted while the home
     * office withdrew) is stored and receipted, noted in the timeline, and changes nothing: a
     * refusal would only leave a dead letter at the partner for a race nobody can fix.
     */
    private boolean arrivedAfterTheEnd(Tx tx, LegRecord leg, Envelope e, LegState target) {
        if (!leg.state().isFinal() || leg.state() == target) {
            return false;
        }
        transitions.note(tx, leg, EventKind.MESSAGE_RECEIVED, e.messageId(), "member:" + e.from(),
                e.type().wireName() + " arrived after the leg became " + leg.state() + "; no effect");
        return true;
    }

    private void answerStatus(Tx tx, Envelope e, StatusQuery q) {
        LegRecord leg = leg(tx, e);
        checkParties(leg, e);
        List<StatusEvent> events = new ArrayList<>();
        if (q.includeEvents()) {
            for (LegEvent ev : tx.eventsOfCase(leg.caseId())) {
                if (ev.legId().equals(leg.legId()) && ev.kind() == EventKind.TRANSITION) {
                    events.add(new StatusEvent(ev.toState(), ev.at().atOffset(ZoneOffset.ofHours(8)), ev.messageId()));
                }
            }
        }
        StatusReport report = new StatusReport(leg.state(), leg.stateSince().atOffset(ZoneOffset.ofHours(8)),
                leg.platformReference(), events.size() > 200 ? events.subList(events.size() - 200, events.size()) : events);
        dispatcher.send(tx, messages.create(e.to(), e.from(), e.caseId(), e.legId(), e.messageId(), report));
    }

    private void toPlatform(Tx tx, Envelope e, CanonicalJson canonical) {
        dispatcher.queue(tx, OutboxRecord.pending(e.messageId(), OutboxRecord.platformDestination(e.to()),
                e.legId().toString(), e.type(), e.to(), e.caseId(), e.legId(), canonical, clock.instant()), e);
    }

    private Optional<LegRecord> party(Tx tx, Envelope e) {
        if (e.legId() == null) {
            return Optional.empty();
        }
        Optional<LegRecord> leg = tx.lockLeg(e.legId());
        leg.ifPresent(l -> checkParties(l, e));
        return leg;
    }

    private LegRecord leg(Tx tx, Envelope e) {
        LegId id = e.legId();
        return tx.lockLeg(id).orElseThrow(() -> new ContractException(ErrorCode.LEG_NOT_FOUND, "/legId",
                "leg " + id + " is not known at member " + e.to()));
    }

    private static void checkParties(LegRecord leg, Envelope e) {
        boolean fromParty = leg.homeMember().equals(e.from()) || leg.penalizingMember().equals(e.from());
        boolean toParty = leg.homeMember().equals(e.to()) || leg.penalizingMember().equals(e.to());
        if (!fromParty || !toParty || !leg.caseId().equals(e.caseId())) {
            throw notParty(e);
        }
    }

    private static ContractException notParty(Envelope e) {
        MemberId from = e.from();
        return new ContractException(ErrorCode.NOT_A_PARTY, "/from",
                "member " + from + " may not send a " + e.type() + " for leg " + e.legId());
    }
}
