package org.tongban.contracts.golden;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed golden vectors are what the writer produces today (all but the randomized SM2
 * signatures, which are written once and only verified), and every signed vector verifies at its
 * {@code sentAt} against the committed directory and anchor.
 */
class GoldenVectorsTest {

    static List<String> signedVectors() {
        return GoldenFolder.signedVectors();
    }

    @Nested
    class Committed {
        @Test
        void every_deterministic_file_is_byte_for_byte_what_the_writer_produces_now() {
            List<String> stale = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : GoldenVectorWriter.deterministicFiles().entrySet()) {
                Path file = GoldenFolder.DIR.resolve(f.getKey());
                if (!Files.exists(file) || !Arrays.equals(GoldenFolder.read(f.getKey()), f.getValue())) {
                    stale.add(f.getKey());
                }
            }
            assertThat(stale).as("golden vectors out of date; re-run GoldenVectorWriter (see golden-vectors/README.md)")
                    .isEmpty();
        }

        @Test
        void the_folder_holds_the_generated_files_and_their_readme_only() throws IOException {
            TreeSet<String> expected = GoldenVectorWriter.allFileNames();
            expected.add("README.md");
            TreeSet<String> present = new TreeSet<>();
            try (Stream<Path> walk = Files.walk(GoldenFolder.DIR)) {
                walk.filter(Files::isRegularFile)
                        .forEach(p -> present.add(GoldenFolder.DIR.relativize(p).toString().replace('\\', '/')));
            }
            assertThat(present).isEqualTo(expected);
            assertThat(expected).hasSize(4 * MessageType.values().length + 9 + 3 + 1);
        }

        @Test
        void each_canonical_file_is_the_canonical_form_of_the_unsigned_example() {
            for (MessageType type : MessageType.values()) {
                byte[] unsigned = GoldenFolder.read(type.wireName() + ".unsigned.json");
                assertThat(Canonicalizer.canonicalize(Envelope.signedView(StrictJson.defaults().parse(unsigned))))
                        .as(type.wireName())
                        .isEqualTo(GoldenFolder.read(type.wireName() + ".canonical"));
            }
        }

        @Test
        void each_sm2_vector_signs_the_committed_canonical_bytes_with_its_senders_key() {
            for (Envelope unsigned : SampleMessages.everyType().values()) {
                String type = unsigned.type().wireName();
                byte[] signed = GoldenFolder.read(GoldenVectorWriter.sm2Name(unsigned.type()));
                JsonNode tree = StrictJson.defaults().parse(signed);
                assertThat(Canonicalizer.canonicalize(Envelope.signedView(tree))).as(type)
                        .isEqualTo(GoldenFolder.read(type + ".canonical"));
                assertThat(tree.at("/signature/alg").textValue()).isEqualTo("SM2-SM3");
                assertThat(tree.at("/signature/keyId").textValue())
                        .isEqualTo(TestKeys.member(unsigned.from().value(), SignatureAlgorithm.SM2_SM3).keyId());
            }
        }

        @ParameterizedTest
        @MethodSource("org.tongban.contracts.golden.GoldenVectorsTest#signedVectors")
        void each_signed_vector_is_in_canonical_form(String name) {
            byte[] bytes = GoldenFolder.read(name);
            assertThat(Canonicalizer.canonicalize(bytes)).isEqualTo(bytes);
        }
    }

    @Nested
    class Verification {
        @Test
        void there_is_an_ed25519_and_an_sm2_vector_of_every_type() {
            assertThat(signedVectors()).hasSize(2 * MessageType.values().length);
        }

        @ParameterizedTest
        @MethodSource("org.tongban.contracts.golden.GoldenVectorsTest#signedVectors")
        void each_signed_vector_verifies_at_its_sent_at(String name) {
            byte[] bytes = GoldenFolder.read(name);
            Instant sentAt = GoldenFolder.sentAt(bytes);

            VerifiedEnvelope v = GoldenFolder.verifierAt(sentAt).verify(bytes);

            assertThat(v.sha256()).isEqualTo(Digests.sha256Hex(bytes));
            assertThat(name).startsWith(v.envelope().type().wireName() + ".");
            assertThat(v.signer().key().algorithm())
                    .isEqualTo(name.endsWith(".sm2.json") ? SignatureAlgorithm.SM2_SM3 : SignatureAlgorithm.ED25519);
        }

        @Test
        void the_directory_verifies_against_the_committed_anchor_and_is_the_test_directory() {
            FederationDirectory d = GoldenFolder.trustStore(SampleMessages.SENT_AT.toInstant()).directory();
            assertThat(d).isEqualTo(TestDirectory.signed());
            assertThat(GoldenFolder.anchor()).isEqualTo(TestKeys.anchor());
        }
    }
}
