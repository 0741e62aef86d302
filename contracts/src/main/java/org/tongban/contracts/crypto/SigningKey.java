package org.tongban.contracts.crypto;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.security.SecureRandom;

/**
 * A private key held in software. Production deployments may sign in an HSM instead, through
 * {@link MessageSigner}; this class is the software implementation and the key generator.
 *
 * <p>Encodings: Ed25519, the 32-byte seed of RFC 8032; SM2, the 32-byte big-endian scalar d.
 */
public final class SigningKey {
    private final SignatureAlgorithm algorithm;
    private final byte[] encoded;
    private final Ed25519PrivateKeyParameters ed25519;
    private final ECPrivateKeyParameters sm2;
    private final VerificationKey publicKey;

    private SigningKey(SignatureAlgorithm algorithm, byte[] encoded) {
        this.algorithm = algorithm;
        this.encoded = encoded.clone();
        if (encoded.length != 32) {
            throw new ContractException(ErrorCode.KEY_INVALID, "", "a " + algorithm + " private key has 32 bytes");
        }
        if (algorithm == SignatureAlgorithm.ED25519) {
            this.ed25519 = new Ed25519PrivateKeyParameters(encoded, 0);
            this.sm2 = null;
            this.publicKey = VerificationKey.of(algorithm, ed25519.generatePublicKey().getEncoded());
        } else {
            this.ed25519 = null;
            this.sm2 = Sm2.decodePrivate(encoded);
            this.publicKey = VerificationKey.of(algorithm, Sm2.publicFromPrivate(sm2));
        }
    }

    public static SigningKey of(SignatureAlgorithm algorithm, byte[] encoded) {
        return new SigningKey(algorithm, encoded);
    }

    public static SigningKey fromBase64Url(SignatureAlgorithm algorithm, String text) {
        return of(algorithm, Base64Url.decode(text, ErrorCode.KEY_INVALID, "the private key"));
    }

    /** A fresh key from a strong random source. */
    public static SigningKey generate(SignatureAlgorithm algorithm, SecureRandom random) {
        if (algorithm == SignatureAlgorithm.ED25519) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            return of(algorithm, seed);
        }
        return of(algorithm, Sm2.generatePrivate(random));
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public VerificationKey publicKey() {
        return publicKey;
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public String toBase64Url() {
        return Base64Url.encode(encoded);
    }

    /** Signs {@code data}. Ed25519 is deterministic; SM2 draws a fresh nonce each time. */
    public byte[] sign(byte[] data) {
        if (algorithm == SignatureAlgorithm.ED25519) {
            byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
            ed25519.sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, sig, 0);
            return sig;
        }
        return Sm2.sign(sm2, data);
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", public " + publicKey.toBase64Url() + "]";
    }
}
