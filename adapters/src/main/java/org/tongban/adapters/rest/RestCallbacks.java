package org.tongban.adapters.rest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.events.PushedEvent;
import org.tongban.adapters.http.CallbackServer.CallbackAnswer;
import org.tongban.adapters.http.CallbackServer.CallbackHandler;
import org.tongban.adapters.http.CallbackServer.CallbackRequest;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.contracts.error.ContractException;

/**
 * Receives the platform's pushed events: checks {@code X-Callback-Token}, reads the event,
 * hands it to the gateway and answers {@code 200 {"code":0}} only once the gateway stored it.
 * A wrong token is answered 401, a malformed event 400, anything that kept the event from
 * being stored 503 (the platform pushes it again later).
 */
final class RestCallbacks implements CallbackHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RestCallbacks.class);
    static final String TOKEN_HEADER = "X-Callback-Token";

    private final Secret token;
    private final EventTranslator translator;
    private final PlatformEventSink sink;

    RestCallbacks(Secret token, EventTranslator translator, PlatformEventSink sink) {
        this.token = token;
        this.translator = translator;
        this.sink = sink;
    }

    @Override
    public Future<CallbackAnswer> handle(CallbackRequest request) {
        if (!token.matches(request.headers().get(TOKEN_HEADER))) {
            LOG.warn("platform callback on {} refused: wrong or missing {}", request.path(), TOKEN_HEADER);
            return Future.succeededFuture(answer(401, "invalid_token", "wrong or missing " + TOKEN_HEADER));
        }
        Future<PlatformEvent> event;
        try {
            PushedEvent pushed = RestJson.event(request.body());
            event = translator.translate(pushed);
        } catch (ContractException e) {
            return Future.succeededFuture(malformed(e));
        }
        return event.transform(translated -> {
            if (translated.failed()) {
                if (translated.cause() instanceof ContractException) {
                    return Future.succeededFuture(malformed((ContractException) translated.cause()));
                }
                return Future.succeededFuture(notStored(null, translated.cause()));
            }
            PlatformEvent e = translated.result();
            Future<Void> stored;
            try {
                stored = sink.publish(e);
            } catch (RuntimeException thrown) {
                stored = Future.failedFuture(thrown);
            }
            return stored.transform(ar -> Future.succeededFuture(ar.succeeded()
                    ? new CallbackAnswer(200, "application/json", Buffer.buffer("{\"code\":0}"))
                    : notStored(e.eventId(), ar.cause())));
        });
    }

    private static CallbackAnswer malformed(ContractException e) {
        LOG.warn("platform event refused as malformed: {}", e.getMessage());
        return answer(400, "invalid_request", e.getMessage());
    }

    private static CallbackAnswer notStored(String eventId, Throwable cause) {
        LOG.warn("platform event {} not stored, platform asked to push again: {}", eventId, cause.toString());
        return answer(503, "server_error", "the event was not stored; push it again later");
    }

    private static CallbackAnswer answer(int status, String error, String description) {
        return new CallbackAnswer(status, "application/json", new JsonObject().put("code", status).put("error", error)
                .put("error_description", description).toBuffer());
    }
}
