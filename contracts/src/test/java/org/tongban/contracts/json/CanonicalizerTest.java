package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8785 rules beyond the upstream vectors, and the signed-bytes helpers built on them. */
class CanonicalizerTest {

    private static String canonical(String json) {
        return new String(Canonicalizer.canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        return StrictJson.defaults().parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Nested
    class Member_order {
        @Test
        void sorts_by_utf16_code_units_not_by_code_points() {
            // U+1F600 is D83D DE00 in UTF-16 and sorts before U+FB33, although its code point is larger.
            assertThat(canonical("{\"\\ufb33\":1,\"\\ud83d\\ude00\":2,\"z\":3}"))
                    .isEqualTo("{\"z\":3,\"\ud83d\ude00\":2,\"\ufb33\":1}");
        }

        @Test
        void sorts_nested_objects_and_keeps_array_order() {
            assertThat(canonical("{\"b\":[{\"y\":1,\"x\":2},3,1],\"a\":{\"d\":{},\"c\":[]}}"))
                    .isEqualTo("{\"a\":{\"c\":[],\"d\":{}},\"b\":[{\"x\":2,\"y\":1},3,1]}");
        }

        @Test
        void drops_insignificant_whitespace() {
            assertThat(canonical(" {\n\t\"a\" : [ 1 , true , null ] ,\r\n \"b\" : \"x y\" } ")).isEqualTo(
                    "{\"a\":[1,true,null],\"b\":\"x y\"}");
        }
    }

    @Nested
    class Strings {
        @Test
        void escapes_only_what_json_stringify_escapes() {
            assertThat(canonical("[\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\\\/\\u007f\\u00e9\\u4e2d\"]"))
                    .isEqualTo("[\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u007f\u00e9\u4e2d\"]");
        }

        @Test
        void writes_non_ascii_as_utf8_bytes() {
            byte[] out = Canonicalizer.canonicalize("[\"\\u4fe1\\ud83d\\ude02\"]".getBytes(StandardCharsets.UTF_8));

            assertThat(out).containsExactly('[', '"', 0xE4, 0xBF, 0xA1, 0xF0, 0x9F, 0x98, 0x82, '"', ']');
        }

        @Test
        void refuses_a_tree_holding_a_lone_surrogate() {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("s", "x\ud800");

            assertThatThrownBy(() -> Canonicalizer.canonicalize(node)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.JSON_INVALID_UNICODE));
        }
    }

    @Nested
    class Signed_bytes {
        private final JsonNode doc = parse("{\"b\":2,\"signature\":{\"v\":\"x\"},\"a\":1,\"z\":[3]}");

        @Test
        void canonicalize_without_leaves_out_only_top_level_members() {
            JsonNode nested = parse("{\"signature\":1,\"p\":{\"signature\":2}}");

            assertThat(text(Canonicalizer.canonicalizeWithout(nested, Set.of("signature"))))
                    .isEqualTo("{\"p\":{\"signature\":2}}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "b", "signature", "z", "absent"})
        void split_matches_separate_canonicalization_wherever_the_member_sorts(String member) {
            Canonicalizer.Split split = Canonicalizer.split(doc, member);

            assertThat(text(split.whole())).isEqualTo(text(Canonicalizer.canonicalize(doc)));
            assertThat(text(split.without())).isEqualTo(text(Canonicalizer.canonicalizeWithout(doc, Set.of(member))));
        }

        @Test
        void split_of_the_only_member_leaves_an_empty_object() {
            Canonicalizer.Split split = Canonicalizer.split(parse("{\"signature\":{}}"), "signature");

            assertThat(text(split.without())).isEqualTo("{}");
        }

        @Test
        void split_without_is_valid_json_that_is_already_canonical() {
            for (String member : new String[] {"a", "b", "signature", "z"}) {
                byte[] without = Canonicalizer.split(doc, member).without();

                assertThat(Canonicalizer.canonicalize(without)).as(member).isEqualTo(without);
                assertThat(parse(text(without)).has(member)).isFalse();
            }
        }
    }
}
