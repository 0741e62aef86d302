package org.tongban.gateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so that waits and ages are exact; or, after
 * {@link #startTicking()}, one that runs at real speed from where it stands. Thread-safe.
 */
public final class MutableClock extends Clock {
    /** 2026-11-20 10:00 in China: inside the validity of the test keys and the test directory. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-20T02:00:00Z");

    private final AtomicReference<Instant> now;
    private volatile long tickingSince = -1;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public MutableClock() {
        this(DEFAULT_START);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public Instant advance(Duration d) {
        return now.updateAndGet(t -> t.plus(d));
    }

    /** From now on the clock runs at real speed (for tests with millisecond backoffs). */
    public void startTicking() {
        tickingSince = System.nanoTime();
    }

    @Override
    public Instant instant() {
        long since = tickingSince;
        return since < 0 ? now.get() : now.get().plusNanos(System.nanoTime() - since);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
