package org.tongban.contracts.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.util.Arrays;

/**
 * A public key that verifies signatures. The decoded key is kept, so repeated verification
 * does not decode the point again. Immutable and safe to share between threads.
 */
public final class VerificationKey {
    private final SignatureAlgorithm algorithm;
    private final byte[] encoded;
    private final Ed25519PublicKeyParameters ed25519;
    private final ECPublicKeyParameters sm2;

    private VerificationKey(SignatureAlgorithm algorithm, byte[] encoded) {
        this.algorithm = algorithm;
        this.encoded = encoded.clone();
        try {
            if (algorithm == SignatureAlgorithm.ED25519) {
                if (encoded.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                    throw new ContractException(ErrorCode.KEY_INVALID, "", "an Ed25519 public key has 32 bytes");
                }
                this.ed25519 = new Ed25519PublicKeyParameters(encoded, 0);
                this.sm2 = null;
            } else {
                this.ed25519 = null;
                this.sm2 = Sm2.decodePublic(encoded);
            }
        } catch (IllegalArgumentException e) {
            throw new ContractException(ErrorCode.KEY_INVALID, "", "not a valid " + algorithm + " public key");
        }
    }

    /** Decodes a public key, failing with {@code KEY_INVALID}. */
    public static VerificationKey of(SignatureAlgorithm algorithm, byte[] encoded) {
        return new VerificationKey(algorithm, encoded);
    }

    public static VerificationKey fromBase64Url(SignatureAlgorithm algorithm, String text) {
        return of(algorithm, Base64Url.decode(text, ErrorCode.KEY_INVALID, "the public key"));
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public String toBase64Url() {
        return Base64Url.encode(encoded);
    }

    /** True when {@code signature} is a valid signature of {@code data} under this key. */
    public boolean verify(byte[] data, byte[] signature) {
        if (algorithm == SignatureAlgorithm.ED25519) {
            return signature.length == Ed25519.SIGNATURE_SIZE
                    && ed25519.verify(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0);
        }
        return Sm2.verify(sm2, data, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey && ((VerificationKey) o).algorithm == algorithm
                && Arrays.equals(((VerificationKey) o).encoded, encoded);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return algorithm + ":" + toBase64Url();
    }
}
