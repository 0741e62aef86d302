package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Canonicalization Scheme of RFC 8785 (JCS): members sorted by their UTF-16 code
 * units, no insignificant whitespace, strings escaped as ECMAScript's {@code JSON.stringify}
 * does, numbers printed as ECMAScript's {@code Number.prototype.toString} prints doubles.
 *
 * <p>This is the single function that produces the bytes a signature covers.
 */
public final class Canonicalizer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Canonicalizer() {
    }

    /** Canonical UTF-8 bytes of a JSON value. */
    public static byte[] canonicalize(JsonNode node) {
        ByteSink out = new ByteSink(512);
        write(node, out, Set.of());
        return out.toByteArray();
    }

    /**
     * Canonical bytes of an object with some top-level members left out: the bytes a detached
     * signature covers are those of the document without its {@code signature} member.
     */
    public static byte[] canonicalizeWithout(JsonNode object, Set<String> omittedTopLevelMembers) {
        ByteSink out = new ByteSink(512);
        write(object, out, omittedTopLevelMembers);
        return out.toByteArray();
    }

    /**
     * Canonical bytes of an object both with and without one top-level member, from a single
     * pass: what a verifier needs to check a detached signature and to hash what it received.
     */
    public static Split split(JsonNode object, String member) {
        return split(object, member, null);
    }

    /**
     * As {@link #split(JsonNode, String)}, capturing on the way the canonical bytes of some array
     * items: {@code capture} is an {@link java.util.IdentityHashMap} whose keys are the item nodes
     * wanted; their values are set to the items' canonical bytes (RFC 8785 is compositional: they
     * are the very bytes the whole holds).
     */
    public static Split split(JsonNode object, String member, Map<JsonNode, byte[]> capture) {
        ByteSink out = new ByteSink(1024);
        out.capture = capture == null || capture.isEmpty() ? null : capture;
        int[] segment = {-1, -1};
        String[] names = sortedNames(object, Set.of());
        out.put('{');
        for (int i = 0; i < names.length; i++) {
            boolean target = names[i].equals(member);
            if (target) {
                segment[0] = out.len;
            }
            if (i > 0) {
                out.put(',');
            }
            writeString(names[i], out);
            out.put(':');
            write(object.get(names[i]), out, Set.of());
            if (target) {
                segment[1] = out.len;
            }
        }
        out.put('}');
        byte[] whole = out.toByteArray();
        if (segment[0] < 0) {
            return new Split(whole, whole);
        }
        int start = segment[0];
        int end = segment[1];
        if (start == 1 && end < whole.length - 1) {
            end++; // first member: drop the comma that follows it instead of the one before
        }
        byte[] without = new byte[whole.length - (end - start)];
        System.arraycopy(whole, 0, without, 0, start);
        System.arraycopy(whole, end, without, start, whole.length - end);
        return new Split(whole, without);
    }

    /**
     * @param whole   canonical bytes of the whole object
     * @param without canonical bytes of the object without the member
     */
    public record Split(byte[] whole, byte[] without) {
    }

    /** Parses arbitrary JSON with {@link JsonLimits#LENIENT} and returns its canonical bytes. */
    public static byte[] canonicalize(byte[] json) {
        return canonicalize(new StrictJson(JsonLimits.LENIENT).parse(json));
    }

    private static void write(JsonNode node, ByteSink out, Set<String> omitted) {
        switch (node.getNodeType()) {
            case OBJECT:
                writeObject(node, out, omitted);
                break;
            case ARRAY:
                out.put('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    JsonNode item = node.get(i);
                    if (out.capture != null && out.capture.containsKey(item)) {
                        int start = out.len;
                        write(item, out, Set.of());
                        out.capture.put(item, Arrays.copyOfRange(out.buf, start, out.len));
                    } else {
                        write(item, out, Set.of());
                    }
                }
                out.put(']');
                break;
            case STRING:
                writeString(node.textValue(), out);
                break;
            case NUMBER:
                writeNumber(node, out);
                break;
            case BOOLEAN:
                out.putAscii(node.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.putAscii("null");
                break;
            case POJO:
                Object pojo = ((com.fasterxml.jackson.databind.node.POJONode) node).getPojo();
                if (pojo instanceof CanonicalJson) {
                    out.putBytes(((CanonicalJson) pojo).bytes());
                    break;
                }
                throw new ContractException(ErrorCode.JSON_MALFORMED, "", "not a JSON value: " + pojo.getClass().getName());
            default:
                throw new ContractException(ErrorCode.JSON_MALFORMED, "", "not a JSON value: " + node.getNodeType());
        }
    }

    private static String[] sortedNames(JsonNode node, Set<String> omitted) {
        String[] names = new String[node.size()];
        int n = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!omitted.contains(name)) {
                names[n++] = name;
            }
        }
        // String.compareTo compares UTF-16 code units, which is exactly what RFC 8785 §3.2.3 asks.
        Arrays.sort(names, 0, n);
        return n == names.length ? names : Arrays.copyOf(names, n);
    }

    private static void writeObject(JsonNode node, ByteSink out, Set<String> omitted) {
        String[] names = sortedNames(node, omitted);
        int n = names.length;
        out.put('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.put(',');
            }
            writeString(names[i], out);
            out.put(':');
            write(node.get(names[i]), out, Set.of());
        }
        out.put('}');
    }

    private static void writeNumber(JsonNode node, ByteSink out) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long v = node.longValue();
            if (Math.abs(v) <= EcmaNumbers.MAX_SAFE_INTEGER) {
                out.putAscii(Long.toString(v));
                return;
            }
        }
        out.putAscii(EcmaNumbers.toString(node.doubleValue()));
    }

    static void writeString(String s, ByteSink out) {
        int n = s.length();
        out.ensure(2 + 6 * n); // the longest form of one char is a six-byte escape; a surrogate pair takes 4 bytes for 2 chars
        byte[] b = out.buf;
        int p = out.len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                    continue;
                }
                b[p++] = '\\';
                switch (c) {
                    case '"': b[p++] = '"'; break;
                    case '\\': b[p++] = '\\'; break;
                    case '\b': b[p++] = 'b'; break;
                    case '\f': b[p++] = 'f'; break;
                    case '\n': b[p++] = 'n'; break;
                    case '\r': b[p++] = 'r'; break;
                    case '\t': b[p++] = 't'; break;
                    default:
                        b[p++] = 'u';
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 0xF];
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                throw new ContractException(ErrorCode.JSON_INVALID_UNICODE, "",
                        "a string contains a lone surrogate and has no canonical form");
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        out.len = p;
    }

    /** A minimal growable byte buffer; avoids the synchronisation of ByteArrayOutputStream. */
    static final class ByteSink {
        byte[] buf;
        int len;
        /** Array items whose canonical bytes are wanted (identity keys), or null. */
        Map<JsonNode, byte[]> capture;

        ByteSink(int capacity) {
            buf = new byte[capacity];
        }

        void put(char c) {
            putByte(c);
        }

        void putByte(int b) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = (byte) b;
        }

        void ensure(int more) {
            if (buf.length - len < more) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void putBytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void putAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                putByte(s.charAt(i));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
