package org.tongban.adapters.xml;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.events.PushedEvent;
import org.tongban.adapters.http.CallbackServer.CallbackAnswer;
import org.tongban.adapters.http.CallbackServer.CallbackHandler;
import org.tongban.adapters.http.CallbackServer.CallbackRequest;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.spi.PlatformEventSink;
import org.tongban.contracts.error.ContractException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Receives the platform's signed {@code <Event>}s. The request must carry this adapter's app
 * key, a valid HMAC-SM3 signature, a timestamp within 300 s and a nonce not seen in the last
 * 600 s. Answers (always HTTP 200, as the dialect does): {@code 0000} once the gateway stored
 * the event, {@code 2001} when it could not (the platform pushes again), {@code 4001} for a bad
 * signature or a replayed nonce, {@code 4002} for a timestamp out of the window, {@code 1001}
 * for a malformed event.
 */
final class XmlCallbacks implements CallbackHandler {
    private static final Logger LOG = LoggerFactory.getLogger(XmlCallbacks.class);
    static final Duration TIMESTAMP_WINDOW = Duration.ofSeconds(300);
    static final Duration NONCE_WINDOW = Duration.ofSeconds(600);

    private final HmacSm3Signer signer;
    private final XmlCharset charset;
    private final EventTranslator translator;
    private final PlatformEventSink sink;
    private final Clock clock;
    private final NonceWindow nonces = new NonceWindow(NONCE_WINDOW, 100_000);

    XmlCallbacks(HmacSm3Signer signer, XmlCharset charset, EventTranslator translator, PlatformEventSink sink,
                 Clock clock) {
        this.signer = signer;
        this.charset = charset;
        this.translator = translator;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public Future<CallbackAnswer> handle(CallbackRequest request) {
        byte[] body = request.body().getBytes();
        String refused = authenticate(request.path(), request.headers(), body);
        if (refused != null) {
            return done(refused, refused.equals("4002") ? "timestamp out of window" : "signature invalid");
        }
        Future<PlatformEvent> event;
        try {
            XmlDocument d = XmlDocument.parse(body, XmlDocument.charsetOf(request.headers().get("Content-Type"),
                    charset.charset()));
            PushedEvent pushed = XmlMessages.event(d);
            event = translator.translate(pushed);
        } catch (XmlDocument.XmlException | ContractException e) {
            return malformed(e);
        }
        return event.transform(translated -> {
            if (translated.failed()) {
                return translated.cause() instanceof ContractException ? malformed(translated.cause())
                        : notStored(null, translated.cause());
            }
            PlatformEvent e = translated.result();
            Future<Void> stored;
            try {
                stored = sink.publish(e);
            } catch (RuntimeException thrown) {
                stored = Future.failedFuture(thrown);
            }
            return stored.transform(ar -> ar.succeeded() ? done(XmlAnswer.SUCCESS, null) : notStored(e.eventId(),
                    ar.cause()));
        });
    }

    /** {@code null} when the request is authentic and fresh; otherwise the code to answer. */
    private String authenticate(String path, MultiMap headers, byte[] body) {
        String key = headers.get(HmacSm3Signer.APP_KEY);
        String timestamp = headers.get(HmacSm3Signer.TIMESTAMP);
        String nonce = headers.get(HmacSm3Signer.NONCE);
        String signature = headers.get(HmacSm3Signer.SIGNATURE);
        if (!signer.appKey().equals(key) || timestamp == null || !timestamp.matches("\\d{1,15}") || nonce == null
                || !nonce.matches("[0-9a-f]{32}") || signature == null
                || !signer.verify(path, key, timestamp, nonce, body, signature)) {
            LOG.warn("platform callback on {} refused: wrong app key or signature", path);
            return "4001";
        }
        Instant now = clock.instant();
        Duration skew = Duration.between(Instant.ofEpochMilli(Long.parseLong(timestamp)), now).abs();
        if (skew.compareTo(TIMESTAMP_WINDOW) > 0) {
            LOG.warn("platform callback on {} refused: timestamp {} s away from this clock", path, skew.toSeconds());
            return "4002";
        }
        if (!nonces.firstUse(nonce, now)) {
            LOG.warn("platform callback on {} refused: nonce used before", path);
            return "4001";
        }
        return null;
    }

    private Future<CallbackAnswer> malformed(Throwable e) {
        LOG.warn("platform event refused as malformed: {}", e.getMessage());
        return done("1001", e.getMessage());
    }

    private Future<CallbackAnswer> notStored(String eventId, Throwable cause) {
        LOG.warn("platform event {} not stored, platform asked to push again: {}", eventId, cause.toString());
        return done("2001", "event not stored; push it again later");
    }

    private Future<CallbackAnswer> done(String code, String message) {
        return Future.succeededFuture(new CallbackAnswer(200, charset.contentType(),
                Buffer.buffer(XmlMessages.answer(charset, code, message))));
    }
}
