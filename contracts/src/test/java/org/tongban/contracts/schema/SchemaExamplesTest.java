package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example the tests build with the codec validates against its schema. */
class SchemaExamplesTest {

    static Stream<Arguments> signedTypes() {
        return Arrays.stream(MessageType.values())
                .flatMap(t -> Arrays.stream(SignatureAlgorithm.values()).map(a -> Arguments.of(t, a)));
    }

    static Stream<KeyFile> keyFiles() {
        Stream<KeyFile> members = TestDirectory.signed().members().stream()
                .flatMap(m -> Arrays.stream(SignatureAlgorithm.values()).map(a -> TestKeys.member(m.id().value(), a)));
        return Stream.concat(members, Stream.of(TestKeys.anchorKey()))
                .flatMap(k -> Stream.of(k, k.publicOnly()));
    }

    @Nested
    class Envelopes {
        @ParameterizedTest
        @EnumSource(MessageType.class)
        void unsigned_sample_is_valid(MessageType type) {
            assertThat(ContractSchemas.errors(ContractSchemas.ENVELOPE, Examples.json(type))).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaExamplesTest#signedTypes")
        void signed_sample_is_valid(MessageType type, SignatureAlgorithm algorithm) {
            Envelope signed = Examples.signed(type, algorithm);
            assertThat(signed.signature().algorithm()).isEqualTo(algorithm);
            assertThat(ContractSchemas.errors(ContractSchemas.ENVELOPE, signed.toJson())).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(MessageType.class)
        void payload_is_valid_against_its_own_schema(MessageType type) {
            JsonNode payload = Examples.unsigned(type).payload().toJson();
            assertThat(ContractSchemas.errors(type.wireName() + ".schema.json", payload)).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(MessageType.class)
        void sample_stays_valid_with_format_assertions_switched_on(MessageType type) {
            var messages = ContractSchemas.schema(ContractSchemas.ENVELOPE).validate(
                    Examples.signed(type, SignatureAlgorithm.SM2_SM3).toJson(),
                    ctx -> ctx.getExecutionConfig().setFormatAssertionsEnabled(true));
            assertThat(ContractSchemas.describe(messages)).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(MessageType.class)
        void the_codec_reads_the_signed_sample_too(MessageType type) {
            assertThat(Codec.ENVELOPE.violations(Examples.signedJson(type, SignatureAlgorithm.ED25519))).isEmpty();
        }
    }

    @Nested
    class Directory {
        @Test
        void signed_test_directory_is_valid() {
            assertThat(ContractSchemas.errors(ContractSchemas.DIRECTORY, TestDirectory.signed().toJson())).isEmpty();
        }

        @Test
        void unsigned_test_directory_is_valid() {
            assertThat(ContractSchemas.errors(ContractSchemas.DIRECTORY, TestDirectory.unsigned().toJson())).isEmpty();
        }
    }

    @Nested
    class KeyFiles {
        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaExamplesTest#keyFiles")
        void test_key_file_is_valid(KeyFile key) {
            assertThat(ContractSchemas.errors(ContractSchemas.KEY_FILE, key.toJson())).as(key.keyId()).isEmpty();
        }
    }
}
