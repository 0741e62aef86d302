package org.tongban.gateway.testing;

import org.tongban.gateway.opsapi.DeadLetterService;
import org.tongban.gateway.store.DeadLetterFilter;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Dead letters straight over the store, standing in for the outbox worker's service in tests:
 * re-drive puts the message back to pending and writes an audit line. It does not re-sign.
 */
public final class StoreDeadLetters implements DeadLetterService {
    private final Store store;
    private final Clock clock;

    public StoreDeadLetters(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<OutboxRecord> list(DeadLetterFilter filter) {
        return store.read(tx -> tx.deadLetters(filter));
    }

    @Override
    public boolean redrive(long seq, String actor) {
        return store.inTransaction(tx -> {
            var dead = tx.outbox(seq).filter(r -> r.status() == org.tongban.gateway.store.OutboxStatus.DEAD);
            if (dead.isEmpty() || !tx.redrive(seq, clock.instant(), dead.get().envelope())) {
                return false;
            }
            tx.audit(clock.instant(), actor, null, "outbox.redrive", Long.toString(seq), dead.get().destination());
            return true;
        });
    }

    @Override
    public int redriveAll(String destination, String actor) {
        int n = 0;
        for (OutboxRecord r : list(new DeadLetterFilter(destination, 10_000))) {
            n += redrive(r.seq(), actor) ? 1 : 0;
        }
        return n;
    }

    /** Makes every pending message to {@code destination} a dead letter, as a worker giving up would. */
    public int kill(String destination) {
        return store.inTransaction(tx -> {
            int n = 0;
            for (OutboxRecord r : tx.claim("test", clock.instant(), Duration.ofMinutes(1), 1000, List.of())) {
                if (r.destination().equals(destination)) {
                    tx.markDead(r.seq(), "test", clock.instant(), "http_503", "peer answered 503 Service Unavailable");
                    n++;
                } else {
                    tx.markRetry(r.seq(), "test", clock.instant(), null, null); // not ours: back as it was
                }
            }
            return n;
        });
    }
}
