package org.tongban.contracts.crypto;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * SM2 signatures with SM3 over curve sm2p256v1 (GB/T 32918, GM/T 0003), through Bouncy Castle's
 * lightweight API. The signer's identity (user id) is the GM/T 0009 default, the 16 ASCII bytes
 * {@code 1234567812345678}; signatures are DER-encoded {@code SEQUENCE { r, s }}.
 */
final class Sm2 {
    /** The GM/T 0009-2012 default user id. */
    static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(),
            CURVE.getH());
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm2() {
    }

    static ECPublicKeyParameters decodePublic(byte[] encoded) {
        if (encoded.length != 65 || encoded[0] != 0x04) {
            throw new IllegalArgumentException("an SM2 public key is the 65-byte uncompressed point");
        }
        ECPoint q = DOMAIN.getCurve().decodePoint(encoded); // checks that the point is on the curve
        return new ECPublicKeyParameters(q, DOMAIN);
    }

    static ECPrivateKeyParameters decodePrivate(byte[] encoded) {
        BigInteger d = BigIntegers.fromUnsignedByteArray(encoded);
        if (d.signum() <= 0 || d.compareTo(DOMAIN.getN().subtract(BigInteger.ONE)) >= 0) {
            throw new org.tongban.contracts.error.ContractException(
                    org.tongban.contracts.error.ErrorCode.KEY_INVALID, "", "the SM2 private scalar is out of range");
        }
        return new ECPrivateKeyParameters(d, DOMAIN);
    }

    static byte[] generatePrivate(SecureRandom random) {
        BigInteger nMinus1 = DOMAIN.getN().subtract(BigInteger.ONE);
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(256, random);
        } while (d.signum() == 0 || d.compareTo(nMinus1) >= 0);
        return BigIntegers.asUnsignedByteArray(32, d);
    }

    static byte[] publicFromPrivate(ECPrivateKeyParameters key) {
        ECPoint q = new FixedPointCombMultiplier().multiply(DOMAIN.getG(), key.getD()).normalize();
        return q.getEncoded(false);
    }

    static byte[] sign(ECPrivateKeyParameters key, byte[] data) {
        SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key, RANDOM), DEFAULT_USER_ID));
        signer.update(data, 0, data.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    static boolean verify(ECPublicKeyParameters key, byte[] data, byte[] signature) {
        SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(false, new ParametersWithID(key, DEFAULT_USER_ID));
        signer.update(data, 0, data.length);
        try {
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            return false; // malformed DER is simply not a valid signature
        }
    }
}
