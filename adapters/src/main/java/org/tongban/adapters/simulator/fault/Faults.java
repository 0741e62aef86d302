package org.tongban.adapters.simulator.fault;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Trouble the simulated platform makes on its API (never on the admin API): latency, and
 * failures at a rate or for the next few calls, answered the way the dialect answers failures.
 *
 * @param latency           added to every affected call
 * @param latencyJitter     a further random latency between 0 and this
 * @param failureRate       share of affected calls that fail, 0 to 1
 * @param failNext          the next this-many affected calls fail, whatever the rate
 * @param status            HTTP status of a failure (e.g. 503, 429, 500)
 * @param bodyCode          for dialects with body status codes (xml-hmac {@code 2001},
 *                          form-json {@code E2001}): fail with HTTP 200 and this code instead
 * @param retryAfterSeconds the Retry-After of a failure, or {@code null}
 * @param operations        the calls affected ({@code token, apply, supplement, withdraw, changes,
 *                          penalties, health}); empty: all of them
 */
public record Faults(Duration latency, Duration latencyJitter, double failureRate, int failNext, int status,
                     String bodyCode, Integer retryAfterSeconds, Set<String> operations) {
    public static final Set<String> OPERATIONS = Set.of("token", "apply", "supplement", "withdraw", "changes",
            "penalties", "health");
    private static final Set<String> KEYS = Set.of("latencyMs", "latencyJitterMs", "failureRate", "failNext", "status",
            "bodyCode", "retryAfterSeconds", "operations");

    public Faults {
        latency = latency == null ? Duration.ZERO : latency;
        latencyJitter = latencyJitter == null ? Duration.ZERO : latencyJitter;
        if (latency.isNegative() || latencyJitter.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative");
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate is between 0 and 1, not " + failureRate);
        }
        if (failNext < 0) {
            throw new IllegalArgumentException("failNext cannot be negative");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failure's status is 4xx or 5xx, not " + status);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds cannot be negative");
        }
        operations = Set.copyOf(operations == null ? Set.of() : operations);
        for (String op : operations) {
            if (!OPERATIONS.contains(op)) {
                throw new IllegalArgumentException("unknown operation '" + op + "'; one of " + OPERATIONS);
            }
        }
    }

    /** A platform that answers promptly and never fails. */
    public static Faults none() {
        return new Faults(Duration.ZERO, Duration.ZERO, 0, 0, 503, null, null, Set.of());
    }

    public boolean affects(String operation) {
        return operations.isEmpty() || operations.contains(operation);
    }

    public static Faults fromJson(JsonObject json) {
        for (String key : json.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown fault field '" + key + "'; allowed: " + KEYS);
            }
        }
        Set<String> ops = new LinkedHashSet<>();
        Object list = json.getValue("operations");
        if (list != null) {
            if (!(list instanceof JsonArray)) {
                throw new IllegalArgumentException("\"operations\" is an array of " + OPERATIONS);
            }
            for (Object o : (JsonArray) list) {
                ops.add(String.valueOf(o));
            }
        }
        Object bodyCode = json.getValue("bodyCode");
        if (bodyCode != null && !(bodyCode instanceof String)) {
            throw new IllegalArgumentException("\"bodyCode\" is a string such as \"2001\" or \"E2001\"");
        }
        Long retryAfter = number(json, "retryAfterSeconds", null);
        return new Faults(Duration.ofMillis(number(json, "latencyMs", 0L)),
                Duration.ofMillis(number(json, "latencyJitterMs", 0L)),
                rate(json), number(json, "failNext", 0L).intValue(), number(json, "status", 503L).intValue(),
                (String) bodyCode, retryAfter == null ? null : retryAfter.intValue(), ops);
    }

    private static double rate(JsonObject json) {
        Object v = json.getValue("failureRate", 0);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("\"failureRate\" is a number between 0 and 1");
        }
        return ((Number) v).doubleValue();
    }

    private static Long number(JsonObject json, String key, Long fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw new IllegalArgumentException("\"" + key + "\" is a whole number");
        }
        return ((Number) v).longValue();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject()
                .put("latencyMs", latency.toMillis())
                .put("latencyJitterMs", latencyJitter.toMillis())
                .put("failureRate", failureRate)
                .put("failNext", failNext)
                .put("status", status)
                .put("operations", new JsonArray(List.copyOf(new java.util.TreeSet<>(operations))));
        if (bodyCode != null) {
            o.put("bodyCode", bodyCode);
        }
        if (retryAfterSeconds != null) {
            o.put("retryAfterSeconds", retryAfterSeconds);
        }
        return o;
    }
}
