package org.tongban.adapters.spi;

import io.vertx.core.Future;

/**
 * Where an adapter hands platform events. The returned future completes once the event is
 * durably stored by the gateway; only then may the adapter acknowledge it to the platform or
 * advance its polling cursor. An event delivered twice has no second effect.
 */
@FunctionalInterface
public interface PlatformEventSink {
    Future<Void> publish(PlatformEvent event);
}
