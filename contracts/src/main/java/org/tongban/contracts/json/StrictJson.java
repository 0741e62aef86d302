package org.tongban.contracts.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Reads JSON strictly (RFC 8259 and the I-JSON profile of RFC 7493): UTF-8 only, no byte order
 * mark, no duplicate member names, no lone surrogates, numbers within IEEE 754 double range,
 * nothing after the value. Limits on size, depth, string length and array length are checked
 * while tokens stream in, so an oversized document is refused before it is built.
 *
 * <p>Every failure is a {@link ContractException} whose violation points (RFC 6901) at the
 * offending spot; no Jackson exception escapes.
 */
public final class StrictJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);
    private static final BigInteger MAX_SAFE = BigInteger.valueOf(Long.MAX_VALUE);

    private final JsonLimits limits;
    private final JsonFactory factory;

    public StrictJson(JsonLimits limits) {
        this.limits = limits;
        // Jackson's own constraints are a backstop set above ours; ours give the precise codes.
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxDocumentLength(limits.maxDocumentBytes() + 1L)
                .maxNestingDepth(limits.maxDepth() + 1)
                // No string can be longer than the document; this way STRING_TOO_LONG is always ours.
                .maxStringLength(Math.max(limits.maxDocumentBytes(), 1024))
                .maxNameLength(Math.max(limits.maxDocumentBytes(), 1024))
                .maxNumberLength(400)
                .build();
        this.factory = new JsonFactoryBuilder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.factory.disable(JsonFactory.Feature.INTERN_FIELD_NAMES);
    }

    private static final StrictJson DEFAULT = new StrictJson(JsonLimits.DEFAULT);

    /** A reader with {@link JsonLimits#DEFAULT}. */
    public static StrictJson defaults() {
        return DEFAULT;
    }

    public JsonLimits limits() {
        return limits;
    }

    /** Parses a whole document. */
    public JsonNode parse(byte[] utf8) {
        return parse(utf8, 0, utf8.length);
    }

    public JsonNode parse(byte[] utf8, int offset, int length) {
        if (length > limits.maxDocumentBytes()) {
            throw new ContractException(ErrorCode.DOCUMENT_TOO_LARGE, "",
                    "document has " + length + " bytes; the limit is " + limits.maxDocumentBytes());
        }
        checkEncoding(utf8, offset, length);
        Builder builder = new Builder();
        try (JsonParser parser = factory.createParser(utf8, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ContractException(ErrorCode.JSON_MALFORMED, "", "the document is empty");
            }
            JsonNode root = builder.value(parser, first, 1);
            if (parser.nextToken() != null) {
                throw new ContractException(ErrorCode.JSON_MALFORMED, "",
                        "unexpected content after the JSON value at " + location(parser));
            }
            return root;
        } catch (StreamConstraintsException e) {
            // Jackson's cap on number length (it keeps BigInteger parsing cheap) is the one that trips
            // before ours; the exception type does not say which limit it was, only the text does.
            boolean number = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Number value length");
            throw new ContractException(number ? ErrorCode.NUMBER_OUT_OF_RANGE : ErrorCode.DOCUMENT_TOO_LARGE,
                    builder.pointer(), "a limit was exceeded: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ContractException(ErrorCode.JSON_MALFORMED, builder.pointer(),
                    e.getOriginalMessage() + " at " + locationOf(e));
        } catch (IOException e) {
            throw new ContractException(ErrorCode.JSON_MALFORMED, builder.pointer(), "unreadable: " + e.getMessage());
        }
    }

    private static void checkEncoding(byte[] b, int off, int len) {
        if (len >= 3 && (b[off] & 0xFF) == 0xEF && (b[off + 1] & 0xFF) == 0xBB && (b[off + 2] & 0xFF) == 0xBF) {
            throw new ContractException(ErrorCode.JSON_MALFORMED, "", "a byte order mark is not allowed");
        }
        // UTF-16 and UTF-32 text puts a zero byte among the first four; UTF-8 JSON never has one.
        for (int i = off; i < off + Math.min(len, 4); i++) {
            if (b[i] == 0) {
                throw new ContractException(ErrorCode.JSON_MALFORMED, "", "the document is not UTF-8");
            }
        }
    }

    private static String location(JsonParser p) {
        return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Builds the tree while tracking where it is, so that errors can name the spot. */
    private final class Builder {
        /** Member names (String) and array indexes (Integer); escaped only when a pointer is needed. */
        private final Deque<Object> path = new ArrayDeque<>();

        String pointer() {
            String pointer = "";
            Iterator<Object> it = path.descendingIterator();
            while (it.hasNext()) {
                Object step = it.next();
                pointer = step instanceof Integer ? JsonPointers.index(pointer, (Integer) step)
                        : JsonPointers.child(pointer, (String) step);
            }
            return pointer;
        }

        JsonNode value(JsonParser p, JsonToken t, int depth) throws IOException {
            switch (t) {
                case START_OBJECT:
                    return object(p, depth);
                case START_ARRAY:
                    return array(p, depth);
                case VALUE_STRING:
                    return NODES.textNode(string(p));
                case VALUE_NUMBER_INT:
                    return integer(p);
                case VALUE_NUMBER_FLOAT:
                    return floating(p);
                case VALUE_TRUE:
                    return NODES.booleanNode(true);
                case VALUE_FALSE:
                    return NODES.booleanNode(false);
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    throw new ContractException(ErrorCode.JSON_MALFORMED, pointer(),
                            "unexpected token " + t + " at " + location(p));
            }
        }

        private void enter(int depth) {
            if (depth > limits.maxDepth()) {
                throw new ContractException(ErrorCode.NESTING_TOO_DEEP, pointer(),
                        "nesting deeper than " + limits.maxDepth() + " levels");
            }
        }

        private ObjectNode object(JsonParser p, int depth) throws IOException {
            enter(depth);
            ObjectNode node = NODES.objectNode();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = checkedString(p, p.currentName(), true);
                path.push(name);
                if (node.has(name)) {
                    throw new ContractException(ErrorCode.JSON_DUPLICATE_KEY, pointer(),
                            "member '" + name + "' appears more than once");
                }
                JsonNode child = value(p, p.nextToken(), depth + 1);
                node.set(name, child);
                path.pop();
            }
            if (t != JsonToken.END_OBJECT) {
                throw new ContractException(ErrorCode.JSON_MALFORMED, pointer(), "unterminated object");
            }
            return node;
        }

        private ArrayNode array(JsonParser p, int depth) throws IOException {
            enter(depth);
            ArrayNode node = NODES.arrayNode();
            JsonToken t;
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new ContractException(ErrorCode.JSON_MALFORMED, pointer(), "unterminated array");
                }
                if (i >= limits.maxArrayItems()) {
                    throw new ContractException(ErrorCode.ARRAY_TOO_LONG, pointer(),
                            "more than " + limits.maxArrayItems() + " items");
                }
                path.push(i);
                node.add(value(p, t, depth + 1));
                path.pop();
                i++;
            }
            return node;
        }

        private String string(JsonParser p) throws IOException {
            if (p.getTextLength() > limits.maxStringChars()) {
                throw new ContractException(ErrorCode.STRING_TOO_LONG, pointer(),
                        "string of " + p.getTextLength() + " characters; the limit is " + limits.maxStringChars());
            }
            return checkedString(p, p.getText(), false);
        }

        private String checkedString(JsonParser p, String s, boolean isName) {
            if (isName && s.length() > limits.maxStringChars()) {
                throw new ContractException(ErrorCode.STRING_TOO_LONG, pointer(), "member name too long");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    throw new ContractException(ErrorCode.JSON_INVALID_UNICODE, pointer(),
                            (isName ? "member name" : "string") + " contains a lone surrogate at index " + i);
                }
            }
            return s;
        }

        private JsonNode integer(JsonParser p) throws IOException {
            switch (p.getNumberType()) {
                case INT:
                    return NODES.numberNode(p.getIntValue());
                case LONG:
                    return NODES.numberNode(p.getLongValue());
                default:
                    BigInteger big = p.getBigIntegerValue();
                    double d = big.doubleValue();
                    if (Double.isInfinite(d)) {
                        throw new ContractException(ErrorCode.NUMBER_OUT_OF_RANGE, pointer(),
                                "integer outside the IEEE 754 double range");
                    }
                    return big.abs().compareTo(MAX_SAFE) <= 0 ? NODES.numberNode(big.longValue()) : NODES.numberNode(d);
            }
        }

        private JsonNode floating(JsonParser p) throws IOException {
            double d = p.getDoubleValue();
            if (Double.isInfinite(d) || Double.isNaN(d)) {
                throw new ContractException(ErrorCode.NUMBER_OUT_OF_RANGE, pointer(),
                        "number outside the IEEE 754 double range");
            }
            return NODES.numberNode(d);
        }
    }
}
