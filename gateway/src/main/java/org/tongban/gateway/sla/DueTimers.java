package org.tongban.gateway.sla;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.gateway.store.SlaTimer;
import org.tongban.gateway.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The blocking work on durable SLA timers, for {@link SlaTimerWorker} to schedule: claim the
 * timers due now under a lease (one short transaction; on PostgreSQL concurrent claimers skip
 * each other's rows) and fire each in its own transaction ({@link SlaBreaches}); and set the
 * deadlines of running timers that had none because the calendar lacked a year.
 */
public final class DueTimers {
    private static final Logger LOG = LoggerFactory.getLogger(DueTimers.class);
    static final int BATCH = 50;

    private final Store store;
    private final SlaClocks clocks;
    private final SlaBreaches breaches;
    private final Duration leaseFor;
    private final Clock clock;
    private final String owner;

    public DueTimers(Store store, SlaClocks clocks, SlaBreaches breaches, Duration leaseFor, Clock clock, String owner) {
        this.store = store;
        this.clocks = clocks;
        this.breaches = breaches;
        this.leaseFor = leaseFor;
        this.clock = clock;
        this.owner = owner;
    }

    /** Claims and fires what is due now; returns how many fired. */
    public int fireDue() {
        int fired = 0;
        while (true) {
            Instant now = clock.instant();
            List<SlaTimer> claimed = store.inTransaction(tx -> tx.claimSlaTimers(owner, now, leaseFor, BATCH));
            for (SlaTimer t : claimed) {
                try {
                    if (breaches.fire(t, owner)) {
                        fired++;
                    }
                } catch (RuntimeException e) {
                    // Nothing was half-done; the lease runs out and the timer is claimed again.
                    LOG.atWarn().addKeyValue("legId", t.legId()).log("could not fire the {} timer: {}", t.clock(), e.toString());
                }
            }
            if (claimed.size() < BATCH) {
                return fired;
            }
        }
    }

    /** Sets the deadlines of running timers that have none, where the calendar now allows; returns how many. */
    public int rescheduleUnscheduled() {
        List<SlaTimer> open = store.read(tx -> tx.unscheduledSlaTimers(1000));
        int set = 0;
        for (SlaTimer t : open) {
            Instant now = clock.instant();
            boolean done = store.inTransaction(tx -> tx.lockLeg(t.legId()).isPresent()
                    && tx.slaTimer(t.legId(), t.clock()).filter(x -> x.dueAt() == null)
                    .map(x -> clocks.reschedule(tx, x, now)).orElse(false));
            if (done) {
                set++;
            }
        }
        if (!open.isEmpty()) {
            LOG.info("{} of {} running SLA timers without a deadline have one now", set, open.size());
        }
        return set;
    }
}
