package org.tongban.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.config.CallbackSettings;

import java.util.Objects;

/**
 * A small HTTP server on which a platform pushes its events to an adapter: it accepts
 * {@code POST} on one path, collects the body up to a limit and hands it to the dialect's
 * {@link CallbackHandler}, whose answer it writes. Everything else is answered 404, 405 or 413
 * without reaching the handler.
 */
public final class CallbackServer {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackServer.class);

    /** Largest event body accepted: events are small, a larger body is not an event. */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    private final HttpServer server;
    private final CallbackSettings settings;

    private CallbackServer(HttpServer server, CallbackSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** Binds {@code settings.host():settings.port()} and serves {@code settings.path()}. */
    public static Future<CallbackServer> start(Vertx vertx, CallbackSettings settings, CallbackHandler handler) {
        return start(vertx, settings, handler, DEFAULT_MAX_BODY_BYTES);
    }

    public static Future<CallbackServer> start(Vertx vertx, CallbackSettings settings, CallbackHandler handler,
                                               int maxBodyBytes) {
        Objects.requireNonNull(handler, "handler");
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host())
                .setPort(settings.port()).setCompressionSupported(false));
        server.requestHandler(req -> serve(req, settings.path(), handler, maxBodyBytes));
        return server.listen().map(s -> new CallbackServer(s, settings));
    }

    private static void serve(HttpServerRequest req, String path, CallbackHandler handler, int maxBodyBytes) {
        if (!path.equals(req.path())) {
            req.response().setStatusCode(404).end();
            return;
        }
        if (req.method() != HttpMethod.POST) {
            req.response().setStatusCode(405).putHeader("Allow", "POST").end();
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,12}") && Long.parseLong(length) > maxBodyBytes) {
            req.response().setStatusCode(413).putHeader("Connection", "close").end();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        req.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                tooLarge[0] = true;
                req.response().setStatusCode(413).putHeader("Connection", "close").end();
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (tooLarge[0]) {
                return;
            }
            Future<CallbackAnswer> answer;
            try {
                answer = handler.handle(new CallbackRequest(req.path(), req.headers(), body));
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            answer.onComplete(ar -> {
                if (req.response().ended()) {
                    return;
                }
                if (ar.failed()) {
                    LOG.warn("callback handler failed on {}: {}", path, ar.cause().toString());
                    req.response().setStatusCode(500).end();
                    return;
                }
                CallbackAnswer a = ar.result();
                req.response().setStatusCode(a.status()).putHeader("Content-Type", a.contentType()).end(a.body());
            });
        });
    }

    /** The port actually bound (the chosen one when the settings say 0). */
    public int port() {
        return server.actualPort();
    }

    /**
     * The URL the platform is given: the configured public URL, or the bound address and path.
     */
    public String url() {
        if (settings.publicUrl() != null) {
            return settings.publicUrl().toString();
        }
        String host = settings.host().contains(":") && !settings.host().startsWith("[")
                ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + settings.path();
    }

    public Future<Void> close() {
        return server.close();
    }

    /** What a dialect does with one pushed request. */
    @FunctionalInterface
    public interface CallbackHandler {
        /** The answer to write; a failed future is answered 500. */
        Future<CallbackAnswer> handle(CallbackRequest request);
    }

    /** One pushed request: its path, headers and whole body. */
    public record CallbackRequest(String path, MultiMap headers, Buffer body) {
    }

    /** The status, content type and body to answer with. */
    public record CallbackAnswer(int status, String contentType, Buffer body) {
        public CallbackAnswer {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
