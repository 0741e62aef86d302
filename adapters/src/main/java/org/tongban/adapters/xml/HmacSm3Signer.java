package org.tongban.adapters.xml;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.tongban.adapters.config.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@code xml-hmac} request signature, the same in both directions: lowercase hex of
 * HMAC-SM3 (key: the app secret as UTF-8) over
 * {@code POST\n<path>\n<appKey>\n<timestamp>\n<nonce>\n<hex SM3 of the body as sent>}.
 * Cheap for event-sized bodies (microseconds), so it runs where the request is built.
 */
final class HmacSm3Signer {
    static final String APP_KEY = "X-App-Key";
    static final String TIMESTAMP = "X-Timestamp";
    static final String NONCE = "X-Nonce";
    static final String SIGNATURE = "X-Signature";

    private final String appKey;
    private final Secret appSecret;
    private final Clock clock;
    private final SecureRandom random;

    HmacSm3Signer(String appKey, Secret appSecret, Clock clock, SecureRandom random) {
        this.appKey = Objects.requireNonNull(appKey, "appKey");
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The four headers for a request to {@code path} with {@code body}: a fresh timestamp and nonce. */
    SignedHeaders sign(String path, byte[] body) {
        String timestamp = Long.toString(clock.millis());
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = Hex.toHexString(n);
        return new SignedHeaders(appKey, timestamp, nonce, signature(path, appKey, timestamp, nonce, body));
    }

    String appKey() {
        return appKey;
    }

    /** Whether {@code presented} is the signature of these values, compared in constant time. */
    boolean verify(String path, String key, String timestamp, String nonce, byte[] body, String presented) {
        byte[] expected = signature(path, key, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }

    String signature(String path, String key, String timestamp, String nonce, byte[] body) {
        return hmacSm3Hex(appSecret.reveal().getBytes(StandardCharsets.UTF_8),
                stringToSign(path, key, timestamp, nonce, body));
    }

    /** The exact bytes signed, apart from the wire form (so both sides can be checked against it). */
    static byte[] stringToSign(String path, String key, String timestamp, String nonce, byte[] body) {
        return ("POST\n" + path + "\n" + key + "\n" + timestamp + "\n" + nonce + "\n" + sm3Hex(body))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String sm3Hex(byte[] data) {
        SM3Digest d = new SM3Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    static String hmacSm3Hex(byte[] key, byte[] message) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    /** The signature headers of one request. */
    record SignedHeaders(String appKey, String timestamp, String nonce, String signature) {
    }
}
