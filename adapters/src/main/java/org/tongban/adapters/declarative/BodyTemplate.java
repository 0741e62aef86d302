package org.tongban.adapters.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A request body as a tree of target paths and sources:
 * <pre>
 * tyshxydm: enterprise.creditCode                                  # a contract field
 * cfrq: { from: penalty.decisionDate, date: yyyy-MM-dd }           # formatted
 * cflb: { from: penalty.category, map: { GENERAL: 一般 } }          # mapped
 * data.channel: { const: tongban }                                 # a constant, at a nested path
 * cl: { each: materials, item: { mc: fileName, hash: sha256 } }    # one object per list item
 * </pre>
 * Sources are checked against the contract fields the endpoint has when the mapping is read.
 * A source without a value (an optional field left empty) leaves its target out.
 */
final class BodyTemplate {
    private record Entry(JsonPath target, Source source, JsonPath each, BodyTemplate item) {
    }

    private final List<Entry> entries;

    private BodyTemplate(List<Entry> entries) {
        this.entries = entries;
    }

    /** Reads a body written under {@code key}, checking sources against {@code fields}. */
    static BodyTemplate parse(JsonNode node, String key, Map<String, ContractFields.Field> fields, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(key, "expected a map of target path: source");
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = key + "." + e.getKey();
            if (!JsonPath.isValid(e.getKey())) {
                problems.add(at, "a target is a dotted path such as data.qymc");
                continue;
            }
            for (String other : targets) {
                if (other.startsWith(e.getKey() + ".") || e.getKey().startsWith(other + ".")) {
                    problems.add(at, "overlaps target " + other + ": one cannot be a value and an object");
                }
            }
            targets.add(e.getKey());
            JsonNode v = e.getValue();
            if (v.isObject() && v.has("each")) {
                Entry list = list(v, at, fields, problems);
                if (list != null) {
                    entries.add(new Entry(JsonPath.of(e.getKey()), null, list.each(), list.item()));
                }
                continue;
            }
            Source s = Source.parse(v, at, problems);
            if (s != null && check(s, fields, problems)) {
                entries.add(new Entry(JsonPath.of(e.getKey()), s, null, null));
            }
        }
        return new BodyTemplate(entries);
    }

    private static Entry list(JsonNode v, String at, Map<String, ContractFields.Field> fields, Problems problems) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("each") && !k.equals("item")) {
                problems.add(at + "." + k, "unknown key; a list is written {each: field, item: {...}}");
            }
        }
        String each = v.get("each").asText();
        ContractFields.Field list = fields.get(each);
        if (list == null || list.kind() != ContractFields.Kind.LIST) {
            problems.add(at + ".each", "'" + each + "' is not a list of this message; lists: "
                    + fields.entrySet().stream().filter(f -> f.getValue().kind() == ContractFields.Kind.LIST)
                    .map(Map.Entry::getKey).toList());
            return null;
        }
        BodyTemplate item = parse(v.get("item"), at + ".item", list.items(), problems);
        return item == null ? null : new Entry(null, null, JsonPath.of(each), item);
    }

    /** Whether a source fits the field it names; records why not. */
    private static boolean check(Source s, Map<String, ContractFields.Field> fields, Problems problems) {
        if (s.from() == null) {
            return true;
        }
        ContractFields.Field f = fields.get(s.from().text());
        if (f == null) {
            problems.add(s.key(), "'" + s.from() + "' is not a field of this message; fields: " + fields.keySet());
            return false;
        }
        if (f.kind() == ContractFields.Kind.LIST) {
            problems.add(s.key(), "'" + s.from() + "' is a list: write {each: " + s.from() + ", item: {...}}");
            return false;
        }
        if (s.hasDate() && f.kind() != ContractFields.Kind.DATE) {
            problems.add(s.key() + ".date", "'" + s.from() + "' is not a date");
            return false;
        }
        if (s.hasTime()) {
            problems.add(s.key() + ".time", "requests carry dates only; use date");
            return false;
        }
        if (s.map() != null && f.kind() == ContractFields.Kind.ENUM) {
            List<String> allowed = Arrays.stream(f.enumType().getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            for (String k : s.map().keySet()) {
                if (!allowed.contains(k)) {
                    problems.add(s.key() + ".map." + k, "'" + k + "' is not a value of " + s.from() + "; values: " + allowed);
                    return false;
                }
            }
        }
        return true;
    }

    /** The body for one call; {@code document} holds the leg ({@code leg.*}) and the message's fields. */
    JsonObject render(JsonObject document) {
        JsonObject out = new JsonObject();
        for (Entry e : entries) {
            if (e.each() != null) {
                Object list = e.each().read(document);
                JsonArray items = new JsonArray();
                if (list instanceof JsonArray) {
                    for (Object item : (JsonArray) list) {
                        items.add(e.item().render(item instanceof JsonObject ? (JsonObject) item : new JsonObject()));
                    }
                }
                e.target().write(out, items);
            } else {
                Object v = e.source().render(document);
                if (v != null) {
                    e.target().write(out, v);
                }
            }
        }
        return out;
    }
}
