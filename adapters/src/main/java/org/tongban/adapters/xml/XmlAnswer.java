package org.tongban.adapters.xml;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.tongban.adapters.failure.BodyStatusException;
import org.tongban.adapters.failure.CredentialsRejectedException;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.adapters.failure.UnreadableResponseException;
import org.tongban.adapters.http.RetryAfter;

import java.time.Clock;
import java.time.Duration;

/**
 * A platform answer in dialect {@code xml-hmac}: HTTP 200 with
 * {@code <Response><Code/><Message/>…</Response>}. The codes' meanings (DIALECTS.md b) are
 * turned into the exceptions {@link org.tongban.adapters.failure.FailureClassifier} judges.
 */
record XmlAnswer(String code, String message, XmlDocument document, Duration retryAfter) {
    static final String SUCCESS = "0000";
    static final String DUPLICATE = "1002";

    /** Reads the answer; a non-200 status or an unreadable body fails here. */
    static XmlAnswer read(HttpResponse<Buffer> r, XmlCharset charset, String call, Clock clock) {
        if (r.statusCode() != 200) {
            throw new PlatformException(r.statusCode(), null, call + ": HTTP " + r.statusCode(),
                    RetryAfter.parse(r.getHeader("Retry-After"), clock));
        }
        XmlDocument d;
        try {
            byte[] body = r.body() == null ? new byte[0] : r.body().getBytes();
            d = XmlDocument.parse(body, XmlDocument.charsetOf(r.getHeader("Content-Type"), charset.charset()));
        } catch (XmlDocument.XmlException e) {
            throw new UnreadableResponseException(200, call + ": " + e.getMessage(), e);
        }
        String code = d.text("Code");
        if (!"Response".equals(d.rootName()) || code == null) {
            throw new UnreadableResponseException(200, call + ": expected <Response> with a <Code>");
        }
        String wait = d.text("RetryAfter");
        Duration retryAfter = wait != null && wait.matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(wait)) : null;
        return new XmlAnswer(code, d.text("Message"), d, retryAfter);
    }

    /** Whether the platform refused the signature or its timestamp (worth one re-signed retry). */
    boolean signatureRefused() {
        return "4001".equals(code) || "4002".equals(code);
    }

    /** The document of a success ({@code 0000}, or {@code 1002}: the application exists); else the failure. */
    XmlDocument orThrow(String call) {
        String detail = call + ": code " + code + (message == null ? "" : " (" + message + ")");
        switch (code) {
            case SUCCESS:
            case DUPLICATE:
                return document;
            case "1001":
                throw new BodyStatusException(200, code, BodyStatusException.Meaning.INVALID_FIELD, detail, null);
            case "1003":
                throw new BodyStatusException(200, code, BodyStatusException.Meaning.REFUSED, detail, null);
            case "2001":
                throw new BodyStatusException(200, code, BodyStatusException.Meaning.BUSY, detail, retryAfter);
            case "2002":
                throw new BodyStatusException(200, code, BodyStatusException.Meaning.MAINTENANCE, detail, retryAfter);
            case "4001":
            case "4002":
                throw new CredentialsRejectedException(200, code, detail + " after re-signing; check appKey, "
                        + "appSecret and this host's clock");
            default:
                throw new UnreadableResponseException(200, detail + ": a code the dialect does not define");
        }
    }
}
