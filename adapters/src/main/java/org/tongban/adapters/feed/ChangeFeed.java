package org.tongban.adapters.feed;

import io.vertx.core.Future;

/** A platform's change feed, in one dialect: read the page after a cursor. */
@FunctionalInterface
public interface ChangeFeed {
    /**
     * Reads the changes after {@code cursor} ({@code null}: from the beginning of the feed). A
     * failed future carries what happened for the {@link org.tongban.adapters.failure.FailureClassifier}.
     */
    Future<ChangePage> read(String cursor);
}
