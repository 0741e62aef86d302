package org.tongban.contracts.crypto;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.testing.TestKeys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SM2-with-SM3 as the federation uses it: DER signatures, user id {@code 1234567812345678},
 * keys as the 65-byte uncompressed point. Cross-checked against Bouncy Castle's JCA provider,
 * a code path independent of {@link Sm2}.
 */
class Sm2SignatureTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final ECNamedCurveParameterSpec CURVE = ECNamedCurveTable.getParameterSpec("sm2p256v1");
    private static final byte[] MESSAGE = "{\"type\":\"RepairApplication\",\"to\":\"330100\"}".getBytes(StandardCharsets.UTF_8);

    private final SigningKey key = TestKeys.member("230100", SignatureAlgorithm.SM2_SM3).privateKey();

    @Nested
    class Signing {
        @Test
        void a_signature_verifies_with_the_matching_public_key() {
            byte[] sig = key.sign(MESSAGE);
            assertThat(key.publicKey().verify(MESSAGE, sig)).isTrue();
        }

        @Test
        void a_signature_does_not_verify_other_bytes() {
            byte[] sig = key.sign(MESSAGE);
            byte[] other = MESSAGE.clone();
            other[3] ^= 1;
            assertThat(key.publicKey().verify(other, sig)).isFalse();
        }

        @Test
        void a_signature_does_not_verify_with_another_members_key() {
            byte[] sig = key.sign(MESSAGE);
            VerificationKey hangzhou = TestKeys.member("330100", SignatureAlgorithm.SM2_SM3).publicKey();
            assertThat(hangzhou.verify(MESSAGE, sig)).isFalse();
        }

        @Test
        void signatures_are_randomized_and_each_verifies() {
            byte[] a = key.sign(MESSAGE);
            byte[] b = key.sign(MESSAGE);
            assertThat(a).isNotEqualTo(b);
            assertThat(key.publicKey().verify(MESSAGE, a)).isTrue();
            assertThat(key.publicKey().verify(MESSAGE, b)).isTrue();
        }

        @Test
        void a_signature_is_a_der_sequence_of_r_and_s_within_the_group_order() throws Exception {
            BigInteger n = Sm2.DOMAIN.getN();
            for (int i = 0; i < 20; i++) {
                byte[] sig = key.sign(MESSAGE);
                ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sig));
                assertThat(seq.size()).isEqualTo(2);
                BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
                BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
                assertThat(r).isBetween(BigInteger.ONE, n.subtract(BigInteger.ONE));
                assertThat(s).isBetween(BigInteger.ONE, n.subtract(BigInteger.ONE));
                assertThat(seq.getEncoded("DER")).as("strict DER").isEqualTo(sig);
            }
        }

        @Test
        void malformed_der_is_refused_not_thrown() {
            assertThat(key.publicKey().verify(MESSAGE, new byte[]{0x30, 0x03, 0x02, 0x01})).isFalse();
            assertThat(key.publicKey().verify(MESSAGE, new byte[0])).isFalse();
        }

        @Test
        void a_der_signature_with_trailing_bytes_is_refused() {
            byte[] sig = key.sign(MESSAGE);
            byte[] longer = Arrays.copyOf(sig, sig.length + 1);
            assertThat(key.publicKey().verify(MESSAGE, longer)).isFalse();
        }
    }

    @Nested
    class AgainstTheJcaProvider {
        @Test
        void our_signature_verifies_with_the_providers_sm3_with_sm2() throws Exception {
            byte[] sig = key.sign(MESSAGE);
            Signature jca = Signature.getInstance("SM3withSM2", BC);
            jca.initVerify(jcaPublic(key.publicKey()));
            jca.update(MESSAGE);
            assertThat(jca.verify(sig)).isTrue();
        }

        @Test
        void the_providers_signature_verifies_with_ours() throws Exception {
            Signature jca = Signature.getInstance("SM3withSM2", BC);
            jca.initSign(jcaPrivate(key), new SecureRandom());
            jca.update(MESSAGE);
            byte[] sig = jca.sign();
            assertThat(key.publicKey().verify(MESSAGE, sig)).isTrue();
        }

        @Test
        void the_provider_refuses_our_signature_of_other_bytes() throws Exception {
            byte[] sig = key.sign(MESSAGE);
            Signature jca = Signature.getInstance("SM3withSM2", BC);
            jca.initVerify(jcaPublic(key.publicKey()));
            jca.update("other".getBytes(StandardCharsets.UTF_8));
            assertThat(jca.verify(sig)).isFalse();
        }

        @Test
        void a_signature_made_for_another_user_id_does_not_verify_with_ours() throws CryptoException {
            ECPrivateKeyParameters d = Sm2.decodePrivate(key.encoded());
            SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
            signer.init(true, new ParametersWithID(new ParametersWithRandom(d, new SecureRandom()),
                    "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII)));
            signer.update(MESSAGE, 0, MESSAGE.length);
            byte[] sig = signer.generateSignature();

            assertThat(key.publicKey().verify(MESSAGE, sig)).isFalse();
            // the same signer with the default id is accepted, so the user id alone made the difference
            SM2Signer withDefault = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
            withDefault.init(true, new ParametersWithID(new ParametersWithRandom(d, new SecureRandom()),
                    "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
            withDefault.update(MESSAGE, 0, MESSAGE.length);
            assertThat(key.publicKey().verify(MESSAGE, withDefault.generateSignature())).isTrue();
        }

        private PublicKey jcaPublic(VerificationKey k) throws GeneralSecurityException {
            return KeyFactory.getInstance("EC", BC)
                    .generatePublic(new ECPublicKeySpec(CURVE.getCurve().decodePoint(k.encoded()), CURVE));
        }

        private PrivateKey jcaPrivate(SigningKey k) throws GeneralSecurityException {
            return KeyFactory.getInstance("EC", BC)
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, k.encoded()), CURVE));
        }
    }

    @Nested
    class KeyEncoding {
        @Test
        void a_public_key_is_the_65_byte_uncompressed_point() {
            byte[] encoded = key.publicKey().encoded();
            assertThat(encoded).hasSize(65);
            assertThat(encoded[0]).isEqualTo((byte) 0x04);
            assertThat(VerificationKey.of(SignatureAlgorithm.SM2_SM3, encoded)).isEqualTo(key.publicKey());
        }

        @Test
        void a_private_key_is_the_32_byte_scalar_and_round_trips() {
            assertThat(key.encoded()).hasSize(32);
            assertThat(SigningKey.of(SignatureAlgorithm.SM2_SM3, key.encoded()).publicKey()).isEqualTo(key.publicKey());
        }

        @Test
        void a_point_not_on_the_curve_is_key_invalid() {
            byte[] encoded = key.publicKey().encoded();
            encoded[64] ^= 1; // y changed: (x, y') is not on sm2p256v1
            assertKeyInvalid(encoded);
        }

        @Test
        void a_compressed_point_is_key_invalid() {
            byte[] full = key.publicKey().encoded();
            byte[] compressed = Arrays.copyOf(full, 33);
            compressed[0] = (byte) (2 + (full[64] & 1));
            assertKeyInvalid(compressed);
        }

        @Test
        void a_wrong_prefix_or_length_is_key_invalid() {
            byte[] encoded = key.publicKey().encoded();
            encoded[0] = 0x06;
            assertKeyInvalid(encoded);
            assertKeyInvalid(Arrays.copyOf(key.publicKey().encoded(), 64));
        }

        @Test
        void a_private_scalar_of_zero_or_the_group_order_is_key_invalid() {
            assertThatThrownBy(() -> SigningKey.of(SignatureAlgorithm.SM2_SM3, new byte[32]))
                    .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_INVALID));
            byte[] n = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, Sm2.DOMAIN.getN());
            assertThatThrownBy(() -> SigningKey.of(SignatureAlgorithm.SM2_SM3, n))
                    .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_INVALID));
        }

        private void assertKeyInvalid(byte[] encoded) {
            assertThatThrownBy(() -> VerificationKey.of(SignatureAlgorithm.SM2_SM3, encoded))
                    .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_INVALID));
        }
    }
}
