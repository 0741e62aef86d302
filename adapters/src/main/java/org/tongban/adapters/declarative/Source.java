package org.tongban.adapters.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.events.PlatformValues;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where one value comes from: a path ({@code enterprise.creditCode} in a contract message,
 * {@code bgsj} in a platform's change) or a constant, then an optional enum map
 * ({@code GENERAL: 一般}) and an optional date or time pattern ({@code yyyy-MM-dd}).
 * Written in a mapping as a bare path, or as {@code {from: path, map: {...}, date: pattern}},
 * {@code {from: path, time: pattern}} or {@code {const: value}}.
 */
final class Source {
    private static final Set<String> KEYS = Set.of("from", "const", "map", "date", "time");

    private final JsonPath from;
    private final Object constant;
    private final Map<String, Object> map;
    private final String datePattern;
    private final DateTimeFormatter date;
    private final String timePattern;
    private final DateTimeFormatter time;
    private final String key;

    private Source(String key, JsonPath from, Object constant, Map<String, Object> map, String datePattern,
                   String timePattern) {
        this.key = key;
        this.from = from;
        this.constant = constant;
        this.map = map;
        this.datePattern = datePattern;
        this.date = datePattern == null ? null : PlatformValues.pattern(datePattern);
        this.timePattern = timePattern;
        this.time = timePattern == null ? null : PlatformValues.pattern(timePattern);
    }

    /** Reads a source written under {@code key}; records problems and answers null when unusable. */
    static Source parse(JsonNode node, String key, Problems problems) {
        if (node != null && node.isTextual()) {
            if (!JsonPath.isValid(node.asText())) {
                problems.add(key, "'" + node.asText() + "' is not a dotted path such as enterprise.creditCode");
                return null;
            }
            return new Source(key, JsonPath.of(node.asText()), null, null, null, null);
        }
        if (node == null || !node.isObject()) {
            problems.add(key, "expected a path or an object with from/const (and map, date or time)");
            return null;
        }
        int before = problems.list().size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add(key + "." + k, "unknown key; allowed: " + KEYS.stream().sorted().toList());
            }
        }
        JsonNode f = node.get("from");
        JsonNode c = node.get("const");
        if ((f == null) == (c == null)) {
            problems.add(key, "give exactly one of from (a path) and const (a value)");
        } else if (f != null && (!f.isTextual() || !JsonPath.isValid(f.asText()))) {
            problems.add(key + ".from", "expected a dotted path such as enterprise.creditCode");
        }
        Map<String, Object> map = null;
        JsonNode m = node.get("map");
        if (m != null) {
            if (!m.isObject() || m.isEmpty()) {
                problems.add(key + ".map", "expected a non-empty map of value: replacement");
            } else {
                map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        problems.add(key + ".map." + e.getKey(), "expected a single value");
                    } else {
                        map.put(e.getKey(), scalar(e.getValue()));
                    }
                }
            }
        }
        String datePattern = pattern(node, "date", key, problems);
        String timePattern = pattern(node, "time", key, problems);
        if (datePattern != null && timePattern != null) {
            problems.add(key, "give date or time, not both");
        }
        if (problems.list().size() > before) {
            return null;
        }
        Object constant = c == null ? null : c.isArray() ? new JsonArray(c.toString())
                : c.isObject() ? new JsonObject(c.toString()) : scalar(c);
        return new Source(key, f == null ? null : JsonPath.of(f.asText()), constant, map, datePattern, timePattern);
    }

    private static String pattern(JsonNode node, String name, String key, Problems problems) {
        JsonNode p = node.get(name);
        if (p == null) {
            return null;
        }
        if (!p.isTextual()) {
            problems.add(key + "." + name, "expected a pattern such as yyyy-MM-dd");
            return null;
        }
        try {
            PlatformValues.pattern(p.asText());
            return p.asText();
        } catch (IllegalArgumentException e) {
            problems.add(key + "." + name, "'" + p.asText() + "' is not a date/time pattern: " + e.getMessage());
            return null;
        }
    }

    private static Object scalar(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.isNull() ? null : n.asText();
    }

    String key() {
        return key;
    }

    JsonPath from() {
        return from;
    }

    Object constant() {
        return constant;
    }

    Map<String, Object> map() {
        return map;
    }

    boolean hasDate() {
        return datePattern != null;
    }

    boolean hasTime() {
        return timePattern != null;
    }

    // ---- requests: contract value → platform value --------------------------------------------

    /** The value for a request body: read, mapped, dates formatted; {@code null} when the contract has none. */
    Object render(JsonObject document) {
        if (from == null) {
            return constant;
        }
        Object v = from.read(document);
        if (v == null) {
            return null;
        }
        if (map != null) {
            v = mapped(v);
        }
        if (date != null) {
            try {
                return date.format(LocalDate.parse(String.valueOf(v)));
            } catch (DateTimeException e) {
                throw new ContractException(ErrorCode.DATE_INVALID, "/" + from, "'" + v + "' is not a date");
            }
        }
        return v;
    }

    // ---- answers: platform value → contract value ---------------------------------------------

    /** The value read from a platform's answer, mapped; {@code null} when absent. */
    Object value(JsonObject item) {
        if (from == null) {
            return constant;
        }
        Object v = from.read(item);
        return v == null || map == null ? v : mapped(v);
    }

    /** The value as a list of texts, each element mapped on its own; a single value is a list of one. */
    java.util.List<String> texts(JsonObject item) {
        Object raw = from == null ? constant : from.read(item);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (Object v : raw instanceof JsonArray ? ((JsonArray) raw).getList() : java.util.List.of(raw)) {
            if (v instanceof JsonObject || v instanceof JsonArray || v instanceof Map || v instanceof java.util.List) {
                throw new ContractException(ErrorCode.FIELD_TYPE, "/" + where(), "expected a list of single values");
            }
            out.add(String.valueOf(from != null && map != null ? mapped(v) : v));
        }
        return out;
    }

    /** The value as text, or {@code null}. */
    String text(JsonObject item) {
        Object v = value(item);
        if (v instanceof JsonObject || v instanceof JsonArray) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "/" + where(), "expected a single value");
        }
        return v == null ? null : String.valueOf(v);
    }

    /** The value as a day, by the {@code date} pattern or ISO {@code yyyy-MM-dd}; {@code null} when absent. */
    LocalDate localDate(JsonObject item) {
        String s = text(item);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return date != null ? LocalDate.parse(s, date) : LocalDate.parse(s);
        } catch (DateTimeException e) {
            throw new ContractException(ErrorCode.DATE_INVALID, "/" + where(), "'" + s + "' is not a date"
                    + (datePattern == null ? " yyyy-MM-dd" : " " + datePattern));
        }
    }

    /**
     * The value as a point in time, by the {@code time} pattern (read in {@code zone} when it has
     * no offset) or RFC 3339; {@code null} when absent.
     */
    OffsetDateTime offsetTime(JsonObject item, ZoneOffset zone) {
        String s = text(item);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            if (time == null) {
                return OffsetDateTime.parse(s);
            }
            TemporalAccessor t = time.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime ? (OffsetDateTime) t : ((LocalDateTime) t).atOffset(zone);
        } catch (DateTimeException e) {
            throw new ContractException(ErrorCode.DATE_INVALID, "/" + where(), "'" + s + "' is not a time "
                    + (timePattern == null ? "in RFC 3339" : timePattern));
        }
    }

    private Object mapped(Object v) {
        String k = String.valueOf(v);
        if (!map.containsKey(k)) {
            throw new ContractException(ErrorCode.ENUM_INVALID, "/" + where(), "'" + k + "' is not listed in the map of "
                    + key + " " + map.keySet());
        }
        return map.get(k);
    }

    private String where() {
        return from == null ? key : from.text();
    }
}
