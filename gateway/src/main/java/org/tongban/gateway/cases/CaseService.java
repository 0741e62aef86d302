package org.tongban.gateway.cases;

import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.StatusQuery;
import org.tongban.contracts.message.Withdrawal;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.store.CaseFilter;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The office's operations on cases (联动代办): file a case with one leg per penalty and forward
 * each application, follow it, hand in materials, withdraw, ask a partner for status. Every
 * operation is one store transaction and one audit line. Blocking: call from a worker.
 */
public final class CaseService {
    private final Store store;
    private final HostedMembers hosted;
    private final MessageFactory messages;
    private final Dispatcher dispatcher;
    private final LegTransitions transitions;
    private final PenaltyEligibility eligibility;
    private final Clock clock;

    public CaseService(Store store, HostedMembers hosted, MessageFactory messages, Dispatcher dispatcher,
                       LegTransitions transitions, PenaltyEligibility eligibility, Clock clock) {
        this.store = store;
        this.hosted = hosted;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.transitions = transitions;
        this.eligibility = eligibility;
        this.clock = clock;
    }

    /**
     * Files a case at the clerk's member and forwards one application per penalty. With an
     * idempotency key, a repeated request returns the case created the first time; the same
     * key with a different request is refused ({@code IDEMPOTENCY_CONFLICT}). Each penalty is
     * checked against the publicity rules on today's date: when any cannot be applied for now,
     * the filing is refused ({@link NotEligibleException}, {@code NOT_ELIGIBLE}) unless the request
     * carries an {@link EligibilityOverride}; each leg let through by it gets an {@code OVERRIDE}
     * event in its timeline and an audit line with the reasons overridden and the clerk's reason.
     *
     * @param requestBytes the request as received, hashed for the idempotency check
     */
    public CaseView create(Clerk clerk, NewCase request, String idempotencyKey, byte[] requestBytes) {
        return file(clerk, request, idempotencyKey, requestBytes).view();
    }

    /** A filed case, and whether an earlier request with the same idempotency key filed it. */
    public record Filing(CaseView view, boolean replayed) {
    }

    /** As {@link #create}, also telling a replay apart from a new case (the office API answers 200 or 201). */
    public Filing file(Clerk clerk, NewCase request, String idempotencyKey, byte[] requestBytes) {
        MemberId home = clerk.member();
        if (!hosted.hosts(home)) {
            throw new ContractException(ErrorCode.MEMBER_NOT_HOSTED, "", "member " + home + " is not hosted on this node");
        }
        validatePenalties(home, request.penalties());
        List<PenaltyEligibility.Checked> refused = PenaltyEligibility.refused(eligibility.check(request.penalties()));
        String requestHash = Digests.sha256Hex(requestBytes);
        return store.inTransaction(tx -> {
            if (idempotencyKey != null) {
                Optional<org.tongban.gateway.store.Tx.IdempotentCreation> earlier = tx.idempotentCreation(home, idempotencyKey);
                if (earlier.isPresent()) {
                    if (!earlier.get().requestSha256().equals(requestHash)) {
                        throw new ContractException(ErrorCode.IDEMPOTENCY_CONFLICT, "",
                                "Idempotency-Key " + idempotencyKey + " was used for a different request");
                    }
                    return new Filing(view(tx, earlier.get().caseId(), true), true);
                }
            }
            // After the replay check: a repeated filing returns its case even if the rules would now refuse it.
            if (!refused.isEmpty() && request.override() == null) {
                throw new NotEligibleException(refused);
            }
            Instant now = clock.instant();
            CaseId caseId = messages.ids().newCaseId();
            tx.insertCase(new CaseRecord(caseId, home, request.enterprise().creditCode(), request.enterprise().name(),
                    CaseStatus.OPEN, request.appliedOn(), request.homeReference(), clerk.actor(), now, now,
                    detailJson(request)));
            for (int i = 0; i < request.penalties().size(); i++) {
                PenaltyReference penalty = request.penalties().get(i);
                LegId legId = messages.ids().newLegId();
                LegRecord leg = new LegRecord(legId, caseId, home, penalty.penalizingMember(), LegState.SUBMITTED, penalty,
                        null, now, now, 1);
                tx.insertLeg(leg);
                transitions.filed(tx, leg, clerk.actor(), "filed at " + home);
                int index = i;
                refused.stream().filter(c -> c.index() == index).findFirst()
                        .ifPresent(c -> recordOverride(tx, clerk, leg, c, request.override(), now));
                RepairApplication app = new RepairApplication(request.enterprise(), penalty, request.appliedOn(),
                        request.homeReference(), request.contacts(), request.materials(), request.deferredMaterials(),
                        request.statement());
                Envelope env = messages.create(home, penalty.penalizingMember(), caseId, legId, null, app);
                LegRecord forwarded = transitions.advance(tx, leg, LegState.FORWARDED, env.messageId(), "node",
                        "application signed by " + home + " and queued for " + penalty.penalizingMember(), false);
                transitions.note(tx, forwarded, EventKind.MESSAGE_QUEUED, env.messageId(), "node",
                        "RepairApplication to " + penalty.penalizingMember());
                dispatcher.send(tx, env);
            }
            if (idempotencyKey != null) {
                tx.recordIdempotentCreation(home, idempotencyKey, requestHash, caseId, now);
            }
            tx.audit(now, clerk.actor(), home.value(), "case.create", caseId.toString(),
                    request.penalties().size() + " leg(s) for " + request.enterprise().creditCode());
            return new Filing(view(tx, caseId, true), false);
        });
    }

    /** The timeline event and the audit line of one leg filed against the rules. */
    private void recordOverride(Tx tx, Clerk clerk, LegRecord leg, PenaltyEligibility.Checked checked,
                                EligibilityOverride override, Instant now) {
        String overridden = checked.eligibility().reasons().stream().map(Object::toString)
                .collect(Collectors.joining("; "));
        transitions.note(tx, leg, EventKind.OVERRIDE, null, clerk.actor(),
                "eligibility overridden (" + overridden + "): " + override.reason());
        tx.audit(now, clerk.actor(), leg.homeMember().value(), "leg.eligibility-override", leg.legId().toString(),
                checked.eligibility().reasons().stream().map(r -> r.code().name()).collect(Collectors.joining(","))
                        + " overridden for " + checked.penalty().decisionNumber() + ": " + override.reason());
    }

    private void validatePenalties(MemberId home, List<PenaltyReference> penalties) {
        if (penalties.isEmpty()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/penalties", "a case needs at least one penalty");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < penalties.size(); i++) {
            PenaltyReference p = penalties.get(i);
            if (p.penalizingMember().equals(home)) {
                throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, "/penalties/" + i + "/penalizingMember",
                        "the penalty was imposed at home (" + home + "); apply to the local platform directly");
            }
            if (!seen.add(p.penalizingMember() + "|" + p.decisionNumber())) {
                throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, "/penalties/" + i + "/decisionNumber",
                        "penalty " + p.decisionNumber() + " is listed twice");
            }
        }
    }

    public CaseView get(Clerk clerk, CaseId caseId) {
        return store.read(tx -> {
            CaseView v = view(tx, caseId, true);
            checkAccess(clerk, v);
            return v;
        });
    }

    public List<CaseView> list(Clerk clerk, CaseFilter filter) {
        CaseFilter scoped = clerk.seesEveryMember() ? filter : new CaseFilter(clerk.member(), filter.creditCode(),
                filter.status(), filter.legState(), filter.penalizingMember(), filter.limit(), filter.afterCaseId());
        return store.read(tx -> {
            List<CaseRecord> cases = tx.listCases(scoped);
            Map<CaseId, List<LegRecord>> legs = tx.legsOfCases(cases.stream().map(CaseRecord::caseId).collect(Collectors.toList()))
                    .stream().collect(Collectors.groupingBy(LegRecord::caseId));
            List<CaseView> out = new ArrayList<>();
            for (CaseRecord c : cases) {
                out.add(new CaseView(c, legs.getOrDefault(c.caseId(), List.of()), null, null));
            }
            return out;
        });
    }

    /** Hands in materials for a leg that asked for them (or for deferred materials). */
    public CaseView supplement(Clerk clerk, CaseId caseId, LegId legId, MaterialsSupplement supplement) {
        return legAction(clerk, caseId, legId, "leg.supplement", (tx, leg) -> {
            if (leg.state() != LegState.MATERIALS_REQUESTED && leg.state() != LegState.ACCEPTED) {
                throw new ContractException(ErrorCode.TRANSITION_NOT_ALLOWED, "",
                        "materials can be handed in while the leg is MATERIALS_REQUESTED or ACCEPTED; it is " + leg.state());
            }
            Envelope env = messages.create(leg.homeMember(), leg.penalizingMember(), caseId, legId, null, supplement);
            transitions.advance(tx, leg, LegState.ACCEPTED, env.messageId(), clerk.actor(), "materials handed in", false);
            dispatcher.send(tx, env);
        });
    }

    public CaseView withdraw(Clerk clerk, CaseId caseId, LegId legId, Withdrawal withdrawal) {
        return legAction(clerk, caseId, legId, "leg.withdraw", (tx, leg) -> {
            Envelope env = messages.create(leg.homeMember(), leg.penalizingMember(), caseId, legId, null, withdrawal);
            transitions.advance(tx, leg, LegState.WITHDRAWN, env.messageId(), clerk.actor(), withdrawal.reason().name(), false);
            dispatcher.send(tx, env);
        });
    }

    /** Asks the penalizing member for the leg's state; the answer arrives as a StatusReport. */
    public CaseView queryStatus(Clerk clerk, CaseId caseId, LegId legId) {
        return legAction(clerk, caseId, legId, "leg.status-query", (tx, leg) -> {
            Envelope env = messages.create(leg.homeMember(), leg.penalizingMember(), caseId, legId, null,
                    new StatusQuery(true));
            transitions.note(tx, leg, EventKind.MESSAGE_QUEUED, env.messageId(), clerk.actor(), "StatusQuery");
            dispatcher.send(tx, env);
        });
    }

    private interface LegWork {
        void apply(Tx tx, LegRecord leg);
    }

    private CaseView legAction(Clerk clerk, CaseId caseId, LegId legId, String action, LegWork work) {
        return store.inTransaction(tx -> {
            CaseView before = view(tx, caseId, false);
            checkAccess(clerk, before);
            if (!before.record().homeMember().equals(clerk.member())) {
                throw new ContractException(ErrorCode.FORBIDDEN, "", "only the home member's office acts on a case");
            }
            LegRecord leg = tx.lockLeg(legId).filter(l -> l.caseId().equals(caseId)).orElseThrow(() ->
                    new ContractException(ErrorCode.LEG_NOT_FOUND, "", "case " + caseId + " has no leg " + legId));
            work.apply(tx, leg);
            tx.audit(clock.instant(), clerk.actor(), clerk.member().value(), action, legId.toString(), null);
            return view(tx, caseId, true);
        });
    }

    private static CaseView view(Tx tx, CaseId caseId, boolean withTimeline) {
        CaseRecord c = tx.findCase(caseId).orElseThrow(() ->
                new ContractException(ErrorCode.CASE_NOT_FOUND, "", "no case " + caseId));
        return withTimeline ? new CaseView(c, tx.legsOfCase(caseId), tx.eventsOfCase(caseId), tx.slaTimersOfCase(caseId))
                : new CaseView(c, tx.legsOfCase(caseId), List.of(), List.of());
    }

    private static void checkAccess(Clerk clerk, CaseView v) {
        if (clerk.seesEveryMember()) {
            return;
        }
        boolean party = v.record().homeMember().equals(clerk.member())
                || v.legs().stream().anyMatch(l -> l.penalizingMember().equals(clerk.member()));
        if (!party) {
            // Not found rather than forbidden: a clerk learns nothing about other members' cases.
            throw new ContractException(ErrorCode.CASE_NOT_FOUND, "", "no case " + v.record().caseId());
        }
    }

    private static String detailJson(NewCase request) {
        var w = org.tongban.contracts.json.JsonObjectWriter.create()
                .putRequiredList("contacts", request.contacts(), c -> c.write().node())
                .putList("materials", request.materials(), a -> a.write().node())
                .putList("deferredMaterials", request.deferredMaterials(), d -> d.write().node())
                .put("statement", request.statement());
        return new String(org.tongban.contracts.json.Canonicalizer.canonicalize(w.node()), StandardCharsets.UTF_8);
    }

}
