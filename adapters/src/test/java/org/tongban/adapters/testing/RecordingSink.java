package org.tongban.adapters.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.spi.PlatformEventSink;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The gateway's event intake: records events and answers as the test says, either for every
 * event ({@link #storing()}, {@link #failing()}, {@link #holdingUntil}) or by a script for the
 * next ones ({@link #then}), whose held events the test releases one at a time.
 */
public final class RecordingSink implements PlatformEventSink {
    /** What the next publish meets: stored at once, a store that is down, or held until released. */
    public enum Outcome { STORE, FAIL, HOLD }

    private final List<PlatformEvent> stored = new CopyOnWriteArrayList<>();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Deque<Outcome> script = new ArrayDeque<>();
    private final Deque<Promise<Void>> held = new ArrayDeque<>();
    private volatile Function<PlatformEvent, Future<Void>> answer = e -> Future.succeededFuture();

    @Override
    public Future<Void> publish(PlatformEvent event) {
        attempts.add(event.eventId());
        Future<Void> outcome;
        synchronized (this) {
            Outcome next = script.poll();
            if (next == null) {
                outcome = answer.apply(event);
            } else if (next == Outcome.FAIL) {
                outcome = Future.failedFuture(new IllegalStateException("store unavailable"));
            } else if (next == Outcome.HOLD) {
                Promise<Void> p = Promise.promise();
                held.add(p);
                outcome = p.future();
            } else {
                outcome = Future.succeededFuture();
            }
        }
        return outcome.onSuccess(v -> stored.add(event));
    }

    /** Stores events again (the default). */
    public void storing() {
        answer = e -> Future.succeededFuture();
    }

    /** Fails every event, as a gateway whose store is down. */
    public void failing() {
        answer = e -> Future.failedFuture(new IllegalStateException("store unavailable"));
    }

    /** Holds every event until {@code gate} completes. */
    public void holdingUntil(Promise<Void> gate) {
        answer = e -> gate.future();
    }

    /** The outcomes of the next publishes, before the standing answer applies again. */
    public synchronized RecordingSink then(Outcome... outcomes) {
        script.addAll(List.of(outcomes));
        return this;
    }

    /** Stores the oldest held event; false when none is held. */
    public boolean releaseOne() {
        Promise<Void> p;
        synchronized (this) {
            p = held.poll();
        }
        if (p == null) {
            return false;
        }
        p.complete();
        return true;
    }

    public synchronized int heldCount() {
        return held.size();
    }

    public List<PlatformEvent> stored() {
        return stored;
    }

    public List<String> storedIds() {
        return stored.stream().map(PlatformEvent::eventId).toList();
    }

    /** The event id of every publish, stored or not, in order. */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }
}
