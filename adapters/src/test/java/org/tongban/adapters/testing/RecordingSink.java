package org.tongban.adapters.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.spi.PlatformEventSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The gateway's event intake: records events and answers as the test says. */
public final class RecordingSink implements PlatformEventSink {
    private final List<PlatformEvent> stored = new CopyOnWriteArrayList<>();
    private volatile Function<PlatformEvent, Future<Void>> answer = e -> Future.succeededFuture();

    @Override
    public Future<Void> publish(PlatformEvent event) {
        return answer.apply(event).onSuccess(v -> stored.add(event));
    }

    /** Stores events again (the default). */
    public void storing() {
        answer = e -> Future.succeededFuture();
    }

    /** Fails every event, as a gateway whose store is down. */
    public void failing() {
        answer = e -> Future.failedFuture(new IllegalStateException("store unavailable"));
    }

    /** Holds every event until {@code gate} completes. */
    public void holdingUntil(Promise<Void> gate) {
        answer = e -> gate.future();
    }

    public List<PlatformEvent> stored() {
        return stored;
    }
}
