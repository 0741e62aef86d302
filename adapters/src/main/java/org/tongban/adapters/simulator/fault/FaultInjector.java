package org.tongban.adapters.simulator.fault;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies the current {@link Faults} to each platform call: first the latency (on a timer, never
 * blocking the event loop), then whether the call fails. Counts calls and injected failures per
 * operation for the admin API.
 */
public final class FaultInjector {
    private final Vertx vertx;
    private final Random random;
    private final Faults initial;
    private volatile Faults faults;
    private final AtomicInteger failNext = new AtomicInteger();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    public FaultInjector(Vertx vertx, Faults initial, Random random) {
        this.vertx = vertx;
        this.random = random;
        this.initial = Objects.requireNonNull(initial, "initial");
        set(initial);
    }

    public Faults current() {
        Faults f = faults;
        return new Faults(f.latency(), f.latencyJitter(), f.failureRate(), failNext.get(), f.status(), f.bodyCode(),
                f.retryAfterSeconds(), f.operations());
    }

    public void set(Faults next) {
        this.faults = Objects.requireNonNull(next, "faults");
        failNext.set(next.failNext());
    }

    public void reset() {
        set(initial);
        calls.clear();
        failures.clear();
    }

    /**
     * Completes after the call's latency with the failure to answer, or empty to serve it.
     */
    public Future<Optional<InjectedFailure>> before(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        Faults f = faults;
        if (!f.affects(operation)) {
            return Future.succeededFuture(Optional.empty());
        }
        long delay = f.latency().toMillis();
        long jitter = f.latencyJitter().toMillis();
        if (jitter > 0) {
            synchronized (random) {
                delay += (long) (random.nextDouble() * jitter);
            }
        }
        Optional<InjectedFailure> outcome = decide(f) ? Optional.of(new InjectedFailure(f.status(), f.bodyCode(),
                f.retryAfterSeconds())) : Optional.empty();
        outcome.ifPresent(x -> failures.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet());
        if (delay <= 0) {
            return Future.succeededFuture(outcome);
        }
        Promise<Optional<InjectedFailure>> p = Promise.promise();
        vertx.setTimer(delay, id -> p.complete(outcome));
        return p.future();
    }

    private boolean decide(Faults f) {
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return true;
        }
        if (f.failureRate() <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < f.failureRate();
        }
    }

    /** Calls received per operation since start or reset. */
    public Map<String, Long> calls() {
        return snapshot(calls);
    }

    /** Failures injected per operation since start or reset. */
    public Map<String, Long> failures() {
        return snapshot(failures);
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> m) {
        Map<String, Long> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
