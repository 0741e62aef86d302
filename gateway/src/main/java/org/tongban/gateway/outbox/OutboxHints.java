package org.tongban.gateway.outbox;

import org.tongban.contracts.message.Envelope;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.store.Tx;

import java.time.Clock;
import java.time.Duration;

/**
 * Connects the places that queue outgoing messages to the delivery engine: rows are queued born
 * claimed under this process's lease, and handed to the engine as soon as their transaction
 * commits, so they are delivered at once rather than at the next poll. Until the engine is bound
 * (and for any hint lost in a crash) rows are queued unclaimed and the poll finds them.
 */
public final class OutboxHints {
    private volatile Handoff target;
    private volatile String owner;
    private volatile Duration leaseFor;
    private volatile Clock clock;

    /** Takes a row after its commit, with the signed envelope it holds (null when the caller had none). */
    @FunctionalInterface
    public interface Handoff {
        void take(OutboxRecord record, Envelope signed);
    }

    /** @param consumer takes each row after its commit */
    public void bind(String leaseOwner, Duration lease, Clock leaseClock, Handoff consumer) {
        this.owner = leaseOwner;
        this.leaseFor = lease;
        this.clock = leaseClock;
        this.target = consumer;
    }

    /** Queues a record in {@code tx} and, after the commit, hands it to the engine. */
    public void queue(Tx tx, OutboxRecord record) {
        queue(tx, record, null);
    }

    /**
     * As {@link #queue(Tx, OutboxRecord)}, handing the engine also the envelope the record holds, so
     * that it need not read it back from the record's text (for a batch of notices, a parse and a
     * binding of every notice saved). {@code signed} must be the envelope whose canonical JSON the
     * record carries.
     */
    public void queue(Tx tx, OutboxRecord record, Envelope signed) {
        Handoff t = target;
        if (t == null) {
            tx.enqueueLater(record, null);
            return;
        }
        OutboxRecord queued = tx.enqueueLater(record, new Tx.Lease(owner, clock.instant().plus(leaseFor)));
        if (queued.status() == OutboxStatus.IN_FLIGHT) {
            tx.afterCommit(() -> t.take(queued, signed));
        }
    }
}
