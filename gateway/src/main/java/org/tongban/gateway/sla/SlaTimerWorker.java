package org.tongban.gateway.sla;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs {@link DueTimers} on a worker thread every {@code pollEvery}, one run at a time. Timers are
 * rows, so they survive restarts; a process that dies holding a lease leaves its timers to
 * whoever claims them after the lease. At start it first revisits timers without a deadline.
 */
public final class SlaTimerWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SlaTimerWorker.class);

    private final Vertx vertx;
    private final DueTimers timers;
    private final Duration pollEvery;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile long timerId = -1;
    private volatile boolean stopped;
    private volatile Future<Integer> current = Future.succeededFuture(0);

    public SlaTimerWorker(Vertx vertx, DueTimers timers, Duration pollEvery) {
        this.vertx = vertx;
        this.timers = timers;
        this.pollEvery = pollEvery;
    }

    public void start() {
        current = vertx.executeBlocking(timers::rescheduleUnscheduled, false)
                .onFailure(e -> LOG.warn("could not revisit SLA timers without a deadline: {}", e.toString()))
                .onComplete(x -> {
                    if (!stopped) {
                        timerId = vertx.setPeriodic(1, Math.max(50, pollEvery.toMillis()), id -> poll());
                    }
                });
    }

    /** Stops polling; a run under way finishes (its transactions are short). */
    public Future<Void> stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        return current.<Void>mapEmpty().otherwiseEmpty();
    }

    private void poll() {
        if (stopped || !busy.compareAndSet(false, true)) {
            return;
        }
        current = vertx.executeBlocking(timers::fireDue, false)
                .onFailure(e -> LOG.warn("SLA timer poll failed; the next poll tries again: {}", e.toString()))
                .onComplete(x -> busy.set(false));
    }
}
