package org.tongban.adapters.simulator.dialect;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The signature of the {@code xml-hmac} dialect: lowercase hex of HMAC-SM3, keyed with the app
 * secret as UTF-8, over {@code POST\n<path>\n<appKey>\n<timestamp>\n<nonce>\n<hex SM3 of the body>}.
 */
public final class HmacSm3 {
    private HmacSm3() {
    }

    /** Lowercase hex SM3 of {@code bytes}. */
    public static String sm3Hex(byte[] bytes) {
        SM3Digest d = new SM3Digest();
        d.update(bytes, 0, bytes.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /** The text that is signed, built in one place so that signer and verifier cannot differ. */
    public static String stringToSign(String path, String appKey, String timestamp, String nonce, byte[] body) {
        return "POST\n" + path + "\n" + appKey + "\n" + timestamp + "\n" + nonce + "\n" + sm3Hex(body);
    }

    public static String sign(String appSecret, String path, String appKey, String timestamp, String nonce, byte[] body) {
        return mac(appSecret, stringToSign(path, appKey, timestamp, nonce, body));
    }

    /** Lowercase hex HMAC-SM3 of {@code text} (UTF-8) with {@code secret} (UTF-8). */
    public static String mac(String secret, String text) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(secret.getBytes(StandardCharsets.UTF_8)));
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /** Compares signatures in constant time, case-insensitively. */
    public static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
