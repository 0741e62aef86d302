package org.tongban.adapters.feed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.spi.CursorStore;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.contracts.id.MemberId;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Polls a platform's change feed for one member: reads the page after the saved cursor, hands
 * every change to the gateway one after the other (in feed order, so that a leg's steps arrive in
 * order), and saves the page's cursor only once every change of the page was stored. A restart
 * therefore resumes exactly after the last stored page: nothing is missed, nothing read twice
 * (and should a process die between storing and saving, the gateway deduplicates on event ids).
 *
 * <p>A failed poll (platform down, store down) backs off exponentially with jitter up to
 * {@code maxBackoff}, honouring Retry-After; the first good poll returns to {@code pollEvery}.
 * When the platform says more changes are ready, the next page is read at once. A single change
 * that can never be taken (bad data, refused by the gateway's rules) is logged and passed over,
 * so that it does not stop the feed; any other failure leaves the cursor where it was.
 *
 * <p>Runs on one Vert.x context with timers; it never blocks.
 */
public final class ChangePoller {
    private static final Logger LOG = LoggerFactory.getLogger(ChangePoller.class);

    private final Vertx vertx;
    private final MemberId member;
    private final String feedName;
    private final ChangeFeed feed;
    private final EventTranslator translator;
    private final CursorStore cursors;
    private final Duration pollEvery;
    private final PollBackoff backoff;
    private final Clock clock;

    // touched only on the poller's context
    private Context context;
    private PlatformEventSink sink;
    private boolean stopped;
    private boolean polling;
    private long timer = -1;
    private boolean loaded;
    private String cursor;
    private int failures;
    private long refused;
    private Promise<Void> whenIdle;
    private volatile FeedStatus status = new FeedStatus(0, null, null, 0, null);

    /**
     * @param feedName the name its cursor is saved under, e.g. {@code changes}
     */
    public ChangePoller(Vertx vertx, MemberId member, String feedName, ChangeFeed feed, EventTranslator translator,
                        CursorStore cursors, Duration pollEvery, PollBackoff backoff, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.member = Objects.requireNonNull(member, "member");
        this.feedName = Objects.requireNonNull(feedName, "feedName");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts polling at once on the caller's context (or a new one). A store or platform that is
     * down at start counts as a failed poll, not as a failed start.
     */
    public Future<Void> start(PlatformEventSink sink) {
        if (context != null) {
            return Future.failedFuture(new IllegalStateException("the poller of " + member + " is already started"));
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.context = vertx.getOrCreateContext();
        context.runOnContext(v -> poll());
        return Future.succeededFuture();
    }

    /** Stops polling; completes once a poll under way has finished (its cursor saved or not). */
    public Future<Void> stop() {
        if (context == null) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            stopped = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            if (polling) {
                whenIdle = done;
            } else {
                done.complete();
            }
        });
        return done.future();
    }

    public FeedStatus status() {
        return status;
    }

    private void poll() {
        timer = -1;
        if (stopped) {
            return;
        }
        polling = true;
        Future<String> position = loaded ? Future.succeededFuture(cursor)
                : cursors.load(feedName).map(saved -> {
                    cursor = saved.orElse(null);
                    loaded = true;
                    return cursor;
                });
        position.compose(after -> guarded(() -> feed.read(after)))
                .compose(page -> publishAll(page.items()).compose(v -> save(page)).map(page))
                .onComplete(ar -> onContext(() -> finished(ar.succeeded() ? ar.result() : null, ar.cause())));
    }

    private void finished(ChangePage page, Throwable failure) {
        polling = false;
        long delay;
        if (failure == null) {
            failures = 0;
            status = new FeedStatus(0, null, clock.instant(), refused, cursor);
            delay = page.more() ? 0 : pollEvery.toMillis();
        } else {
            failures++;
            Failure f = FailureClassifier.classify(failure);
            status = new FeedStatus(failures, f, status.lastSuccess(), refused, cursor);
            delay = backoff.after(failures, f.retryAfter()).toMillis();
            LOG.warn("polling the {} feed of {} failed ({} in a row, {}): {}; next poll in {} ms", feedName, member,
                    failures, f.key(), f.detail(), delay);
        }
        if (whenIdle != null) {
            whenIdle.complete();
            whenIdle = null;
        }
        if (stopped) {
            return;
        }
        if (delay <= 0) {
            context.runOnContext(v -> poll());
        } else {
            timer = vertx.setTimer(delay, id -> poll());
        }
    }

    /** Publishes the items in order, each after the previous one was stored; iterative, not recursive. */
    private Future<Void> publishAll(List<ChangePage.Item> items) {
        Promise<Void> done = Promise.promise();
        publishFrom(items, 0, done);
        return done.future();
    }

    private void publishFrom(List<ChangePage.Item> items, int start, Promise<Void> done) {
        for (int i = start; i < items.size(); i++) {
            Future<Void> one = publish(items.get(i));
            if (!one.isComplete()) {
                int next = i + 1;
                one.onComplete(ar -> {
                    if (ar.failed()) {
                        done.fail(ar.cause());
                    } else {
                        publishFrom(items, next, done);
                    }
                });
                return;
            }
            if (one.failed()) {
                done.fail(one.cause());
                return;
            }
        }
        done.complete();
    }

    private Future<Void> publish(ChangePage.Item item) {
        Future<Void> stored = item.unreadable() != null ? Future.failedFuture(item.unreadable())
                : guarded(() -> translator.translate(item.change()).compose(event -> guarded(() -> sink.publish(event))));
        return stored.recover(e -> {
            Failure f = FailureClassifier.classify(e);
            if (!f.retryable() && "bad_data".equals(f.key())) {
                refused++;
                LOG.error("the platform of {} reported change {} that cannot be taken; passed over: {}", member,
                        item.changeId(), f.detail());
                return Future.succeededFuture();
            }
            return Future.failedFuture(e);
        });
    }

    private Future<Void> save(ChangePage page) {
        if (page.cursor().equals(cursor)) {
            return Future.succeededFuture();
        }
        return cursors.save(feedName, page.cursor()).onSuccess(v -> cursor = page.cursor());
    }

    private void onContext(Runnable r) {
        if (Vertx.currentContext() == context) {
            r.run();
        } else {
            context.runOnContext(v -> r.run());
        }
    }

    /** A future-returning call whose exception (a bug, a bad argument) becomes a failed future. */
    private static <T> Future<T> guarded(Supplier<Future<T>> call) {
        try {
            Future<T> f = call.get();
            return f == null ? Future.failedFuture(new IllegalStateException("no future returned")) : f;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
