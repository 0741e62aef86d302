package org.tongban.adapters.feed;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.spi.PlatformEventSink;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's event intake as an adapter sees it: records every event stored, and follows a
 * script of outcomes for the next publishes (store, fail as an unavailable store, hold until the
 * test releases it). Without a script every event is stored at once.
 */
public final class RecordingSink implements PlatformEventSink {
    public enum Outcome { STORE, FAIL, HOLD }

    private final List<PlatformEvent> stored = new CopyOnWriteArrayList<>();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Deque<Outcome> script = new ArrayDeque<>();
    private final Deque<Runnable> held = new ArrayDeque<>();

    public synchronized RecordingSink then(Outcome... outcomes) {
        script.addAll(List.of(outcomes));
        return this;
    }

    @Override
    public synchronized Future<Void> publish(PlatformEvent event) {
        attempts.add(event.eventId());
        Outcome o = script.isEmpty() ? Outcome.STORE : script.poll();
        switch (o) {
            case FAIL:
                return Future.failedFuture(new IllegalStateException("the store is unavailable"));
            case HOLD:
                Promise<Void> p = Promise.promise();
                held.add(() -> {
                    stored.add(event);
                    p.complete();
                });
                return p.future();
            default:
                stored.add(event);
                return Future.succeededFuture();
        }
    }

    /** Completes the oldest held publish; false when none is held. */
    public boolean releaseOne() {
        Runnable r;
        synchronized (this) {
            r = held.poll();
        }
        if (r == null) {
            return false;
        }
        r.run();
        return true;
    }

    public synchronized int heldCount() {
        return held.size();
    }

    public List<PlatformEvent> stored() {
        return List.copyOf(stored);
    }

    public List<String> storedIds() {
        return stored.stream().map(PlatformEvent::eventId).toList();
    }

    /** The event ids of every publish, stored or not, in order. */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }
}
