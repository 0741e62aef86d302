package org.tongban.contracts.crypto;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Base64url has exactly one accepted text per byte string. */
class Base64UrlTest {

    @Nested
    class Accepts {
        @Test
        void the_canonical_unpadded_text() {
            assertThat(Base64Url.decode("-_-_", ErrorCode.SIGNATURE_INVALID, "x")).containsExactly(0xfb, 0xff, 0xbf);
            assertThat(Base64Url.decode("QQ", ErrorCode.SIGNATURE_INVALID, "x")).containsExactly('A');
            assertThat(Base64Url.decode("QUI", ErrorCode.SIGNATURE_INVALID, "x")).containsExactly('A', 'B');
        }

        @Test
        void what_it_encodes_for_every_length() {
            for (int n = 0; n < 70; n++) {
                byte[] bytes = new byte[n];
                for (int i = 0; i < n; i++) {
                    bytes[i] = (byte) (i * 37 + n);
                }
                String text = Base64Url.encode(bytes);
                assertThat(text).doesNotContain("=", "+", "/");
                assertThat(Base64Url.decode(text, ErrorCode.SIGNATURE_INVALID, "x")).isEqualTo(bytes);
            }
        }
    }

    @Nested
    class Refuses {
        @ParameterizedTest
        @ValueSource(strings = {"QQ==", "QUI=", "QQ=", "=", "QUJD===="})
        void padding(String text) {
            assertRefused(text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"+/+/", "-_+_", "ab/c", "a b", "QQ\n", "QU.I", "QUé"})
        void characters_outside_the_url_alphabet(String text) {
            assertRefused(text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"QR", "QUJ", "QUK", "QUL", "Qf", "QUJDRB"})
        void non_zero_unused_trailing_bits(String text) {
            assertRefused(text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Q", "QUJDR", "QUJDRUZHS"})
        void an_impossible_length(String text) {
            assertRefused(text);
        }

        @Test
        void with_the_code_the_caller_chose() {
            assertThatThrownBy(() -> Base64Url.decode("QR", ErrorCode.KEY_INVALID, "the key"))
                    .isInstanceOfSatisfying(ContractException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.KEY_INVALID);
                        assertThat(e.getMessage()).contains("the key");
                    });
        }

        private void assertRefused(String text) {
            assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
            assertThatThrownBy(() -> Base64Url.decode(text, ErrorCode.SIGNATURE_INVALID, "the value"))
                    .isInstanceOfSatisfying(ContractException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
        }
    }
}
