package org.tongban.gateway.office.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 over a JWS signing input (RFC 7515 §5.1), the one algorithm our tokens use. The
 * key is copied on construction so a caller wiping its array cannot change it under us.
 */
final class Hs256 {
    /** RFC 7518 §3.2: the key must be at least as long as the hash output. */
    static final int MIN_SECRET_BYTES = 32;
    private static final String JCA_NAME = "HmacSHA256";

    private final SecretKeySpec key;

    Hs256(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            // The length only: the secret itself is never put in a message.
            throw new IllegalArgumentException("the token secret needs at least " + MIN_SECRET_BYTES + " bytes; it has "
                    + (secret == null ? 0 : secret.length));
        }
        this.key = new SecretKeySpec(secret.clone(), JCA_NAME);
    }

    byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance(JCA_NAME);
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256; failing here is a broken JVM, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time comparison, so timing does not reveal how many leading bytes matched. */
    boolean verify(String signingInput, byte[] signature) {
        return MessageDigest.isEqual(sign(signingInput), signature);
    }
}
