package org.tongban.contracts.crypto;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.testing.TestKeys;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure Ed25519 (RFC 8032) through {@link SigningKey} and {@link VerificationKey}. */
class Ed25519SignatureTest {
    private static final byte[] MESSAGE = "{\"type\":\"StatusQuery\"}".getBytes(StandardCharsets.UTF_8);

    @Nested
    class Rfc8032Section71 {
        @ParameterizedTest(name = "TEST {0}")
        @CsvSource(delimiter = '|', value = {
                "1|9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
                        + "|d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a|''"
                        + "|e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                "2|4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"
                        + "|3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c|72"
                        + "|92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
                "3|c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"
                        + "|fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025|af82"
                        + "|6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        })
        void signs_and_verifies_the_rfc_vector(int test, String secret, String publicKey, String message, String signature) {
            SigningKey key = SigningKey.of(SignatureAlgorithm.ED25519, Digests.unhex(secret));
            byte[] msg = Digests.unhex(message);

            assertThat(Digests.hex(key.publicKey().encoded())).isEqualTo(publicKey);
            assertThat(Digests.hex(key.sign(msg))).isEqualTo(signature);
            VerificationKey pub = VerificationKey.of(SignatureAlgorithm.ED25519, Digests.unhex(publicKey));
            assertThat(pub.verify(msg, Digests.unhex(signature))).isTrue();
            byte[] bad = Digests.unhex(signature);
            bad[0] ^= 1;
            assertThat(pub.verify(msg, bad)).isFalse();
        }
    }

    @Nested
    class Signing {
        private final SigningKey key = TestKeys.member("330100", SignatureAlgorithm.ED25519).privateKey();

        @Test
        void signing_is_deterministic() {
            assertThat(key.sign(MESSAGE)).isEqualTo(key.sign(MESSAGE)).hasSize(64);
        }

        @Test
        void a_signature_does_not_verify_other_bytes_or_another_key() {
            byte[] sig = key.sign(MESSAGE);
            byte[] other = MESSAGE.clone();
            other[0] ^= 1;
            assertThat(key.publicKey().verify(MESSAGE, sig)).isTrue();
            assertThat(key.publicKey().verify(other, sig)).isFalse();
            assertThat(TestKeys.member("230100", SignatureAlgorithm.ED25519).publicKey().verify(MESSAGE, sig)).isFalse();
        }

        @Test
        void a_signature_of_the_wrong_length_is_refused() {
            byte[] sig = key.sign(MESSAGE);
            assertThat(key.publicKey().verify(MESSAGE, java.util.Arrays.copyOf(sig, 63))).isFalse();
            assertThat(key.publicKey().verify(MESSAGE, java.util.Arrays.copyOf(sig, 65))).isFalse();
        }

        @Test
        void a_public_key_of_the_wrong_length_is_key_invalid() {
            assertThatThrownBy(() -> VerificationKey.of(SignatureAlgorithm.ED25519, new byte[31]))
                    .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_INVALID));
            assertThatThrownBy(() -> SigningKey.of(SignatureAlgorithm.ED25519, new byte[33]))
                    .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_INVALID));
        }
    }
}
