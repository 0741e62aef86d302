package org.tongban.adapters.declarative;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.tongban.adapters.failure.BodyStatusException;
import org.tongban.adapters.polling.PlatformAnswers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an endpoint's answer is judged: the HTTP statuses that carry an answer (any other status is
 * a failure the classifier judges by its status), then optionally a body path whose values mean
 * success, and for the other answers the platform's code and whether it means "try again later"
 * (busy, maintenance) or "refused / invalid" (permanent; also any code not listed).
 *
 * @param statuses     HTTP statuses with an answer to read
 * @param successPath  body path deciding success, or {@code null}: every answer in {@code statuses} succeeds
 * @param successValues values at {@code successPath} that mean success
 * @param codePath     body path of the platform's failure code, or {@code null}
 * @param messagePath  body path of the platform's failure message, or {@code null}
 * @param retryable    codes meaning retry later; a trailing {@code *} matches a prefix
 * @param permanent    codes meaning refused or invalid
 * @param retryAfterPath body path of the seconds to wait before retrying, or {@code null}
 */
record AnswerRule(Set<Integer> statuses, JsonPath successPath, List<Object> successValues, JsonPath codePath,
                  JsonPath messagePath, List<String> retryable, List<String> permanent, JsonPath retryAfterPath) {
    static final AnswerRule DEFAULT = new AnswerRule(Set.of(200, 201), null, List.of(), null, null, List.of(), List.of(),
            null);

    /**
     * The body of a successful answer (an empty object when a success needs no body), or the
     * failure it stands for, thrown.
     */
    JsonObject judge(HttpResponse<Buffer> r, String call, Clock clock) {
        if (!statuses.contains(r.statusCode())) {
            throw PlatformAnswers.failure(r, call, clock);
        }
        if (successPath == null) {
            Buffer b = r.body();
            return b == null || b.length() == 0 ? new JsonObject() : PlatformAnswers.json(r, call);
        }
        JsonObject body = PlatformAnswers.json(r, call);
        Object outcome = successPath.read(body);
        for (Object ok : successValues) {
            if (Objects.equals(String.valueOf(ok), String.valueOf(outcome))) {
                return body;
            }
        }
        Object codeValue = codePath == null ? null : codePath.read(body);
        String code = codeValue == null ? "(none)" : String.valueOf(codeValue);
        Object message = messagePath == null ? null : messagePath.read(body);
        String text = call + " answered " + successPath + "=" + outcome + ", code " + code
                + (message == null ? "" : ": " + message);
        boolean retry = codeValue != null && matches(retryable, code) && !exact(permanent, code);
        return failWith(new BodyStatusException(r.statusCode(), code,
                retry ? BodyStatusException.Meaning.BUSY : BodyStatusException.Meaning.REFUSED, text,
                retry ? wait(body) : null));
    }

    private Duration wait(JsonObject body) {
        Object v = retryAfterPath == null ? null : retryAfterPath.read(body);
        if (v instanceof Number && ((Number) v).longValue() >= 0) {
            return Duration.ofSeconds(((Number) v).longValue());
        }
        if (v instanceof String && ((String) v).matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong((String) v));
        }
        return null;
    }

    private static boolean matches(List<String> patterns, String code) {
        for (String p : patterns) {
            if (p.endsWith("*") ? code.startsWith(p.substring(0, p.length() - 1)) : p.equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** An exact listing among the permanent codes wins over a retryable prefix. */
    private static boolean exact(List<String> patterns, String code) {
        return patterns.contains(code);
    }

    private static JsonObject failWith(RuntimeException e) {
        throw e;
    }
}
