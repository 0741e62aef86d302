package org.tongban.gateway.testing;

import io.vertx.core.Context;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.Tx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A store that notes every call made from a Vert.x event-loop thread: JDBC there would stall
 * every connection the loop serves. Tests assert that it noted nothing.
 */
public final class EventLoopGuardStore implements Store {
    private final Store delegate;
    private final List<String> onEventLoop = new CopyOnWriteArrayList<>();

    public EventLoopGuardStore(Store delegate) {
        this.delegate = delegate;
    }

    private void check(String call) {
        if (Context.isOnEventLoopThread()) {
            onEventLoop.add(call + " on " + Thread.currentThread().getName());
        }
    }

    /** Calls made on an event loop, with the thread; empty when all went to workers. */
    public List<String> callsOnEventLoop() {
        return List.copyOf(onEventLoop);
    }

    @Override
    public <T> T inTransaction(Function<Tx, T> work) {
        check("inTransaction");
        return delegate.inTransaction(work);
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        check("read");
        return delegate.read(work);
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public boolean isHealthy() {
        check("isHealthy");
        return delegate.isHealthy();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
