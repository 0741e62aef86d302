package org.tongban.adapters.simulator.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.EventRecord;
import org.tongban.adapters.simulator.book.PlatformBook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Pushes events to each application's callback URL as real platforms do: in order per
 * application, each one again and again (backing off exponentially up to a ceiling) until the
 * adapter acknowledges it. An event is never skipped, so the adapter never sees a decision
 * before the acceptance it implies.
 */
public final class CallbackPusher implements EventPublisher {
    /** Sends one event; the future fails when the adapter did not acknowledge it. */
    @FunctionalInterface
    public interface EventPush {
        Future<Void> push(String callbackUrl, EventRecord event);
    }

    private final Vertx vertx;
    private final PlatformBook book;
    private final EventPush push;
    private final Duration initial;
    private final Duration max;
    private final Map<String, Deque<EventRecord>> queues = new HashMap<>();
    private final Map<String, String> callbackOf = new HashMap<>();
    private final Set<String> busy = new HashSet<>();
    private final Set<Long> timers = new HashSet<>();
    private long generation;

    public CallbackPusher(Vertx vertx, PlatformBook book, EventPush push, Duration initial, Duration max) {
        this.vertx = vertx;
        this.book = book;
        this.push = push;
        this.initial = initial;
        this.max = max;
    }

    @Override
    public synchronized void published(Application app, EventRecord event) {
        String key = app.applicationNo();
        queues.computeIfAbsent(key, k -> new ArrayDeque<>()).add(event);
        callbackOf.put(key, app.request().callbackUrl());
        if (busy.add(key)) {
            send(key, 1, generation);
        }
    }

    /** Drops every pending push (reset, stop); pushes under way finish unheeded. */
    public synchronized void clear() {
        generation++;
        queues.clear();
        callbackOf.clear();
        busy.clear();
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }

    /** Events not yet acknowledged. */
    public synchronized int pending() {
        return queues.values().stream().mapToInt(Deque::size).sum();
    }

    private synchronized void send(String key, int attempt, long gen) {
        if (gen != generation) {
            return;
        }
        Deque<EventRecord> q = queues.get(key);
        if (q == null || q.isEmpty()) {
            busy.remove(key);
            return;
        }
        EventRecord head = q.peek();
        Future<Void> sent;
        try {
            sent = push.push(callbackOf.get(key), head);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(ar -> done(key, head, attempt, gen, ar.failed() ? describe(ar.cause()) : null));
    }

    private synchronized void done(String key, EventRecord head, int attempt, long gen, String error) {
        if (gen != generation) {
            return;
        }
        book.pushAttempt(head, error);
        if (error == null) {
            queues.get(key).poll();
            send(key, 1, gen);
            return;
        }
        long delay = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        long[] id = new long[1];
        id[0] = vertx.setTimer(Math.max(1, delay), t -> {
            synchronized (this) {
                timers.remove(id[0]);
            }
            send(key, attempt + 1, gen);
        });
        timers.add(id[0]);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
