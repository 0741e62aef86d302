package org.tongban.adapters.simulator.engine;

import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.EventRecord;

/**
 * Where a new platform event goes besides the change feed: pushed to the adapter's callback
 * (push dialects), or nowhere (polling dialects, whose adapters read the feed).
 */
@FunctionalInterface
public interface EventPublisher {
    EventPublisher FEED_ONLY = (app, event) -> {
    };

    void published(Application app, EventRecord event);
}
