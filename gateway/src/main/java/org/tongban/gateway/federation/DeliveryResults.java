package org.tongban.gateway.federation;

import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MessageType;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.Tx;

import java.time.Clock;
import java.util.Optional;

/**
 * What the end of a delivery means for the sender's legs: a peer's receipt for an application
 * makes the leg RECEIVED; a platform's reference is kept on the leg; a dead letter is noted in
 * the timeline so the office sees why nothing happens.
 */
public final class DeliveryResults {
    private final LegTransitions transitions;
    private final Clock clock;

    public DeliveryResults(LegTransitions transitions, Clock clock) {
        this.transitions = transitions;
        this.clock = clock;
    }

    /** The receiving member receipted {@code sent}. */
    public void onReceipt(Tx tx, Envelope sent, Envelope receipt) {
        if (sent.legId() == null) {
            return;
        }
        Optional<LegRecord> found = tx.lockLeg(sent.legId());
        if (found.isEmpty()) {
            return;
        }
        LegRecord leg = found.get();
        String actor = "member:" + sent.to();
        transitions.note(tx, leg, EventKind.RECEIPT_RECEIVED, sent.messageId(), actor,
                sent.type().wireName() + " receipted by " + sent.to() + " (receipt " + receipt.messageId() + ")");
        if (sent.type() == MessageType.REPAIR_APPLICATION && sent.from().equals(leg.homeMember())
                && (leg.state() == LegState.SUBMITTED || leg.state() == LegState.FORWARDED)) {
            transitions.advance(tx, leg, LegState.RECEIVED, receipt.messageId(), actor, "signed receipt", true);
        }
    }

    /** The member's platform took the message of {@code record}: its reference is kept on the leg. */
    public void onPlatformDelivered(Tx tx, OutboxRecord record, PlatformReceipt receipt) {
        if (record.legId() == null) {
            return;
        }
        // Two plain statements, no lock: the reference is not part of the leg's state machine.
        if (receipt.platformReference() != null) {
            tx.setPlatformReference(record.legId(), receipt.platformReference(), clock.instant());
        }
        tx.appendEvent(org.tongban.gateway.store.LegEvent.of(record.caseId(), record.legId(), clock.instant(),
                EventKind.DELIVERED_TO_PLATFORM, null, null, record.messageId(), "platform:" + record.to(),
                record.type().wireName() + " taken by the platform as " + receipt.platformReference()));
    }

    /** The message of {@code record} was given up on. */
    public void onDead(Tx tx, OutboxRecord record, String reason) {
        if (record.legId() == null) {
            return;
        }
        tx.findLeg(record.legId()).ifPresent(leg -> transitions.note(tx, leg, EventKind.DEAD_LETTERED,
                record.messageId(), "node", record.type().wireName() + " to " + record.destination()
                        + " dead-lettered: " + reason));
    }

    /** An operator put the message of {@code record} back in the queue. */
    public void onRedriven(Tx tx, OutboxRecord record, String actor) {
        if (record.legId() == null) {
            return;
        }
        tx.findLeg(record.legId()).ifPresent(leg -> transitions.note(tx, leg, EventKind.REDRIVEN, record.messageId(),
                actor, record.type().wireName() + " to " + record.destination() + " re-driven"));
    }
}
