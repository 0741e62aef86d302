package org.tongban.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonPointers;
import org.tongban.contracts.json.ReadContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Query parameters read with the same strict reader as JSON bodies: they are put in an object
 * ({@code ?limit=20&status=OPEN} becomes {@code {"limit":20,"status":"OPEN"}}), so unknown
 * parameters are refused and every error carries a pointer naming the parameter
 * ({@code /limit}). An empty value counts as absent, as HTML forms send them.
 */
public final class QueryParameters {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private QueryParameters() {
    }

    /**
     * A reader over the query; {@code integers} names the parameters whose digits are numbers.
     * Call {@link JsonObjectReader#end()} (or {@code build}) after reading, then
     * {@link ReadContext#throwIfAny()}.
     */
    public static JsonObjectReader reader(Map<String, List<String>> query, Set<String> integers, ReadContext ctx) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue().stream().filter(v -> !v.isEmpty()).toList();
            if (values.size() > 1) {
                // left out of the object, so the reader reports only this
                ctx.add(ErrorCode.FIELD_TYPE, JsonPointers.child("", name), "give parameter '" + name + "' once");
            } else if (values.size() == 1) {
                String v = values.get(0);
                if (integers.contains(name) && INTEGER.matcher(v).matches()) {
                    o.put(name, Long.parseLong(v));
                } else {
                    o.put(name, v);
                }
            }
        }
        return JsonObjectReader.of(o, "", ctx);
    }
}
