package org.tongban.contracts.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document received already in its RFC 8785 canonical form, and where in it lie the parts a
 * verifier needs: one top-level member (the detached signature) and the items of one array two
 * levels down (a batch's notices). For such a document the canonical bytes of the whole, of the
 * whole without that member and of each item are ranges of the bytes received, so they need not
 * be written again from the parsed tree.
 *
 * <p>{@link #of} answers only when it is sure: it reads the bytes once and gives up (returns
 * {@code null}) at the first thing it does not know to be canonical, such as whitespace, members
 * out of order, an escape {@code JSON.stringify} would not write, a number other than a plain
 * integer of up to 15 digits, or a member name that is not plain ASCII. The caller then
 * canonicalizes the parsed tree as it would anyway. The document must already have been parsed
 * successfully (with {@link StrictJson}), which checked its limits and its syntax.
 */
public final class CanonicalLayout {
    /** Deeper documents are left to the parsed tree. */
    private static final int MAX_DEPTH = 64;
    private static final int MAX_INTEGER_DIGITS = 15;

    private static final int OTHER = 0;
    private static final int TOP = 1;
    private static final int PARENT = 2;

    private final byte[] doc;
    private final byte[] member;
    private final byte[] parent;
    private final byte[] array;
    private int pos;
    private int memberStart = -1;
    private int memberEnd = -1;
    private int[] items = new int[0];
    private int itemCount = -1;

    private CanonicalLayout(byte[] doc, String member, String parent, String array) {
        this.doc = doc;
        this.member = member.getBytes(StandardCharsets.US_ASCII);
        this.parent = parent.getBytes(StandardCharsets.US_ASCII);
        this.array = array.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The layout of {@code document}, or {@code null} unless it is surely in its canonical form.
     *
     * @param member a top-level member whose range is wanted ({@link #without()})
     * @param parent a top-level member holding an object …
     * @param array  … whose member {@code array} is the array whose items are wanted ({@link #capture})
     */
    public static CanonicalLayout of(byte[] document, String member, String parent, String array) {
        CanonicalLayout layout = new CanonicalLayout(document, member, parent, array);
        return layout.document() ? layout : null;
    }

    /** The canonical bytes of the whole document: a copy of those received. */
    public byte[] whole() {
        return doc.clone();
    }

    /**
     * The canonical bytes of the document without its top-level member {@code member} (and the
     * comma that separated it), or the whole when it has no such member.
     */
    public byte[] without() {
        if (memberStart < 0) {
            return whole();
        }
        int start = memberStart;
        int end = memberEnd;
        if (start > 1) {
            start--; // the comma before it
        } else if (end < doc.length - 1) {
            end++; // the first member: the comma after it
        }
        byte[] out = new byte[doc.length - (end - start)];
        System.arraycopy(doc, 0, out, 0, start);
        System.arraycopy(doc, end, out, start, doc.length - end);
        return out;
    }

    /**
     * Puts the canonical bytes of each item of the array into {@code wanted}, keyed by the nodes
     * of {@code parsed} (the same array, parsed), for the nodes that are keys of {@code wanted}
     * ({@link java.util.IdentityHashMap}). False, with nothing put, when the array read here is
     * not the one parsed (absent, or of another length).
     */
    public boolean capture(JsonNode parsed, Map<JsonNode, byte[]> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (parsed == null || !parsed.isArray() || parsed.size() != itemCount) {
            return false;
        }
        for (int i = 0; i < itemCount; i++) {
            JsonNode node = parsed.get(i);
            if (wanted.containsKey(node)) {
                wanted.put(node, Arrays.copyOfRange(doc, items[2 * i], items[2 * i + 1]));
            }
        }
        return true;
    }

    // ---- reading ------------------------------------------------------------------------------

    private int peek() {
        return pos < doc.length ? doc[pos] & 0xFF : -1;
    }

    private boolean document() {
        return peek() == '{' && object(1, TOP) && pos == doc.length;
    }

    private boolean value(int depth, int level, boolean record) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        switch (peek()) {
            case '{':
                return object(depth, level);
            case '[':
                return array(depth, record);
            case '"':
                return string();
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return number();
        }
    }

    private boolean object(int depth, int level) {
        pos++;
        if (peek() == '}') {
            pos++;
            return true;
        }
        int previousStart = -1;
        int previousEnd = -1;
        while (true) {
            int begin = pos;
            if (peek() != '"') {
                return false;
            }
            int nameStart = pos + 1;
            if (!name()) {
                return false;
            }
            int nameEnd = pos - 1;
            // plain ASCII names: their byte order is their UTF-16 order (RFC 8785 §3.2.3); strictly rising
            if (previousStart >= 0 && Arrays.compareUnsigned(doc, previousStart, previousEnd, doc, nameStart, nameEnd) >= 0) {
                return false;
            }
            previousStart = nameStart;
            previousEnd = nameEnd;
            if (peek() != ':') {
                return false;
            }
            pos++;
            int childLevel = level == TOP && named(nameStart, nameEnd, parent) ? PARENT : OTHER;
            boolean record = level == PARENT && named(nameStart, nameEnd, array);
            if (!value(depth + 1, childLevel, record)) {
                return false;
            }
            if (level == TOP && named(nameStart, nameEnd, member)) {
                memberStart = begin;
                memberEnd = pos;
            }
            int c = peek();
            pos++;
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    private boolean array(int depth, boolean record) {
        pos++;
        int count = 0;
        int[] spans = record ? new int[64] : null;
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                int start = pos;
                if (!value(depth + 1, OTHER, false)) {
                    return false;
                }
                if (record) {
                    if (2 * count + 2 > spans.length) {
                        spans = Arrays.copyOf(spans, spans.length * 2);
                    }
                    spans[2 * count] = start;
                    spans[2 * count + 1] = pos;
                }
                count++;
                int c = peek();
                pos++;
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    return false;
                }
            }
        }
        if (record) {
            items = spans;
            itemCount = count;
        }
        return true;
    }

    private boolean named(int start, int end, byte[] name) {
        return Arrays.equals(doc, start, end, name, 0, name.length);
    }

    /** A member name of printable ASCII without escapes. */
    private boolean name() {
        pos++;
        while (pos < doc.length) {
            int b = doc[pos++] & 0xFF;
            if (b == '"') {
                return true;
            }
            if (b < 0x20 || b >= 0x7F || b == '\\') {
                return false;
            }
        }
        return false;
    }

    /** A string as {@code JSON.stringify} writes it: raw UTF-8, escapes only where it escapes. */
    private boolean string() {
        pos++;
        int n = doc.length;
        while (pos < n) {
            int b = doc[pos] & 0xFF;
            if (b == '"') {
                pos++;
                return true;
            }
            if (b == '\\') {
                if (!escape()) {
                    return false;
                }
            } else if (b < 0x20) {
                return false;
            } else if (b < 0x80) {
                pos++;
            } else if (!utf8(b)) {
                return false;
            }
        }
        return false;
    }

    private boolean escape() {
        if (pos + 1 >= doc.length) {
            return false;
        }
        switch (doc[pos + 1]) {
            case '"':
            case '\\':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                pos += 2;
                return true;
            case 'u':
                // \\u00xx, lower-case hex, for a control character without a short escape
                if (pos + 5 >= doc.length || doc[pos + 2] != '0' || doc[pos + 3] != '0') {
                    return false;
                }
                int high = doc[pos + 4];
                int low = hex(doc[pos + 5]);
                if ((high != '0' && high != '1') || low < 0) {
                    return false;
                }
                int c = (high - '0') << 4 | low;
                if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                    return false;
                }
                pos += 6;
                return true;
            default:
                return false;
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        return b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
    }

    /** One well-formed UTF-8 sequence (RFC 3629: shortest form, no surrogates, up to U+10FFFF). */
    private boolean utf8(int b) {
        int more;
        int low = 0x80;
        int high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            more = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            more = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            more = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (pos + more >= doc.length) {
            return false;
        }
        int second = doc[pos + 1] & 0xFF;
        if (second < low || second > high) {
            return false;
        }
        for (int i = 2; i <= more; i++) {
            int c = doc[pos + i] & 0xFF;
            if (c < 0x80 || c > 0xBF) {
                return false;
            }
        }
        pos += more + 1;
        return true;
    }

    /** An integer as ECMAScript prints it, of up to 15 digits (well inside the exactly representable ones). */
    private boolean number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int first = peek();
        if (first == '0') {
            pos++;
            if (pos - start > 1) {
                return false; // -0 is printed 0
            }
        } else if (first >= '1' && first <= '9') {
            int digits = 0;
            while (peek() >= '0' && peek() <= '9') {
                pos++;
                if (++digits > MAX_INTEGER_DIGITS) {
                    return false;
                }
            }
        } else {
            return false;
        }
        int next = peek();
        return next != '.' && next != 'e' && next != 'E' && !(next >= '0' && next <= '9');
    }

    private boolean literal(String word) {
        int n = word.length();
        if (pos + n > doc.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (doc[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }
}
