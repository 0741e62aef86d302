package org.tongban.adapters.simulator.dialect;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a JSON request body field by field, refusing with a {@link BadInput} that names the field. */
public final class JsonInput {
    private final JsonObject json;
    private final String at;

    private JsonInput(JsonObject json, String at) {
        this.json = json;
        this.at = at;
    }

    public static JsonInput parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new BadInput("the request has no body; a JSON object is expected");
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(body);
            if (!(v instanceof JsonObject)) {
                throw new BadInput("the body is not a JSON object");
            }
            return new JsonInput((JsonObject) v, "");
        } catch (DecodeException e) {
            throw new BadInput("the body is not valid JSON");
        }
    }

    public static JsonInput of(JsonObject json, String at) {
        return new JsonInput(json, at);
    }

    public JsonObject json() {
        return json;
    }

    /** Refuses members not in {@code allowed}: a dialect mismatch should show, not pass silently. */
    public JsonInput allowOnly(Set<String> allowed) {
        for (String key : json.fieldNames()) {
            if (!allowed.contains(key)) {
                throw new BadInput(name(key) + " is not a field of this request");
            }
        }
        return this;
    }

    public String string(String key) {
        String v = optString(key);
        if (v == null || v.isBlank()) {
            throw new BadInput(name(key) + " is required");
        }
        return v;
    }

    public String optString(String key) {
        Object v = json.getValue(key);
        if (v != null && !(v instanceof String)) {
            throw new BadInput(name(key) + " must be a string");
        }
        return (String) v;
    }

    public Long optLong(String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw new BadInput(name(key) + " must be a whole number");
        }
        return ((Number) v).longValue();
    }

    public LocalDate date(String key, DateTimeFormatter format) {
        return WireTimes.parseDate(string(key), format, name(key));
    }

    public String creditCode(String key) {
        return Checks.creditCode(string(key), name(key));
    }

    public String member(String key) {
        return Checks.member(string(key), name(key));
    }

    public String oneOf(String key, Set<String> values) {
        return Checks.oneOf(string(key), values, name(key));
    }

    public String sha256(String key) {
        return Checks.sha256(string(key), name(key));
    }

    /** The objects of an array member; absent is empty unless {@code min} > 0. */
    public List<JsonInput> objects(String key, int min) {
        Object v = json.getValue(key);
        if (v == null) {
            if (min > 0) {
                throw new BadInput(name(key) + " is required");
            }
            return List.of();
        }
        if (!(v instanceof JsonArray)) {
            throw new BadInput(name(key) + " must be an array");
        }
        JsonArray a = (JsonArray) v;
        if (a.size() < min) {
            throw new BadInput(name(key) + " needs at least " + min + " item(s)");
        }
        List<JsonInput> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.getValue(i) instanceof JsonObject)) {
                throw new BadInput(name(key) + "[" + i + "] must be an object");
            }
            out.add(new JsonInput(a.getJsonObject(i), name(key) + "[" + i + "]."));
        }
        return out;
    }

    private String name(String key) {
        return at + key;
    }
}
