package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the JSON object of a record. Absent optional members ({@code null}, empty optional
 * lists) are left out rather than written as {@code null}, as the contract requires.
 */
public final class JsonObjectWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode node;

    private JsonObjectWriter(ObjectNode node) {
        this.node = node;
    }

    public static JsonObjectWriter create() {
        return new JsonObjectWriter(NODES.objectNode());
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** RFC 3339 text of a timestamp: seconds always present, fraction only when non-zero. */
    public static String timestamp(OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    public JsonObjectWriter put(String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
        return this;
    }

    /** Writes {@code value.toString()}: identifiers and codes whose text is their wire form. */
    public JsonObjectWriter putText(String name, Object value) {
        if (value != null) {
            node.put(name, value.toString());
        }
        return this;
    }

    public JsonObjectWriter put(String name, Long value) {
        if (value != null) {
            node.put(name, value);
        }
        return this;
    }

    public JsonObjectWriter put(String name, Boolean value) {
        if (value != null) {
            node.put(name, value);
        }
        return this;
    }

    public JsonObjectWriter put(String name, Enum<?> value) {
        if (value != null) {
            node.put(name, value.name());
        }
        return this;
    }

    public JsonObjectWriter put(String name, OffsetDateTime value) {
        if (value != null) {
            node.put(name, timestamp(value));
        }
        return this;
    }

    public JsonObjectWriter put(String name, LocalDate value) {
        if (value != null) {
            node.put(name, value.toString());
        }
        return this;
    }

    public JsonObjectWriter put(String name, JsonNode value) {
        if (value != null) {
            node.set(name, value);
        }
        return this;
    }

    /** Writes a list, leaving the member out when the list is empty. */
    public <T> JsonObjectWriter putList(String name, Collection<T> items, Function<T, ? extends JsonNode> encoder) {
        if (items != null && !items.isEmpty()) {
            ArrayNode a = node.putArray(name);
            for (T item : items) {
                a.add(encoder.apply(item));
            }
        }
        return this;
    }

    /** Writes a list even when it is empty (for required lists). */
    public <T> JsonObjectWriter putRequiredList(String name, List<T> items, Function<T, ? extends JsonNode> encoder) {
        ArrayNode a = node.putArray(name);
        for (T item : items) {
            a.add(encoder.apply(item));
        }
        return this;
    }

    public JsonObjectWriter putEnums(String name, Collection<? extends Enum<?>> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode a = node.putArray(name);
            for (Enum<?> v : values) {
                a.add(v.name());
            }
        }
        return this;
    }

    public ObjectNode node() {
        return node;
    }
}
