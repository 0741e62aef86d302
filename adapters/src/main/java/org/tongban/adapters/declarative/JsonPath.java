package org.tongban.adapters.declarative;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A dotted path into a JSON object, such as {@code data.list} or {@code enterprise.creditCode}.
 * Reading follows objects only; writing creates the objects on the way.
 */
record JsonPath(String text, List<String> steps) {
    private static final Pattern STEP = Pattern.compile("[^.\\s\\[\\]{}]+");

    static boolean isValid(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (String s : text.split("\\.", -1)) {
            if (!STEP.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException when {@code text} is not a dotted path */
    static JsonPath of(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a dotted path such as data.list");
        }
        return new JsonPath(text, List.of(text.split("\\.")));
    }

    /** The value at this path, or {@code null} when a step is missing or not an object. */
    Object read(JsonObject root) {
        Object at = root;
        for (String step : steps) {
            if (!(at instanceof JsonObject)) {
                return null;
            }
            at = ((JsonObject) at).getValue(step);
        }
        return at;
    }

    /** Writes {@code value} at this path, creating objects on the way. */
    void write(JsonObject root, Object value) {
        JsonObject at = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object next = at.getValue(steps.get(i));
            if (!(next instanceof JsonObject)) {
                next = new JsonObject();
                at.put(steps.get(i), next);
            }
            at = (JsonObject) next;
        }
        at.put(steps.get(steps.size() - 1), value);
    }

    @Override
    public String toString() {
        return text;
    }
}
