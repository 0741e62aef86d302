package org.tongban.gateway.sharing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.contracts.id.MemberId;

import java.time.Duration;
import java.util.Objects;

/**
 * Reads a hosted member's penalty feed through its adapter ({@link PlatformAdapter#readPenalties})
 * and hands each page to {@link PenaltySharing}, which stores it and moves the feed position in one
 * transaction. While the platform says more is ready it reads on at once, and asks for the next page
 * while the one in hand is being stored, so that the platform's answer time and the store's work
 * overlap; otherwise it waits {@code pollEvery}. A failed read or store is retried with a growing
 * pause (at most five minutes), from the position last stored, so nothing is lost and nothing is
 * shared twice.
 */
public final class PenaltyFeedPoller {
    private static final Logger LOG = LoggerFactory.getLogger(PenaltyFeedPoller.class);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final MemberId member;
    private final PlatformAdapter adapter;
    private final PenaltySharing sharing;
    private final int pageSize;
    private final Duration pollEvery;
    private volatile boolean stopped;
    private volatile boolean started;
    private long timer = -1;
    private int failures;
    private String position;
    /** The read of the page after {@link #prefetchedFrom}, asked for while the page before it was being stored. */
    private Future<PenaltyPage> prefetched;
    private String prefetchedFrom;
    private io.vertx.core.Context context;
    private Promise<Void> idle = Promise.promise();

    public PenaltyFeedPoller(Vertx vertx, MemberId member, PlatformAdapter adapter, PenaltySharing sharing, int pageSize,
                             Duration pollEvery) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.member = Objects.requireNonNull(member, "member");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.sharing = Objects.requireNonNull(sharing, "sharing");
        this.pageSize = pageSize;
        this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
    }

    /** Starts reading from the stored position; call on the Vert.x context the poller should live on. */
    public void start() {
        context = vertx.getOrCreateContext();
        started = true;
        loadPositionThenRead();
    }

    /** Stops after the page in hand, if any; completes when no read or store is in progress (at once if never started). */
    public Future<Void> stop() {
        stopped = true;
        if (!started) {
            idle.tryComplete();
        } else if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
            idle.tryComplete();
        }
        return idle.future();
    }

    private void loadPositionThenRead() {
        vertx.executeBlocking(() -> sharing.position(member), false).onComplete(ar -> {
            if (ar.failed()) {
                pause(ar.cause(), "read the stored position");
                return;
            }
            position = ar.result();
            read();
        });
    }

    private void read() {
        if (stopped) {
            idle.tryComplete();
            return;
        }
        String from = position;
        Future<PenaltyPage> page = prefetched != null && Objects.equals(prefetchedFrom, from) ? prefetched : readPage(from);
        prefetched = null;
        page.compose(p -> {
            // asked for on the poller's own context only (an adapter answering on another leaves the next read to read())
            if (p.more() && !stopped && Vertx.currentContext() == context) {
                prefetchedFrom = p.nextCursor();
                prefetched = readPage(p.nextCursor());
            }
            return vertx.executeBlocking(() -> sharing.share(member, from, p), false).map(result -> new Round(p, result));
        }).onComplete(ar -> {
                    if (ar.failed()) {
                        prefetched = null;
                        pause(ar.cause(), "share the page after position " + from);
                        return;
                    }
                    failures = 0;
                    Round round = ar.result();
                    if (!round.result().stored()) {
                        prefetched = null;
                        loadPositionThenRead();
                        return;
                    }
                    position = round.page().nextCursor();
                    if (round.page().more()) {
                        read();
                    } else {
                        schedule(pollEvery);
                    }
                });
    }

    private Future<PenaltyPage> readPage(String from) {
        try {
            return adapter.readPenalties(from, pageSize);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private record Round(PenaltyPage page, PenaltySharing.Result result) {
    }

    private void pause(Throwable cause, String what) {
        failures++;
        Duration wait = pollEvery.multipliedBy(1L << Math.min(failures - 1, 10));
        if (wait.compareTo(MAX_PAUSE) > 0) {
            wait = MAX_PAUSE;
        }
        LOG.warn("penalty feed of {}: could not {} (failure {} in a row, next try in {}s): {}", member, what, failures,
                wait.toSeconds(), cause.toString());
        // start again from what the store holds: the failed page may or may not have been stored
        schedule(wait, this::loadPositionThenRead);
    }

    private void schedule(Duration wait) {
        schedule(wait, this::read);
    }

    private void schedule(Duration wait, Runnable next) {
        if (stopped) {
            idle.tryComplete();
            return;
        }
        timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
            timer = -1;
            next.run();
        });
    }
}
