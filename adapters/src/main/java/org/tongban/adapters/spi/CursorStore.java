package org.tongban.adapters.spi;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * Durable positions of an adapter in its platform's feeds (change feed, penalty feed), kept by
 * the gateway's store so that they survive restarts and are shared by the node's processes.
 * An adapter saves a position only after everything before it was stored by the gateway.
 */
public interface CursorStore {
    /** The saved position of {@code feed} (e.g. {@code changes}, {@code penalties}), if any. */
    Future<Optional<String>> load(String feed);

    /** Saves the position of {@code feed}; completes once it is durable. */
    Future<Void> save(String feed, String cursor);
}
