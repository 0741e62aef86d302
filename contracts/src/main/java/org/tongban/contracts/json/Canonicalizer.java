package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.util.Arrays;
import java.util.Iterator;
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
        ByteSink out = new ByteSink(1024);
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
                    write(node.get(i), out, Set.of());
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
        out.put('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '"': out.put('\\'); out.put('"'); break;
                    case '\\': out.put('\\'); out.put('\\'); break;
                    case '\b': out.put('\\'); out.put('b'); break;
                    case '\f': out.put('\\'); out.put('f'); break;
                    case '\n': out.put('\\'); out.put('n'); break;
                    case '\r': out.put('\\'); out.put('r'); break;
                    case '\t': out.put('\\'); out.put('t'); break;
                    default:
                        if (c < 0x20) {
                            out.put('\\'); out.put('u'); out.put('0'); out.put('0');
                            out.putByte(HEX[c >> 4]);
                            out.putByte(HEX[c & 0xF]);
                        } else {
                            out.put(c);
                        }
                }
            } else if (c < 0x800) {
                out.putByte(0xC0 | (c >> 6));
                out.putByte(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.putByte(0xF0 | (cp >> 18));
                out.putByte(0x80 | ((cp >> 12) & 0x3F));
                out.putByte(0x80 | ((cp >> 6) & 0x3F));
                out.putByte(0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                throw new ContractException(ErrorCode.JSON_INVALID_UNICODE, "",
                        "a string contains a lone surrogate and has no canonical form");
            } else {
                out.putByte(0xE0 | (c >> 12));
                out.putByte(0x80 | ((c >> 6) & 0x3F));
                out.putByte(0x80 | (c & 0x3F));
            }
        }
        out.put('"');
    }

    /** A minimal growable byte buffer; avoids the synchronisation of ByteArrayOutputStream. */
    static final class ByteSink {
        private byte[] buf;
        int len;

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
