package org.tongban.adapters.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

/**
 * Where a feed answer keeps its list, its next cursor and (optionally) whether more is ready.
 * Without a {@code more} path a full page means more.
 */
record FeedPaths(JsonPath list, JsonPath cursor, JsonPath more) {
    static FeedPaths parse(JsonNode node, String key, Problems problems) {
        JsonPath list = path(node, "list", key, true, problems);
        JsonPath cursor = path(node, "cursor", key, true, problems);
        JsonPath more = path(node, "more", key, false, problems);
        return list == null || cursor == null ? null : new FeedPaths(list, cursor, more);
    }

    static JsonPath path(JsonNode node, String name, String key, boolean required, Problems problems) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(key + "." + name, "required: the body path of the " + name);
            }
            return null;
        }
        if (!v.isTextual() || !JsonPath.isValid(v.asText())) {
            problems.add(key + "." + name, "expected a dotted body path such as data." + name);
            return null;
        }
        return JsonPath.of(v.asText());
    }

    JsonArray items(JsonObject body) {
        Object v = list.read(body);
        if (v == null) {
            return new JsonArray();
        }
        if (!(v instanceof JsonArray)) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "/" + list, list + " is not a list");
        }
        return (JsonArray) v;
    }

    /** The next cursor; the one asked with when the answer has none and holds no items. */
    String next(JsonObject body, String asked, int items) {
        Object v = cursor.read(body);
        if (v == null || String.valueOf(v).isEmpty()) {
            if (items > 0) {
                throw new ContractException(ErrorCode.FIELD_REQUIRED, "/" + cursor, "a page with changes needs "
                        + cursor + ", or the next poll would read them again");
            }
            return asked == null ? "" : asked;
        }
        if (v instanceof JsonObject || v instanceof JsonArray) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "/" + cursor, cursor + " must be a single value");
        }
        return String.valueOf(v);
    }

    boolean more(JsonObject body, int items, int limit) {
        if (more == null) {
            return items >= limit;
        }
        Object v = more.read(body);
        return Boolean.TRUE.equals(v) || "true".equals(v) || Integer.valueOf(1).equals(v);
    }
}
