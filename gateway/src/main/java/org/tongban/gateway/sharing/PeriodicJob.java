package org.tongban.gateway.sharing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Runs a blocking job every {@code every} on a worker thread, never two runs of it at once in this
 * process (several processes may run it at once: the jobs claim their rows with row locks). A failed
 * run is logged and the next one tries again.
 */
public final class PeriodicJob {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

    private final Vertx vertx;
    private final String name;
    private final Duration every;
    private final Callable<Integer> work;
    private long timer = -1;
    private boolean running;
    private boolean stopped;
    private Promise<Void> idle;

    /** @param work one run; returns how many items it handled, for the log */
    public PeriodicJob(Vertx vertx, String name, Duration every, Callable<Integer> work) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.name = Objects.requireNonNull(name, "name");
        this.every = Objects.requireNonNull(every, "every");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Starts the runs, the first one {@code every} from now; call on the context the job should live on. */
    public void start() {
        timer = vertx.setPeriodic(Math.max(1, every.toMillis()), id -> tick());
    }

    /** Runs once now (unless a run is in progress); completes when that run ended. */
    public Future<Integer> runNow() {
        if (running || stopped) {
            return Future.succeededFuture(0);
        }
        running = true;
        return vertx.executeBlocking(work, false).onComplete(ar -> {
            running = false;
            if (ar.failed()) {
                LOG.warn("{} failed; the next run tries again: {}", name, ar.cause().toString());
            } else if (ar.result() > 0) {
                LOG.debug("{}: {} handled", name, ar.result());
            }
            if (stopped && idle != null) {
                idle.tryComplete();
            }
        });
    }

    private void tick() {
        runNow();
    }

    /** Stops the runs; completes when a run in progress has ended. */
    public Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (!running) {
            return Future.succeededFuture();
        }
        idle = Promise.promise();
        return idle.future();
    }
}
