package org.tongban.gateway.store;

import java.util.function.Function;

/**
 * The node's durable store: an embedded file ({@code embedded}, SQLite) or PostgreSQL. Every
 * method blocks and must run on a worker thread, never on an event loop.
 */
public interface Store extends AutoCloseable {
    /** Runs {@code work} in one transaction, committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Function<Tx, T> work);

    /** Runs read-only {@code work}. */
    <T> T read(Function<Tx, T> work);

    /** {@code embedded} or {@code postgresql}, for logs and metrics. */
    String kind();

    /** True when the store answers a trivial query. */
    boolean isHealthy();

    @Override
    void close();
}
