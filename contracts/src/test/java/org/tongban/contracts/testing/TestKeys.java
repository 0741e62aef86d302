package org.tongban.contracts.testing;

import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.SigningKey;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.id.MemberId;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * Fixed, public test keys, derived from their names so that every run and every partner gets the
 * same ones. Never use them outside tests and the golden vectors.
 */
public final class TestKeys {
    public static final OffsetDateTime VALID_FROM = OffsetDateTime.parse("2026-01-01T00:00:00+08:00");
    public static final OffsetDateTime VALID_UNTIL = OffsetDateTime.parse("2031-01-01T00:00:00+08:00");
    private static final BigInteger SM2_N = new BigInteger(
            "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", 16);

    private TestKeys() {
    }

    /** The signing key of a member, e.g. {@code TestKeys.member("330100", ED25519)}; key id {@code 330100-test-ed25519}. */
    public static KeyFile member(String member, SignatureAlgorithm algorithm) {
        String keyId = member + "-test-" + (algorithm == SignatureAlgorithm.ED25519 ? "ed25519" : "sm2");
        return key(keyId, MemberId.of(member), algorithm, VALID_FROM, VALID_UNTIL);
    }

    /** A key with any id, owner and validity, derived from the key id. */
    public static KeyFile key(String keyId, MemberId member, SignatureAlgorithm algorithm, OffsetDateTime from,
                              OffsetDateTime until) {
        SigningKey key = SigningKey.of(algorithm, secret(keyId, algorithm));
        return new KeyFile(algorithm, keyId, member, key.publicKey(), key, from, until);
    }

    /** The federation's test trust anchor (Ed25519), key id {@code anchor-test}. */
    public static KeyFile anchorKey() {
        return key("anchor-test", null, SignatureAlgorithm.ED25519, VALID_FROM, VALID_UNTIL);
    }

    public static TrustAnchor anchor() {
        KeyFile k = anchorKey();
        return new TrustAnchor(k.keyId(), k.publicKey(), k.validFrom(), k.validUntil());
    }

    private static byte[] secret(String name, SignatureAlgorithm algorithm) {
        byte[] h = Digests.sha256(("tongban-test-key:" + name).getBytes(StandardCharsets.UTF_8));
        if (algorithm == SignatureAlgorithm.ED25519) {
            return h;
        }
        BigInteger d = new BigInteger(1, h).mod(SM2_N.subtract(BigInteger.TWO)).add(BigInteger.ONE);
        byte[] out = new byte[32];
        byte[] raw = d.toByteArray();
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }
}
