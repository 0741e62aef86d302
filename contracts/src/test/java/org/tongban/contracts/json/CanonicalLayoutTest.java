package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CanonicalLayout} claims a document canonical only when it is: whatever the bytes, a
 * layout found means they are exactly the canonical form of what they parse to, and the ranges it
 * gives are the canonical bytes of the parts. It finds the layout of the documents this library
 * sends.
 */
class CanonicalLayoutTest {
    private static final StrictJson JSON = new StrictJson(JsonLimits.LENIENT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Text pieces: controls with and without short escapes, quotes, non-ASCII of 2, 3 and 4 bytes, U+2028. */
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000",
        "\u001f", "\u007f", "\u0080", "é", "生", "罚〔2026〕", "号", "\u2028", "\ud83d\ude00", "\ufeff", "\uffff"};
    private static final String[] NAMES = {"a", "b", "B", "_", "contract", "signature", "payload", "notices", "treeRoot",
        "é", "\ud83d\ude00", "\uff61", "", "a b"};

    private static CanonicalLayout layout(byte[] document) {
        return CanonicalLayout.of(document, "signature", "payload", "notices");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_envelopes_this_library_signs_are_read_in_place() {
        EnvelopeSigner hangzhou = new EnvelopeSigner(
                TestKeys.member(TestDirectory.HANGZHOU.value(), SignatureAlgorithm.ED25519).signer());
        for (Map.Entry<MessageType, Envelope> e : SampleMessages.everyType().entrySet()) {
            byte[] wire = hangzhou.sign(e.getValue()).canonicalBytes();
            JsonNode tree = JSON.parse(wire);

            CanonicalLayout layout = layout(wire);

            assertThat(layout).as(e.getKey().wireName()).isNotNull();
            assertThat(layout.whole()).isEqualTo(wire).isNotSameAs(wire);
            assertThat(layout.without()).as(e.getKey().wireName())
                    .isEqualTo(Canonicalizer.canonicalizeWithout(tree, Set.of("signature")));
            assertCaptured(layout, tree);
        }
    }

    /** Each item of /payload/notices, when there is one, is captured as its canonical bytes. */
    private static void assertCaptured(CanonicalLayout layout, JsonNode tree) {
        JsonNode notices = tree.path("payload").get("notices");
        Map<JsonNode, byte[]> wanted = new IdentityHashMap<>();
        if (notices != null && notices.isArray()) {
            notices.forEach(n -> wanted.put(n, null));
        }
        assertThat(layout.capture(notices, wanted)).isTrue();
        wanted.forEach((node, bytes) -> assertThat(bytes).isEqualTo(Canonicalizer.canonicalize(node)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1, \"b\":2}", "{ \"a\":1}", "{\"a\":1}\n", "{\"b\":1,\"a\":2}", "{\"a\":[1 ,2]}",
        "{\"a\":\"\\/\"}", "{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u001F\"}", "{\"a\":\"\\u000a\"}", "{\"a\":\"\\u0022\"}",
        "{\"a\":1.0}", "{\"a\":-0}", "{\"a\":1e2}", "{\"a\":1E2}", "{\"a\":1234567890123456}", "{\"a\":0.5}",
        "{\"\\u0061\":1}", "{\"é\":1}", "[1]", "\"a\"", "{\"a\":\"\\ud83d\\ude00\"}"})
    void what_is_not_surely_canonical_is_left_to_the_tree(String json) {
        assertThat(layout(utf8(json))).as(json).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "{\"a\":[]}", "{\"a\":{}}", "{\"a\":\"\\u001f\\n\\t\\\"\\\\\\b\\f\\r\\u0000\"}", "{\"a\":-123456789012345}",
        "{\"a\":0,\"b\":true,\"c\":false,\"d\":null}", "{\"A\":1,\"B\":2,\"a\":3}", "{\"a\":\"生罚〔2026〕\ud83d\ude00\u007f\"}",
        "{\"payload\":{\"notices\":[]},\"signature\":{}}"})
    void canonical_documents_are_recognised(String json) {
        byte[] bytes = utf8(json);
        assertThat(Canonicalizer.canonicalize(JSON.parse(bytes))).as("the example itself").isEqualTo(bytes);
        assertThat(layout(bytes)).as(json).isNotNull();
    }

    @Test
    void the_signature_member_is_cut_with_its_comma_wherever_it_stands() {
        assertThat(new String(layout(utf8("{\"signature\":{\"v\":1},\"z\":2}")).without(), StandardCharsets.UTF_8))
                .isEqualTo("{\"z\":2}");
        assertThat(new String(layout(utf8("{\"a\":1,\"signature\":[1],\"z\":2}")).without(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1,\"z\":2}");
        assertThat(new String(layout(utf8("{\"a\":1,\"signature\":\"s\"}")).without(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
        assertThat(new String(layout(utf8("{\"signature\":null}")).without(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(new String(layout(utf8("{\"a\":{\"signature\":1}}")).without(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":{\"signature\":1}}");
    }

    @Test
    void an_array_other_than_the_one_parsed_captures_nothing() {
        byte[] bytes = utf8("{\"payload\":{\"notices\":[\"a\",\"b\"]}}");
        CanonicalLayout layout = layout(bytes);
        ArrayNode other = F.arrayNode().add("a");
        Map<JsonNode, byte[]> wanted = new IdentityHashMap<>();
        wanted.put(other.get(0), null);

        assertThat(layout.capture(other, wanted)).isFalse();
        assertThat(wanted.get(other.get(0))).isNull();
        assertThat(layout(utf8("{\"payload\":{\"notices\":{}}}")).capture(other, wanted)).isFalse();
    }

    /**
     * Random documents, canonical and not (pretty-printed, written in insertion order by Jackson,
     * with an escaped character, with a byte changed): a layout is found only for canonical bytes,
     * and then its ranges are the canonical bytes of the parts; every canonical document with ASCII
     * names and plain integers has one.
     */
    @Test
    void a_layout_is_found_exactly_for_canonical_bytes() throws Exception {
        Random r = new Random(20261122);
        int canonicalSeen = 0;
        int refusedSeen = 0;
        for (int i = 0; i < 4_000; i++) {
            ObjectNode tree = randomObject(r, 0);
            byte[] canonical;
            try {
                canonical = Canonicalizer.canonicalize(tree);
            } catch (ContractException lone) {
                continue;
            }
            List<byte[]> variants = new ArrayList<>();
            variants.add(canonical);
            variants.add(utf8(tree.toPrettyString()));
            variants.add(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree));
            variants.add(escapeOneCharacter(canonical, r));
            byte[] flipped = canonical.clone();
            flipped[r.nextInt(flipped.length)] = (byte) " ,:{}[]\"\\0-1e.a\u00e9".charAt(r.nextInt(15));
            variants.add(flipped);
            for (byte[] v : variants) {
                JsonNode parsed;
                try {
                    parsed = JSON.parse(v);
                } catch (ContractException invalid) {
                    continue;
                }
                CanonicalLayout layout = layout(v);
                byte[] expected;
                try {
                    expected = Canonicalizer.canonicalize(parsed);
                } catch (ContractException lone) {
                    assertThat(layout).isNull();
                    continue;
                }
                boolean isCanonical = Arrays.equals(v, expected);
                if (layout == null) {
                    refusedSeen++;
                    if (isCanonical && plain(parsed)) {
                        throw new AssertionError("a canonical document was not recognised: " + new String(v, StandardCharsets.UTF_8));
                    }
                    continue;
                }
                assertThat(isCanonical).as("claimed canonical: %s", new String(v, StandardCharsets.UTF_8)).isTrue();
                canonicalSeen++;
                assertThat(layout.whole()).isEqualTo(expected);
                assertThat(layout.without()).isEqualTo(Canonicalizer.canonicalizeWithout(parsed, Set.of("signature")));
                assertCaptured(layout, parsed);
            }
        }
        assertThat(canonicalSeen).isGreaterThan(1_000);
        assertThat(refusedSeen).isGreaterThan(4_000);
    }

    /** Whether every member name is printable ASCII and every number a plain integer of up to 15 digits. */
    private static boolean plain(JsonNode node) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\') || !plain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!plain(item)) {
                    return false;
                }
            }
            return true;
        }
        return !node.isNumber() || (node.isIntegralNumber() && node.canConvertToLong()
                && Math.abs(node.longValue()) < 1_000_000_000_000_000L);
    }

    /** The bytes with one non-ASCII character of a string written as a {@code \\uXXXX} escape, when there is one. */
    private static byte[] escapeOneCharacter(byte[] canonical, Random r) {
        String text = new String(canonical, StandardCharsets.UTF_8);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && !Character.isSurrogate(c)) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return canonical;
        }
        int i = at.get(r.nextInt(at.size()));
        return utf8(text.substring(0, i) + String.format("\\u%04x", (int) text.charAt(i)) + text.substring(i + 1));
    }

    private static ObjectNode randomObject(Random r, int depth) {
        ObjectNode o = F.objectNode();
        int n = r.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < n; i++) {
            o.set(NAMES[r.nextInt(NAMES.length)], randomValue(r, depth + 1));
        }
        if (depth == 0 && r.nextInt(3) == 0) {
            ArrayNode notices = o.putObject("payload").putArray("notices");
            for (int i = r.nextInt(4); i > 0; i--) {
                notices.add(randomObject(r, 2));
            }
        }
        return o;
    }

    private static JsonNode randomValue(Random r, int depth) {
        switch (r.nextInt(depth > 3 ? 5 : 7)) {
            case 0:
                StringBuilder s = new StringBuilder();
                for (int i = r.nextInt(6); i > 0; i--) {
                    s.append(PIECES[r.nextInt(PIECES.length)]);
                }
                return F.textNode(s.toString());
            case 1:
                long[] ints = {0, 1, -1, 42, 999_999_999_999_999L, -999_999_999_999_999L, 1_000_000_000_000_000L,
                    9_007_199_254_740_991L};
                return F.numberNode(ints[r.nextInt(ints.length)]);
            case 2:
                double[] doubles = {0.5, -1.25, 1e21, 1e-7, 3.0, -0.0, 123456789.125};
                return F.numberNode(doubles[r.nextInt(doubles.length)]);
            case 3:
                return F.booleanNode(r.nextBoolean());
            case 4:
                return F.nullNode();
            case 5:
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth + 1));
                }
                return a;
            default:
                return randomObject(r, depth);
        }
    }
}
