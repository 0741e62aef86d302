package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Binds one JSON object to a record, strictly: every member read is checked for presence, type,
 * format and length, and {@link #end()} reports members the contract does not define. Problems
 * are recorded in the {@link ReadContext} with a JSON Pointer; accessors then return
 * {@code null} and the caller returns {@code null} instead of a record ({@link #build}).
 */
public final class JsonObjectReader {
    /** RFC 3339 date-time with an explicit offset; upper-case T and Z only. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern TIMESTAMP_NO_OFFSET = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    private final JsonNode node;
    private final ReadContext ctx;
    /**
     * This object's JSON Pointer, made from the parent's and {@link #member} or {@link #index} when
     * first asked for: most objects read have no problem to report, and the pointers of a batch's
     * notices would otherwise be two string concatenations per object read.
     */
    private String pointer;
    private final JsonObjectReader parent;
    private final String member;
    private final int index;
    /** The names of the members read, few: a list searched in place costs less than a hash set per object. */
    private String[] read = new String[8];
    private int readCount;
    private final int violationsAtStart;

    private JsonObjectReader(JsonNode node, String pointer, ReadContext ctx) {
        this(node, ctx, pointer, null, null, -1);
    }

    private JsonObjectReader(JsonNode node, ReadContext ctx, String pointer, JsonObjectReader parent, String member,
                             int index) {
        this.node = node;
        this.pointer = pointer;
        this.parent = parent;
        this.member = member;
        this.index = index;
        this.ctx = ctx;
        this.violationsAtStart = ctx.count();
    }

    /** A reader for {@code node}, or {@code null} (with a violation) when it is not an object. */
    public static JsonObjectReader of(JsonNode node, String pointer, ReadContext ctx) {
        if (node == null || !node.isObject()) {
            ctx.add(ErrorCode.FIELD_TYPE, pointer, "expected an object");
            return null;
        }
        return new JsonObjectReader(node, pointer, ctx);
    }

    /** A reader for member {@code name} (and item {@code index} of it, unless negative) of this object. */
    private JsonObjectReader child(JsonNode v, String name, int index) {
        if (v == null || !v.isObject()) {
            String where = index < 0 ? at(name) : JsonPointers.index(at(name), index);
            ctx.add(ErrorCode.FIELD_TYPE, where, "expected an object");
            return null;
        }
        return new JsonObjectReader(v, ctx, null, this, name, index);
    }

    public String pointer() {
        if (pointer == null) {
            String m = JsonPointers.child(parent.pointer(), member);
            pointer = index < 0 ? m : JsonPointers.index(m, index);
        }
        return pointer;
    }

    public ReadContext context() {
        return ctx;
    }

    /** The raw node of this object. */
    public JsonNode node() {
        return node;
    }

    /** True when a violation was recorded since this reader was created. */
    public boolean failed() {
        return ctx.count() > violationsAtStart;
    }

    public boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    /** Marks a member as understood without reading it. */
    public void accept(String name) {
        markRead(name);
    }

    private void markRead(String name) {
        if (wasRead(name)) {
            return;
        }
        if (readCount == read.length) {
            read = Arrays.copyOf(read, readCount * 2);
        }
        read[readCount++] = name;
    }

    private boolean wasRead(String name) {
        for (int i = 0; i < readCount; i++) {
            // member names are mostly the same interned strings as the names asked for
            if (read[i] == name || read[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reports the members this object has but nobody read, unless the context ignores them
     * (a newer minor version). Call once, after every member was read.
     */
    public void end() {
        if (ctx.ignoreUnknownMembers()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!wasRead(name)) {
                ctx.add(ErrorCode.FIELD_UNKNOWN, JsonPointers.child(pointer(), name),
                        "member '" + name + "' is not defined here");
            }
        }
    }

    /**
     * Ends the object and builds its record, unless a violation was recorded inside it. A
     * {@link ContractException} from the record's own checks is recorded under this pointer.
     */
    public <T> T build(Supplier<T> constructor) {
        end();
        if (failed()) {
            return null;
        }
        try {
            return constructor.get();
        } catch (ContractException e) {
            ctx.add(e, pointer());
            return null;
        }
    }

    // ---- presence -----------------------------------------------------------------------

    private JsonNode member(String name, boolean required) {
        markRead(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                ctx.add(ErrorCode.FIELD_REQUIRED, at(name), "member '" + name + "' is required");
            } else if (v != null) {
                ctx.add(ErrorCode.FIELD_TYPE, at(name), "null is not allowed; leave the member out instead");
            }
            return null;
        }
        return v;
    }

    private String at(String name) {
        return JsonPointers.child(pointer(), name);
    }

    // ---- strings ------------------------------------------------------------------------

    public String string(String name, int maxLength) {
        return string(name, maxLength, null, null, true);
    }

    public String optString(String name, int maxLength) {
        return string(name, maxLength, null, null, false);
    }

    /** A required string matching {@code format}; {@code formatName} explains it in errors. */
    public String string(String name, int maxLength, Pattern format, String formatName) {
        return string(name, maxLength, format, formatName, true);
    }

    public String optString(String name, int maxLength, Pattern format, String formatName) {
        return string(name, maxLength, format, formatName, false);
    }

    private String string(String name, int maxLength, Pattern format, String formatName, boolean required) {
        JsonNode v = member(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            ctx.add(ErrorCode.FIELD_TYPE, at(name), "expected a string");
            return null;
        }
        String s = v.textValue();
        if (s.isBlank()) {
            ctx.add(ErrorCode.FIELD_FORMAT, at(name), "must not be blank");
            return null;
        }
        if (s.length() > maxLength) {
            ctx.add(ErrorCode.STRING_TOO_LONG, at(name), "longer than " + maxLength + " characters");
            return null;
        }
        if (format != null && !format.matcher(s).matches()) {
            ctx.add(ErrorCode.FIELD_FORMAT, at(name), "'" + abbreviate(s) + "' is not " + formatName);
            return null;
        }
        return s;
    }

    /** A required string parsed by {@code parser}; a {@link ContractException} it throws is recorded here. */
    public <T> T parsed(String name, Function<String, T> parser) {
        return parsed(name, parser, true);
    }

    public <T> T optParsed(String name, Function<String, T> parser) {
        return parsed(name, parser, false);
    }

    private <T> T parsed(String name, Function<String, T> parser, boolean required) {
        JsonNode v = member(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            ctx.add(ErrorCode.FIELD_TYPE, at(name), "expected a string");
            return null;
        }
        try {
            return parser.apply(v.textValue());
        } catch (ContractException e) {
            ctx.add(e, at(name));
            return null;
        }
    }

    // ---- enums --------------------------------------------------------------------------

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return enumValue(name, type, true);
    }

    public <E extends Enum<E>> E optEnumValue(String name, Class<E> type) {
        return enumValue(name, type, false);
    }

    private <E extends Enum<E>> E enumValue(String name, Class<E> type, boolean required) {
        JsonNode v = member(name, required);
        if (v == null) {
            return null;
        }
        E known = v.isTextual() ? constant(type, v.textValue()) : null;
        return known != null ? known : enumOf(v, at(name), type); // reports what is wrong
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private <E extends Enum<E>> E enumOf(JsonNode v, String where, Class<E> type) {
        if (!v.isTextual()) {
            ctx.add(ErrorCode.FIELD_TYPE, where, "expected a string");
            return null;
        }
        String s = v.textValue();
        E known = constant(type, s);
        if (known != null) {
            return known;
        }
        ctx.add(ErrorCode.ENUM_INVALID, where, "'" + abbreviate(s) + "' is not one of " + allowed(type));
        return null;
    }

    /** A list of enum values; {@code minItems} of 0 makes the member optional. */
    public <E extends Enum<E>> List<E> enumList(String name, Class<E> type, int minItems, int maxItems) {
        JsonNode v = member(name, minItems > 0);
        if (v == null) {
            return minItems > 0 ? null : List.of();
        }
        if (!checkArray(v, name, minItems, maxItems)) {
            return null;
        }
        List<E> out = new ArrayList<>(v.size());
        Set<E> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            String where = JsonPointers.index(at(name), i);
            E e = enumOf(v.get(i), where, type);
            if (e != null && !seen.add(e)) {
                ctx.add(ErrorCode.MESSAGE_INCONSISTENT, where, "'" + e.name() + "' is listed twice");
            }
            out.add(e);
        }
        return out.contains(null) ? null : out;
    }

    // ---- numbers and booleans -------------------------------------------------------------

    public Long integer(String name, long min, long max) {
        return integer(name, min, max, true);
    }

    public Long optInteger(String name, long min, long max) {
        return integer(name, min, max, false);
    }

    private Long integer(String name, long min, long max, boolean required) {
        JsonNode v = member(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() && !(v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
            ctx.add(ErrorCode.FIELD_TYPE, at(name), "expected an integer");
            return null;
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            ctx.add(ErrorCode.NUMBER_OUT_OF_RANGE, at(name), "must be between " + min + " and " + max);
            return null;
        }
        return v.longValue();
    }

    public Boolean optBoolean(String name) {
        JsonNode v = member(name, false);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            ctx.add(ErrorCode.FIELD_TYPE, at(name), "expected true or false");
            return null;
        }
        return v.booleanValue();
    }

    // ---- time ---------------------------------------------------------------------------

    public OffsetDateTime timestamp(String name) {
        return timestamp(name, true);
    }

    public OffsetDateTime optTimestamp(String name) {
        return timestamp(name, false);
    }

    private OffsetDateTime timestamp(String name, boolean required) {
        JsonNode v = member(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            ctx.add(ErrorCode.FIELD_TYPE, at(name), "expected an RFC 3339 timestamp string");
            return null;
        }
        String s = v.textValue();
        OffsetDateTime fast = Rfc3339.parse(s);
        if (fast != null) {
            return fast;
        }
        if (!TIMESTAMP.matcher(s).matches()) {
            if (TIMESTAMP_NO_OFFSET.matcher(s).matches()) {
                ctx.add(ErrorCode.DATE_TIME_OFFSET_MISSING, at(name),
                        "'" + s + "' has no UTC offset; write e.g. '" + withSeconds(s.replace(' ', 'T')) + "+08:00'");
            } else {
                ctx.add(ErrorCode.DATE_INVALID, at(name),
                        "'" + abbreviate(s) + "' is not an RFC 3339 timestamp like 2026-11-21T09:30:00+08:00");
            }
            return null;
        }
        ctx.add(ErrorCode.DATE_INVALID, at(name), "'" + s + "' is not a real point in time");
        return null;
    }

    public LocalDate date(String name) {
        return date(name, true);
    }

    public LocalDate optDate(String name) {
        return date(name, false);
    }

    private LocalDate date(String name, boolean required) {
        JsonNode v = member(name, required);
        if (v == null) {
            return null;
        }
        String s = v.textValue();
        LocalDate date;
        try {
            // read field by field (a notice batch has thousands of dates), not through a pattern and the parser
            date = v.isTextual() ? Rfc3339.fullDate(s) : null;
        } catch (DateTimeException e) {
            ctx.add(ErrorCode.DATE_INVALID, at(name), "'" + s + "' is not a real date");
            return null;
        }
        if (date == null) {
            ctx.add(v.isTextual() ? ErrorCode.DATE_INVALID : ErrorCode.FIELD_TYPE, at(name),
                    "expected a calendar date like 2026-11-21");
        }
        return date;
    }

    // ---- nested ---------------------------------------------------------------------------

    public <T> T object(String name, Function<JsonObjectReader, T> reader) {
        return object(name, reader, true);
    }

    public <T> T optObject(String name, Function<JsonObjectReader, T> reader) {
        return object(name, reader, false);
    }

    private <T> T object(String name, Function<JsonObjectReader, T> reader, boolean required) {
        JsonNode v = member(name, required);
        if (v == null) {
            return null;
        }
        JsonObjectReader child = child(v, name, -1);
        return child == null ? null : reader.apply(child);
    }

    /**
     * A list of objects. With {@code minItems} of 0 the member is optional and absent means an
     * empty list. Returns {@code null} when any item failed.
     */
    public <T> List<T> list(String name, int minItems, int maxItems, Function<JsonObjectReader, T> reader) {
        JsonNode v = member(name, minItems > 0);
        if (v == null) {
            return minItems > 0 ? null : List.of();
        }
        if (!checkArray(v, name, minItems, maxItems)) {
            return null;
        }
        List<T> out = new ArrayList<>(v.size());
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            JsonObjectReader child = child(v.get(i), name, i);
            T item = child == null ? null : reader.apply(child);
            ok &= item != null;
            out.add(item);
        }
        return ok ? out : null;
    }

    private boolean checkArray(JsonNode v, String name, int minItems, int maxItems) {
        if (!v.isArray()) {
            ctx.add(ErrorCode.FIELD_TYPE, at(name), "expected an array");
            return false;
        }
        if (v.size() < minItems) {
            ctx.add(ErrorCode.FIELD_REQUIRED, at(name), "needs at least " + minItems + " item" + (minItems > 1 ? "s" : ""));
            return false;
        }
        if (v.size() > maxItems) {
            ctx.add(ErrorCode.ARRAY_TOO_LONG, at(name), "at most " + maxItems + " items are allowed");
            return false;
        }
        return true;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.name());
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** Lower-case hexadecimal of 64 characters (a SHA-256 digest). */
    public static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");


    /** {@code 2026-11-20T09:30} → {@code 2026-11-20T09:30:00}: RFC 3339 requires seconds. */
    private static String withSeconds(String localDateTime) {
        int t = localDateTime.indexOf('T');
        return t >= 0 && localDateTime.length() - t == 6 ? localDateTime + ":00" : localDateTime;
    }
}
