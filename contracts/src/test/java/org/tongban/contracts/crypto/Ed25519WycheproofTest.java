package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project Wycheproof's Ed25519 verification vectors (Apache-2.0, see
 * {@code vectors/wycheproof/LICENSE.upstream}) run through {@link VerificationKey}: every
 * {@code valid} signature is accepted, every {@code invalid} one refused. A public key that
 * fails to decode ({@code KEY_INVALID}) counts as a refusal.
 */
class Ed25519WycheproofTest {
    private static final String RESOURCE = "/vectors/wycheproof/ed25519_test.json";

    private static final List<Case> CASES = new ArrayList<>();
    private static int declaredTests;

    record Case(int tcId, String comment, String publicKeyHex, byte[] msg, byte[] sig, String result) {
        @Override
        public String toString() {
            return "tcId " + tcId + " (" + result + ", " + comment + ")";
        }
    }

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Ed25519WycheproofTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("test resource %s", RESOURCE).isNotNull();
            JsonNode root = new ObjectMapper().readTree(in);
            assertThat(root.path("algorithm").asText()).isEqualTo("EDDSA");
            declaredTests = root.path("numberOfTests").asInt();
            for (JsonNode group : root.path("testGroups")) {
                String pk = group.path("publicKey").path("pk").asText();
                for (JsonNode t : group.path("tests")) {
                    CASES.add(new Case(t.path("tcId").asInt(), t.path("comment").asText(), pk,
                            Digests.unhex(t.path("msg").asText()), Digests.unhex(t.path("sig").asText()),
                            t.path("result").asText()));
                }
            }
        }
    }

    /** Accepts, refuses, or reports a key that does not decode, as a refusal. */
    private static boolean accepts(Case c) {
        byte[] pk = Digests.unhex(c.publicKeyHex());
        VerificationKey key;
        try {
            key = VerificationKey.of(SignatureAlgorithm.ED25519, pk);
        } catch (ContractException e) {
            assertThat(e.code()).as("%s: key decoding fails only as KEY_INVALID", c).isEqualTo(ErrorCode.KEY_INVALID);
            return false;
        }
        return key.verify(c.msg(), c.sig());
    }

    @Test
    void the_vector_file_is_read_whole() {
        assertThat(CASES).hasSize(declaredTests).hasSizeGreaterThanOrEqualTo(150);
        assertThat(CASES).allSatisfy(c -> {
            assertThat(c.msg()).as("%s msg", c).isNotNull();
            assertThat(c.sig()).as("%s sig", c).isNotNull();
        });
    }

    @Test
    void accepts_every_valid_signature() {
        List<Case> valid = CASES.stream().filter(c -> c.result().equals("valid")).toList();
        assertThat(valid).hasSizeGreaterThanOrEqualTo(80);
        List<Case> refused = valid.stream().filter(c -> !accepts(c)).toList();
        assertThat(refused).as("valid vectors refused").isEmpty();
    }

    @Test
    void refuses_every_invalid_signature() {
        List<Case> invalid = CASES.stream().filter(c -> c.result().equals("invalid")).toList();
        assertThat(invalid).hasSizeGreaterThanOrEqualTo(60);
        List<Case> accepted = invalid.stream().filter(Ed25519WycheproofTest::accepts).toList();
        assertThat(accepted).as("invalid vectors accepted").isEmpty();
    }

    @Test
    void reports_how_acceptable_vectors_fare() {
        List<Case> acceptable = CASES.stream().filter(c -> c.result().equals("acceptable")).toList();
        long accepted = acceptable.stream().filter(Ed25519WycheproofTest::accepts).count();
        System.out.printf("Wycheproof Ed25519: %d valid, %d invalid, %d acceptable (%d of them accepted)%n",
                CASES.stream().filter(c -> c.result().equals("valid")).count(),
                CASES.stream().filter(c -> c.result().equals("invalid")).count(), acceptable.size(), accepted);
        assertThat(CASES).allSatisfy(c -> assertThat(c.result()).isIn("valid", "invalid", "acceptable"));
    }
}
