package org.tongban.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StrictJsonTest {
    /** Small limits so that each one is easy to reach: 200 bytes, depth 3, strings of 5, arrays of 3. */
    private static final StrictJson SMALL = new StrictJson(new JsonLimits(200, 3, 5, 3));
    private static final StrictJson DEFAULTS = StrictJson.defaults();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Violation rejection(StrictJson json, byte[] document) {
        ContractException e = catchThrowableOfType(() -> json.parse(document), ContractException.class);
        assertThat(e).as("parsing should fail with a ContractException").isNotNull();
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0);
    }

    private static Violation rejection(StrictJson json, String document) {
        return rejection(json, utf8(document));
    }

    private static void assertRejected(StrictJson json, String document, ErrorCode code, String pointer) {
        Violation v = rejection(json, document);
        assertThat(v.code()).as("code for %s", document).isEqualTo(code);
        assertThat(v.pointer()).as("pointer for %s", document).isEqualTo(pointer);
        assertThat(v.detail()).isNotBlank();
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    @Nested
    class Document_size {
        @Test
        void accepts_a_document_exactly_at_the_limit() {
            String doc = "[\"" + "a".repeat(5) + "\"" + " ".repeat(200 - 9) + "]";
            assertThat(utf8(doc)).hasSize(200);

            assertThat(SMALL.parse(utf8(doc)).get(0).textValue()).isEqualTo("aaaaa");
        }

        @Test
        void rejects_a_document_one_byte_over_the_limit_with_document_too_large() {
            String doc = "[1" + " ".repeat(200 - 2) + "]";
            assertThat(utf8(doc)).hasSize(201);

            assertRejected(SMALL, doc, ErrorCode.DOCUMENT_TOO_LARGE, "");
        }

        @Test
        void counts_the_given_slice_only() {
            byte[] buffer = utf8("xxxx{\"a\":1}yyyy");

            assertThat(DEFAULTS.parse(buffer, 4, 7).get("a").intValue()).isEqualTo(1);
        }

        @Test
        void default_limit_refuses_a_document_above_four_mebibytes() {
            byte[] doc = new byte[JsonLimits.DEFAULT_MAX_DOCUMENT_BYTES + 1];
            java.util.Arrays.fill(doc, (byte) ' ');
            doc[0] = '[';
            doc[doc.length - 1] = ']';

            assertThat(rejection(DEFAULTS, doc).code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
        }
    }

    @Nested
    class Nesting {
        @Test
        void accepts_nesting_exactly_at_the_limit() {
            assertThat(SMALL.parse(utf8("{\"a\":[{}]}")).at("/a/0").isObject()).isTrue();
        }

        @Test
        void rejects_nesting_one_deeper_with_a_pointer_to_the_too_deep_container() {
            assertRejected(SMALL, "{\"a\":[{\"b\":[]}]}", ErrorCode.NESTING_TOO_DEEP, "/a/0/b");
        }

        @Test
        void default_limit_is_sixteen_levels_with_the_root_as_level_one() {
            String ok = repeat("[", 16) + repeat("]", 16);
            String deep = repeat("[", 17) + repeat("]", 17);

            assertThat(DEFAULTS.parse(utf8(ok)).isArray()).isTrue();
            assertRejected(DEFAULTS, deep, ErrorCode.NESTING_TOO_DEEP, "/0".repeat(16));
        }

        @Test
        void refuses_pathological_depth_without_a_stack_overflow() {
            String deep = repeat("[", 100_000) + repeat("]", 100_000);

            assertThat(rejection(new StrictJson(JsonLimits.LENIENT), deep).code()).isEqualTo(ErrorCode.NESTING_TOO_DEEP);
        }
    }

    @Nested
    class Strings {
        @Test
        void accepts_a_string_exactly_at_the_limit() {
            assertThat(SMALL.parse(utf8("{\"k\":\"12345\"}")).get("k").textValue()).isEqualTo("12345");
        }

        @Test
        void rejects_a_longer_string_with_a_pointer_to_it() {
            assertRejected(SMALL, "{\"k\":[\"ok\",\"123456\"]}", ErrorCode.STRING_TOO_LONG, "/k/1");
        }

        @Test
        void counts_utf16_units_not_bytes() {
            // Five CJK characters are 15 bytes of UTF-8 but five UTF-16 units: within the limit.
            assertThat(SMALL.parse(utf8("[\"信用修复办\"]")).get(0).textValue()).hasSize(5);
            assertRejected(SMALL, "[\"信用修复办理\"]", ErrorCode.STRING_TOO_LONG, "/0");
        }

        @Test
        void rejects_a_too_long_member_name_at_its_object() {
            assertRejected(SMALL, "{\"a\":{\"abcdef\":1}}", ErrorCode.STRING_TOO_LONG, "/a");
        }

        @Test
        void default_limit_applies_to_strings_far_beyond_it() {
            int limit = JsonLimits.DEFAULT_MAX_STRING_CHARS;
            assertThat(DEFAULTS.parse(utf8("[\"" + "x".repeat(limit) + "\"]")).get(0).textValue()).hasSize(limit);

            assertRejected(DEFAULTS, "[\"" + "x".repeat(limit + 1) + "\"]", ErrorCode.STRING_TOO_LONG, "/0");
            assertRejected(DEFAULTS, "{\"s\":\"" + "x".repeat(limit * 8) + "\"}", ErrorCode.STRING_TOO_LONG, "/s");
        }

        @Test
        void default_limit_applies_to_member_names_far_beyond_it() {
            int limit = JsonLimits.DEFAULT_MAX_STRING_CHARS;

            assertRejected(DEFAULTS, "{\"" + "n".repeat(limit + 1) + "\":1}", ErrorCode.STRING_TOO_LONG, "");
            assertRejected(DEFAULTS, "{\"" + "n".repeat(limit * 8) + "\":1}", ErrorCode.STRING_TOO_LONG, "");
        }
    }

    @Nested
    class Arrays {
        @Test
        void accepts_an_array_exactly_at_the_limit() {
            assertThat(SMALL.parse(utf8("{\"a\":[1,2,3]}")).get("a").size()).isEqualTo(3);
        }

        @Test
        void rejects_a_longer_array_with_a_pointer_to_the_array() {
            assertRejected(SMALL, "{\"a\":[[1,2,3,4]]}", ErrorCode.ARRAY_TOO_LONG, "/a/0");
        }

        @Test
        void default_limit_is_ten_thousand_items() {
            String ok = "[" + "0,".repeat(9_999) + "0]";
            String over = "[" + "0,".repeat(10_000) + "0]";

            assertThat(DEFAULTS.parse(utf8(ok)).size()).isEqualTo(10_000);
            assertRejected(DEFAULTS, over, ErrorCode.ARRAY_TOO_LONG, "");
        }
    }

    @Nested
    class Duplicate_members {
        @Test
        void rejects_a_repeated_member_name_at_its_pointer() {
            assertRejected(DEFAULTS, "{\"a\":{\"b\":1,\"c\":2,\"b\":3}}", ErrorCode.JSON_DUPLICATE_KEY, "/a/b");
        }

        @Test
        void rejects_a_repeat_inside_an_array_item() {
            assertRejected(DEFAULTS, "{\"list\":[{},{\"x\":null,\"x\":null}]}", ErrorCode.JSON_DUPLICATE_KEY, "/list/1/x");
        }

        @Test
        void escapes_the_repeated_name_in_the_pointer() {
            assertRejected(DEFAULTS, "{\"a/b~c\":1,\"a/b~c\":2}", ErrorCode.JSON_DUPLICATE_KEY, "/a~1b~0c");
        }

        @Test
        void treats_names_that_differ_only_by_escaping_as_the_same() {
            assertRejected(DEFAULTS, "{\"ab\":1,\"\\u0061b\":2}", ErrorCode.JSON_DUPLICATE_KEY, "/ab");
        }

        @Test
        void accepts_the_same_name_in_different_objects() {
            JsonNode doc = DEFAULTS.parse(utf8("{\"a\":{\"a\":1},\"b\":{\"a\":2}}"));

            assertThat(doc.at("/b/a").intValue()).isEqualTo(2);
        }
    }

    @Nested
    class Unicode {
        @ParameterizedTest
        @ValueSource(strings = {"\\ud800", "\\udc00", "x\\ud83d", "\\ude02\\ud83d", "\\ud83d\\u0041"})
        void rejects_a_lone_surrogate_escape_in_a_string(String escaped) {
            assertRejected(DEFAULTS, "{\"s\":[\"" + escaped + "\"]}", ErrorCode.JSON_INVALID_UNICODE, "/s/0");
        }

        @Test
        void rejects_a_lone_surrogate_escape_in_a_member_name() {
            assertRejected(DEFAULTS, "{\"o\":{\"\\ud800\":1}}", ErrorCode.JSON_INVALID_UNICODE, "/o");
        }

        @Test
        void accepts_a_proper_surrogate_pair() {
            assertThat(DEFAULTS.parse(utf8("[\"\\ud83d\\ude02\"]")).get(0).textValue()).isEqualTo("😂");
        }

        @Test
        void rejects_a_surrogate_encoded_directly_in_utf8() {
            byte[] doc = {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'};

            assertThat(rejection(DEFAULTS, doc)).extracting(Violation::code, Violation::pointer)
                    .containsExactly(ErrorCode.JSON_INVALID_UNICODE, "/0");
        }

        @Test
        void rejects_bytes_that_are_not_utf8() {
            byte[] doc = {'[', '"', (byte) 0xFF, 'a', '"', ']'};

            assertThat(rejection(DEFAULTS, doc).code()).isEqualTo(ErrorCode.JSON_MALFORMED);
        }

        @Test
        void rejects_a_utf8_byte_order_mark() {
            byte[] doc = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

            Violation v = rejection(DEFAULTS, doc);
            assertThat(v.code()).isEqualTo(ErrorCode.JSON_MALFORMED);
            assertThat(v.detail()).containsIgnoringCase("byte order mark");
        }

        @ParameterizedTest
        @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE"})
        void rejects_documents_in_other_unicode_encodings(String charset) {
            byte[] doc = "{\"a\":1}".getBytes(Charset.forName(charset));

            assertThat(rejection(DEFAULTS, doc).code()).isEqualTo(ErrorCode.JSON_MALFORMED);
        }

        @Test
        void rejects_a_one_character_utf16_document() {
            assertThat(rejection(DEFAULTS, "1".getBytes(StandardCharsets.UTF_16LE)).code())
                    .isEqualTo(ErrorCode.JSON_MALFORMED);
        }
    }

    @Nested
    class Malformed_text {
        @ParameterizedTest
        @ValueSource(strings = {"{} x", "{}{}", "[1]]", "1 2", "{\"a\":1}\u0000", "\"a\" \"b\"", "null,"})
        void rejects_content_after_the_value(String doc) {
            assertThat(rejection(DEFAULTS, doc).code()).isEqualTo(ErrorCode.JSON_MALFORMED);
        }

        @Test
        void accepts_whitespace_after_the_value() {
            assertThat(DEFAULTS.parse(utf8("{\"a\":true} \r\n\t ")).get("a").booleanValue()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n\t\r "})
        void rejects_an_empty_document(String doc) {
            Violation v = rejection(DEFAULTS, doc);
            assertThat(v.code()).isEqualTo(ErrorCode.JSON_MALFORMED);
            assertThat(v.pointer()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "[NaN]", "Infinity", "{\"a\":-Infinity}", "[+Infinity]", "[+1]",
                "[01]", "[1.]", "[.5]", "[0x10]", "{'a':1}", "{a:1}", "[1,]", "{\"a\":1,}", "// c\n{}",
                "[\"tab\tinside\"]", "[\"\\x41\"]", "[tru]", "{\"a\" 1}", "[\"unterminated]", "{\"a\":"})
        void rejects_what_rfc_8259_does_not_allow(String doc) {
            assertThat(rejection(DEFAULTS, doc).code()).isEqualTo(ErrorCode.JSON_MALFORMED);
        }

        @Test
        void points_at_the_member_being_read_when_the_text_breaks_off() {
            assertRejected(DEFAULTS, "{\"a\":{\"b\":[1,2,", ErrorCode.JSON_MALFORMED, "/a/b");
        }
    }

    @Nested
    class Numbers {
        @ParameterizedTest
        @ValueSource(strings = {"1e309", "-1e309", "1.8e308", "1e99999999999"})
        void rejects_a_number_beyond_double_range(String number) {
            assertRejected(DEFAULTS, "{\"n\":[0," + number + "]}", ErrorCode.NUMBER_OUT_OF_RANGE, "/n/1");
        }

        @Test
        void rejects_an_integer_beyond_double_range() {
            assertRejected(DEFAULTS, "{\"n\":1" + "0".repeat(309) + "}", ErrorCode.NUMBER_OUT_OF_RANGE, "/n");
            assertRejected(DEFAULTS, "{\"n\":-1" + "0".repeat(309) + "}", ErrorCode.NUMBER_OUT_OF_RANGE, "/n");
        }

        @Test
        void rejects_an_integer_of_a_thousand_digits_as_out_of_range() {
            // The parser refuses such text before it is a value, so the pointer names the enclosing object.
            Violation v = rejection(DEFAULTS, "{\"a\":{\"n\":9" + "9".repeat(999) + "}}");

            assertThat(v.code()).isEqualTo(ErrorCode.NUMBER_OUT_OF_RANGE);
            assertThat(v.pointer()).isIn("/a", "/a/n");
        }

        @Test
        void accepts_the_largest_double_and_large_integers_within_range() {
            JsonNode doc = DEFAULTS.parse(utf8("[1.7976931348623157e308, 1" + "0".repeat(308) + ", 9223372036854775808]"));

            assertThat(doc.get(0).doubleValue()).isEqualTo(Double.MAX_VALUE);
            assertThat(doc.get(1).doubleValue()).isEqualTo(1e308);
            assertThat(doc.get(2).doubleValue()).isEqualTo(9.223372036854775808e18);
        }
    }
}
