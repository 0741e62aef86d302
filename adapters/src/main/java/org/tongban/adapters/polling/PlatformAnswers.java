package org.tongban.adapters.polling;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.tongban.adapters.failure.CredentialsRejectedException;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.adapters.failure.UnreadableResponseException;
import org.tongban.adapters.http.RetryAfter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Reads a platform's HTTP answers for the JSON dialects: what an unsuccessful status means (for
 * the {@link org.tongban.adapters.failure.FailureClassifier}: the status, the platform's message,
 * its Retry-After) and the JSON body of a successful one.
 */
public final class PlatformAnswers {
    private static final int MAX_DETAIL = 200;

    private PlatformAnswers() {
    }

    /**
     * The failure an answer with an unsuccessful status stands for: a refused API key or
     * credentials (401, 403) as {@link CredentialsRejectedException}, anything else as
     * {@link PlatformException} with the platform's message and Retry-After.
     *
     * @param call what was asked, for the message, e.g. {@code PUT /v2/applications/…}
     */
    public static RuntimeException failure(HttpResponse<Buffer> r, String call, Clock clock) {
        int status = r.statusCode();
        String message = call + " answered HTTP " + status + describe(r);
        if (status == 401 || status == 403) {
            return new CredentialsRejectedException(status, null, message
                    + "; check the credentials configured for this platform");
        }
        return new PlatformException(status, null, message, RetryAfter.parse(r.getHeader("Retry-After"), clock));
    }

    /** The JSON object a successful answer carries; an {@link UnreadableResponseException} when it has none. */
    public static JsonObject json(HttpResponse<Buffer> r, String call) {
        Buffer body = r.body();
        try {
            Object v = body == null || body.length() == 0 ? null : Json.decodeValue(body);
            if (v instanceof JsonObject) {
                return (JsonObject) v;
            }
        } catch (DecodeException e) {
            throw new UnreadableResponseException(r.statusCode(), call + " answered HTTP " + r.statusCode()
                    + " with a body that is not JSON: " + snippet(body), e);
        }
        throw new UnreadableResponseException(r.statusCode(), call + " answered HTTP " + r.statusCode()
                + " without a JSON object: " + snippet(body));
    }

    /** A short, printable description of an error body: its {@code message}, else its first characters. */
    static String describe(HttpResponse<Buffer> r) {
        Buffer body = r.body();
        if (body == null || body.length() == 0) {
            return "";
        }
        try {
            Object v = Json.decodeValue(body);
            if (v instanceof JsonObject && ((JsonObject) v).getValue("message") instanceof String) {
                return ": " + cut(((JsonObject) v).getString("message"));
            }
        } catch (DecodeException e) {
            // not JSON: show the text itself
        }
        return ": " + snippet(body);
    }

    static String snippet(Buffer body) {
        return body == null ? "(no body)" : cut(body.toString(StandardCharsets.UTF_8));
    }

    private static String cut(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }
}
