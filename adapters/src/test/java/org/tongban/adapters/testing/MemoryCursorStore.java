package org.tongban.adapters.testing;

import io.vertx.core.Future;
import org.tongban.adapters.spi.CursorStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The gateway's adapter store, in memory. */
public final class MemoryCursorStore implements CursorStore {
    private final Map<String, String> positions = new ConcurrentHashMap<>();

    @Override
    public Future<Optional<String>> load(String feed) {
        return Future.succeededFuture(Optional.ofNullable(positions.get(feed)));
    }

    @Override
    public Future<Void> save(String feed, String cursor) {
        positions.put(feed, cursor);
        return Future.succeededFuture();
    }

    public Map<String, String> positions() {
        return positions;
    }
}
