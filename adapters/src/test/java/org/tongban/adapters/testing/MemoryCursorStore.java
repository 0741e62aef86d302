package org.tongban.adapters.testing;

import io.vertx.core.Future;
import org.tongban.adapters.spi.CursorStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's adapter store, in memory. One instance outlives the adapters created on it, as
 * the store outlives a restart; it can be told to fail, as a store that lost its database.
 */
public final class MemoryCursorStore implements CursorStore {
    private final Map<String, String> positions = new ConcurrentHashMap<>();
    private final List<String> saves = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public Future<Optional<String>> load(String feed) {
        if (failing) {
            return Future.failedFuture(new IllegalStateException("store unavailable"));
        }
        return Future.succeededFuture(Optional.ofNullable(positions.get(feed)));
    }

    @Override
    public Future<Void> save(String feed, String cursor) {
        if (failing) {
            return Future.failedFuture(new IllegalStateException("store unavailable"));
        }
        positions.put(feed, cursor);
        saves.add(feed + "=" + cursor);
        return Future.succeededFuture();
    }

    public Map<String, String> positions() {
        return positions;
    }

    public Optional<String> position(String feed) {
        return Optional.ofNullable(positions.get(feed));
    }

    /** Every save of a feed position (not of an applied leg), in order, as {@code feed=cursor}. */
    public List<String> cursorSaves() {
        return saves.stream().filter(s -> !s.startsWith("leg:")).toList();
    }

    /** Fails every load and save from now on (or stops failing). */
    public void failing(boolean failing) {
        this.failing = failing;
    }
}
