package org.tongban.gateway.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.tongban.adapters.spi.CursorStore;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.store.GroupCommitter;
import org.tongban.gateway.store.Store;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable feed positions of one hosted member's adapter, kept in the node's store (table
 * {@code adapter_cursors}), so that they survive restarts and every process of the node sees the
 * same ones. JDBC never runs on the caller's event loop: reads go to a worker, saves join the
 * node's group commit; both complete on the caller's context.
 */
public final class AdapterCursors implements CursorStore {
    /** Longest feed name the table takes. */
    public static final int MAX_FEED = 100;

    private final Vertx vertx;
    private final Store store;
    private final GroupCommitter committer;
    private final MemberId member;
    private final Clock clock;

    /** @param committer the node's group committer; {@code null} commits each save on its own */
    public AdapterCursors(Vertx vertx, Store store, GroupCommitter committer, MemberId member, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.store = Objects.requireNonNull(store, "store");
        this.committer = committer;
        this.member = Objects.requireNonNull(member, "member");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<Optional<String>> load(String feed) {
        String f;
        try {
            f = checkFeed(feed);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return vertx.executeBlocking(() -> store.read(tx -> tx.adapterCursor(member, f)), false);
    }

    @Override
    public Future<Void> save(String feed, String cursor) {
        String f;
        try {
            f = checkFeed(feed);
            if (cursor == null) {
                throw new IllegalArgumentException("a cursor of feed '" + feed + "' must not be null");
            }
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        java.util.function.Function<org.tongban.gateway.store.Tx, Void> work = tx -> {
            tx.saveAdapterCursor(member, f, cursor, clock.instant());
            return null;
        };
        if (committer != null) {
            return Future.fromCompletionStage(committer.submit(work), vertx.getOrCreateContext());
        }
        return vertx.executeBlocking(() -> store.inTransaction(work), false);
    }

    private static String checkFeed(String feed) {
        if (feed == null || feed.isBlank() || feed.length() > MAX_FEED) {
            throw new IllegalArgumentException("a feed name must have 1 to " + MAX_FEED + " characters, not '" + feed + "'");
        }
        return feed;
    }

    @Override
    public String toString() {
        return "AdapterCursors[" + member + " in the " + store.kind() + " store]";
    }
}
