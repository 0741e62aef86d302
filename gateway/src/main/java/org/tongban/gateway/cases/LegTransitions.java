package org.tongban.gateway.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.LegState;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Moves legs along {@link LegStateGraph} inside a store transaction, writing one timeline event
 * per transition and closing the case when its last leg reaches a final state. A
 * {@link Listener} (the SLA clocks) hears every transition in the same transaction.
 */
public final class LegTransitions {
    private static final Logger LOG = LoggerFactory.getLogger(LegTransitions.class);

    /** Hears each transition inside its transaction; what it writes commits or rolls back with it. */
    public interface Listener {
        /**
         * @param leg  the leg as it is after the step
         * @param from the state before, or null when the leg was just filed
         */
        void onTransition(Tx tx, LegRecord leg, LegState from, LegState to, Instant at);
    }

    private static final Listener NOBODY = (tx, leg, from, to, at) -> { };

    private final Clock clock;
    private final GatewayMetrics metrics;
    private volatile Listener listener = NOBODY;

    public LegTransitions(Clock clock, GatewayMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Sets the one listener (the node's SLA clocks). */
    public LegTransitions listen(Listener l) {
        this.listener = l == null ? NOBODY : l;
        return this;
    }

    /** Records a leg just filed (inserted in its first state) as the first event of its timeline. */
    public void filed(Tx tx, LegRecord leg, String actor, String detail) {
        Instant now = clock.instant();
        tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), now, EventKind.TRANSITION, null, leg.state(), null, actor,
                detail));
        listener.onTransition(tx, leg, null, leg.state(), now);
    }

    /**
     * Moves a leg to {@code target}. A leg already there is left alone (a repeated or co-hosted
     * message has no second effect). With {@code allowImplied}, steps a later message proves
     * (receipt, acceptance) are applied first, each its own event.
     *
     * @throws ContractException {@code TRANSITION_NOT_ALLOWED} when the graph has no way there
     */
    public LegRecord advance(Tx tx, LegRecord leg, LegState target, MessageId messageId, String actor, String detail,
                             boolean allowImplied) {
        if (leg.state() == target) {
            return leg;
        }
        List<LegState> steps = allowImplied ? LegStateGraph.path(leg.state(), target)
                : (LegStateGraph.allows(leg.state(), target) ? List.of(target) : List.of());
        if (steps.isEmpty()) {
            throw new ContractException(ErrorCode.TRANSITION_NOT_ALLOWED, "",
                    "leg " + leg.legId() + " is " + leg.state() + "; it cannot become " + target
                            + " (allowed next: " + LegStateGraph.next(leg.state()) + ")");
        }
        Instant now = clock.instant();
        LegRecord current = leg;
        for (LegState step : steps) {
            boolean implied = step != target;
            LegRecord next = current.withState(step, now);
            if (!tx.updateLeg(next)) {
                throw new IllegalStateException("leg " + leg.legId() + " changed under a held lock");
            }
            next = new LegRecord(next.legId(), next.caseId(), next.homeMember(), next.penalizingMember(), next.state(),
                    next.penalty(), next.platformReference(), next.stateSince(), next.updatedAt(), next.version() + 1);
            tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), now, EventKind.TRANSITION, current.state(), step,
                    messageId, actor, implied ? "implied by the message that made the leg " + target : detail));
            metrics.legTransition(leg.homeMember().value(), step.name());
            listener.onTransition(tx, next, current.state(), step, now);
            LOG.atInfo().addKeyValue("caseId", leg.caseId()).addKeyValue("legId", leg.legId())
                    .addKeyValue("messageId", messageId).log("leg {} → {}", current.state(), step);
            current = next;
        }
        if (target.isFinal()) {
            closeCaseIfDone(tx, leg.caseId(), now);
        }
        return current;
    }

    private void closeCaseIfDone(Tx tx, CaseId caseId, Instant now) {
        List<LegRecord> legs = tx.legsOfCase(caseId);
        if (legs.stream().allMatch(l -> l.state().isFinal())) {
            tx.findCase(caseId).filter(c -> c.status() == CaseStatus.OPEN)
                    .ifPresent(c -> tx.updateCase(c.withStatus(CaseStatus.CLOSED, now)));
        }
    }

    /** Records a non-transition event (delivery, receipt, dead letter…). */
    public void note(Tx tx, LegRecord leg, EventKind kind, MessageId messageId, String actor, String detail) {
        tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), clock.instant(), kind, null, null, messageId, actor, detail));
    }

}
