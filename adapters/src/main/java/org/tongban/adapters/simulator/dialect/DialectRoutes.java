package org.tongban.adapters.simulator.dialect;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.simulator.fault.InjectedFailure;

import java.util.Optional;

/**
 * The platform API of one dialect. Every call goes the same way: the dialect's authentication,
 * then the injected latency and failure, then the work; a {@link BadInput} or any other failure
 * is answered in the dialect's own error shape.
 */
public abstract class DialectRoutes {
    /** Largest request body a simulated platform reads. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DialectRoutes.class);

    protected final PlatformContext ctx;

    protected DialectRoutes(PlatformContext ctx) {
        this.ctx = ctx;
    }

    /** Adds the dialect's routes. */
    public abstract void mount(Router router);

    /** Answers the caller and returns false when it is not authenticated. */
    protected abstract boolean authenticate(RoutingContext rc);

    protected abstract void injected(RoutingContext rc, InjectedFailure failure);

    protected abstract void badInput(RoutingContext rc, String message);

    protected abstract void notFound(RoutingContext rc, String message);

    protected abstract void internal(RoutingContext rc, String message);

    protected static BodyHandler body() {
        return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    }

    protected Handler<RoutingContext> serve(String operation, Handler<RoutingContext> work) {
        return serve(operation, true, work);
    }

    protected Handler<RoutingContext> serve(String operation, boolean authenticated, Handler<RoutingContext> work) {
        return rc -> {
            if (authenticated && !authenticate(rc)) {
                return;
            }
            ctx.faults().before(operation).onComplete(ar -> {
                if (rc.response().ended() || rc.response().closed()) {
                    return;
                }
                Optional<InjectedFailure> failure = ar.succeeded() ? ar.result() : Optional.empty();
                if (failure.isPresent()) {
                    injected(rc, failure.get());
                    return;
                }
                try {
                    work.handle(rc);
                } catch (BadInput e) {
                    badInput(rc, e.getMessage());
                } catch (NotFound e) {
                    notFound(rc, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("simulated platform {} failed on {}: {}", ctx.options().member(), operation, e.toString(), e);
                    internal(rc, e.getClass().getSimpleName());
                }
            });
        };
    }

    protected static Buffer bodyOf(RoutingContext rc) {
        return rc.body() == null || rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
    }

    /** A call names an application the platform does not have. */
    protected static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** The bounded {@code limit} of a feed query. */
    protected static int limit(String text, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 1000) {
                throw new BadInput("limit is between 1 and 1000, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadInput("limit '" + text + "' is not a number");
        }
    }

    /** The position a cursor names, or a {@link BadInput}. */
    protected long position(String cursor) {
        try {
            return org.tongban.adapters.simulator.book.FeedCursor.decode(cursor, ctx.book().runId());
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    protected String cursor(long position) {
        return org.tongban.adapters.simulator.book.FeedCursor.encode(ctx.book().runId(), position);
    }

    protected static void checkCallbackUrl(String url, String field) {
        try {
            java.net.URI u = new java.net.URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new BadInput(field + ": '" + url + "' is not an http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new BadInput(field + ": '" + url + "' is not a URL");
        }
    }
}
