package org.tongban.adapters.feed;

import io.vertx.core.Future;
import org.tongban.adapters.spi.CursorStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's adapter store as an adapter sees it, in memory: one instance outlives the
 * adapters created on it, as the store outlives a restart. Can be told to fail, like a store
 * that lost its database.
 */
public final class MemoryCursorStore implements CursorStore {
    private final Map<String, String> positions = new ConcurrentHashMap<>();
    private final List<String> saves = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public Future<Optional<String>> load(String feed) {
        if (failing) {
            return Future.failedFuture(new IllegalStateException("store down"));
        }
        return Future.succeededFuture(Optional.ofNullable(positions.get(feed)));
    }

    @Override
    public Future<Void> save(String feed, String cursor) {
        if (failing) {
            return Future.failedFuture(new IllegalStateException("store down"));
        }
        positions.put(feed, cursor);
        saves.add(feed + "=" + cursor);
        return Future.succeededFuture();
    }

    public Optional<String> position(String feed) {
        return Optional.ofNullable(positions.get(feed));
    }

    /** Every save in order, as {@code feed=cursor}. */
    public List<String> saves() {
        return List.copyOf(saves);
    }

    /** Saves of feeds that are not leg facts, as {@code feed=cursor}. */
    public List<String> cursorSaves() {
        return saves.stream().filter(s -> !s.startsWith(LegFacts.PREFIX)).toList();
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }
}
