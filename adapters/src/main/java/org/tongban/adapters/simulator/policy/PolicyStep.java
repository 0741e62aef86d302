package org.tongban.adapters.simulator.policy;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One step of a decision policy: after {@code delay} (counted from the previous step, the
 * submission, or the supplement that answered a request for materials), do {@code action}.
 *
 * @param reasonCode   reason code of a refusal or a request for materials ({@code null}: a default)
 * @param text         free text shown to the applicant ({@code null}: a default)
 * @param materialKind the material asked for by {@link Action#ASK_MATERIALS} ({@code null}: the credit commitment)
 */
public record PolicyStep(Action action, Duration delay, String reasonCode, String text, String materialKind) {
    private static final Set<String> KEYS = Set.of("action", "delayMs", "reasonCode", "text", "materialKind");

    public PolicyStep {
        Objects.requireNonNull(action, "action");
        delay = delay == null ? Duration.ZERO : delay;
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a step's delay cannot be negative: " + delay);
        }
    }

    public static PolicyStep of(Action action, Duration delay) {
        return new PolicyStep(action, delay, null, null, null);
    }

    /** {@code ACTION} or {@code ACTION@delay}, e.g. {@code REPAIR@1s}. */
    public static PolicyStep parse(String text) {
        String t = text.trim();
        int at = t.indexOf('@');
        if (at < 0) {
            return of(Action.of(t), Duration.ZERO);
        }
        return of(Action.of(t.substring(0, at)), Durations.parse(t.substring(at + 1)));
    }

    public static PolicyStep fromJson(JsonObject json) {
        for (String key : json.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown step field '" + key + "'; allowed: " + KEYS);
            }
        }
        Object action = json.getValue("action");
        if (!(action instanceof String)) {
            throw new IllegalArgumentException("a step needs \"action\", one of "
                    + java.util.Arrays.toString(Action.values()));
        }
        Object delay = json.getValue("delayMs", 0);
        if (!(delay instanceof Number) || ((Number) delay).longValue() < 0) {
            throw new IllegalArgumentException("\"delayMs\" is a number of milliseconds, at least 0");
        }
        return new PolicyStep(Action.of((String) action), Duration.ofMillis(((Number) delay).longValue()),
                optString(json, "reasonCode"), optString(json, "text"), optString(json, "materialKind"));
    }

    private static String optString(JsonObject json, String key) {
        Object v = json.getValue(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("\"" + key + "\" is a string");
        }
        return (String) v;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("action", action.name()).put("delayMs", delay.toMillis());
        if (reasonCode != null) {
            o.put("reasonCode", reasonCode);
        }
        if (text != null) {
            o.put("text", text);
        }
        if (materialKind != null) {
            o.put("materialKind", materialKind);
        }
        return o;
    }

    @Override
    public String toString() {
        return action + "@" + Durations.format(delay);
    }
}
