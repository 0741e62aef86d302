package org.tongban.adapters.failure;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import org.tongban.contracts.error.ContractException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * The one classifier for every adapter and for peer delivery: it turns any failure into a
 * {@link Failure}, matching on the exception type first and looking at messages only for
 * Vert.x's generic exceptions. It feeds both the outbox's retry decision and metric tags.
 *
 * <ul>
 *   <li>retryable: timeouts, connection errors, TLS errors (often a certificate being rotated),
 *       HTTP 5xx, 408, 421 (misdirected: the member is moving between nodes), 425 and 429
 *       (throttling, with Retry-After);</li>
 *   <li>retryable: a body status meaning busy ({@code busy}) or maintenance ({@code maintenance}),
 *       with the platform's wait;</li>
 *   <li>permanent: other HTTP 4xx, business refusals ({@code refused}), invalid fields and
 *       contract violations ({@code bad_data}), credentials refused after renewal
 *       ({@code credentials}), answers that cannot be read ({@code unreadable}), anything unknown
 *       that is a programming error ({@link IllegalArgumentException}, {@link NullPointerException}).</li>
 * </ul>
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    public static Failure classify(Throwable t) {
        Throwable e = unwrap(t);
        String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e instanceof PlatformException) {
            return ofStatus((PlatformException) e, detail);
        }
        if (e instanceof BodyStatusException) {
            return ofBody((BodyStatusException) e, detail);
        }
        if (e instanceof CredentialsRejectedException) {
            return new Failure("credentials", false, null, detail);
        }
        if (e instanceof UnreadableResponseException) {
            return new Failure("unreadable", false, null, detail);
        }
        if (e instanceof PermanentPlatformException) {
            return new Failure("refused", false, null, detail);
        }
        if (e instanceof ContractException) {
            return new Failure("bad_data", false, null, detail);
        }
        if (e instanceof TimeoutException || e instanceof java.net.SocketTimeoutException) {
            return new Failure("timeout", true, null, detail);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException
                || e instanceof HttpClosedException || e instanceof ClosedChannelException
                || e instanceof java.io.IOException && !(e instanceof SSLException)) {
            return new Failure("connection", true, null, detail);
        }
        if (e instanceof SSLException) {
            return new Failure("tls", true, null, detail);
        }
        if (e instanceof VertxException) {
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("timeout") || m.contains("timed out")) {
                return new Failure("timeout", true, null, detail);
            }
            if (m.contains("closed") || m.contains("connection") || m.contains("reset")) {
                return new Failure("connection", true, null, detail);
            }
        }
        // a wrapper is what it wraps: Netty reports a refused TLS handshake as a DecoderException
        // around the SSLHandshakeException
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && cause != e && depth < 8; depth++, cause = cause.getCause()) {
            Failure inner = classify(cause);
            if (!"unexpected".equals(inner.key())) {
                return new Failure(inner.key(), inner.retryable(), inner.retryAfter(), detail);
            }
        }
        return new Failure("unexpected", false, null, detail);
    }

    private static Failure ofStatus(PlatformException e, String detail) {
        int s = e.status();
        if (s == 429 || s == 503 && e.retryAfter() != null) {
            return new Failure("throttled", true, e.retryAfter(), detail);
        }
        if (s >= 500 || s == 408 || s == 425) {
            return new Failure(s >= 500 ? "http_5xx" : "http_" + s, true, e.retryAfter(), detail);
        }
        if (s == 421) {
            // Misdirected (a peer's MEMBER_NOT_HOSTED): the directory may be moving the member
            return new Failure("misdirected", true, e.retryAfter(), detail);
        }
        if (s >= 400) {
            return new Failure("http_4xx", false, null, detail);
        }
        return new Failure("refused", false, null, detail);
    }

    private static Failure ofBody(BodyStatusException e, String detail) {
        switch (e.meaning()) {
            case BUSY:
                return new Failure("busy", true, e.retryAfter(), detail);
            case MAINTENANCE:
                return new Failure("maintenance", true, e.retryAfter(), detail);
            case INVALID_FIELD:
                return new Failure("bad_data", false, null, detail);
            default:
                return new Failure("refused", false, null, detail);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
