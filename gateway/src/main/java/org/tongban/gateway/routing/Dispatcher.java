package org.tongban.gateway.routing;

import org.tongban.contracts.crypto.SignedEnvelope;
import org.tongban.contracts.message.Envelope;
import org.tongban.gateway.store.CanonicalJson;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.Tx;

import java.time.Clock;

/**
 * Sends a signed envelope from a hosted member: to a member hosted here it is handed over in the
 * same transaction (stored in the inbox, receipted, applied); to a member on a peer it is stored
 * in the durable outbox, in order with the other messages of its leg.
 */
public final class Dispatcher {
    /** Local hand-over: inbox, receipt and effects at the receiving member, then the sender's receipt effects. */
    public interface LocalDelivery {
        void deliver(Tx tx, Envelope envelope);
    }

    private final Routes routes;
    private final Clock clock;
    private LocalDelivery local;
    private org.tongban.gateway.outbox.OutboxHints hints = new org.tongban.gateway.outbox.OutboxHints();

    public Dispatcher(Routes routes, Clock clock) {
        this.routes = routes;
        this.clock = clock;
    }

    public void bindLocalDelivery(LocalDelivery delivery) {
        this.local = delivery;
    }

    /** Where to announce rows queued in the outbox once their transaction commits. */
    public void bindHints(org.tongban.gateway.outbox.OutboxHints outboxHints) {
        this.hints = outboxHints;
    }

    public org.tongban.gateway.outbox.OutboxHints hints() {
        return hints;
    }

    public void send(Tx tx, Envelope envelope) {
        send(tx, envelope, orderingKey(envelope));
    }

    /**
     * As {@link #send(Tx, Envelope)}, delivered after every earlier message queued under
     * {@code orderingKey} (e.g. the end of a penalty's publicity after the notice that shared it).
     */
    public void send(Tx tx, Envelope envelope, String orderingKey) {
        if (routes.isLocal(envelope.to())) {
            local.deliver(tx, envelope);
            return;
        }
        queueForPeer(tx, envelope, envelope.canonicalBytes(), orderingKey);
    }

    /** As {@link #send(Tx, Envelope)}, with the canonical bytes the signer computed (not computed again). */
    public void send(Tx tx, SignedEnvelope signed) {
        Envelope envelope = signed.envelope();
        if (routes.isLocal(envelope.to())) {
            local.deliver(tx, envelope);
            return;
        }
        queueForPeer(tx, envelope, signed.canonical(), orderingKey(envelope));
    }

    /** A leg's messages go in order; a message of no leg is on its own. */
    private static String orderingKey(Envelope envelope) {
        return envelope.legId() != null ? envelope.legId().toString() : envelope.messageId().toString();
    }

    private void queueForPeer(Tx tx, Envelope envelope, byte[] canonical, String orderingKey) {
        hints.queue(tx, OutboxRecord.pending(envelope.messageId(), routes.peerDestination(envelope.to()), orderingKey,
                envelope.type(), envelope.to(), envelope.caseId(), envelope.legId(),
                CanonicalJson.ofUtf8(canonical), clock.instant()), envelope);
    }

    /**
     * Queues a record with the transaction's deferred writes and hands it to the delivery engine
     * once the transaction commits.
     */
    public void queue(Tx tx, OutboxRecord record) {
        hints.queue(tx, record);
    }

    /** As {@link #queue(Tx, OutboxRecord)}, with the envelope whose canonical JSON the record carries. */
    public void queue(Tx tx, OutboxRecord record, Envelope envelope) {
        hints.queue(tx, record, envelope);
    }
}
