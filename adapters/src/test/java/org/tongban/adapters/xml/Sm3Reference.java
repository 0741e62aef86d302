package org.tongban.adapters.xml;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;

/**
 * An independent rendering of the {@code xml-hmac} signature for tests: HMAC built by hand from
 * RFC 2104 (block size 64) over the bare SM3 digest, and the string to sign written out from
 * DIALECTS.md, so a mistake in the production signer cannot hide behind itself.
 */
final class Sm3Reference {
    private Sm3Reference() {
    }

    static byte[] sm3(byte[] data) {
        SM3Digest d = new SM3Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static String hmacHex(String key, String message) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length > 64) {
            k = sm3(k);
        }
        byte[] block = new byte[64];
        System.arraycopy(k, 0, block, 0, k.length);
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            ipad[i] = (byte) (block[i] ^ 0x36);
            opad[i] = (byte) (block[i] ^ 0x5c);
        }
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        byte[] inner = new byte[64 + m.length];
        System.arraycopy(ipad, 0, inner, 0, 64);
        System.arraycopy(m, 0, inner, 64, m.length);
        byte[] innerHash = sm3(inner);
        byte[] outer = new byte[64 + 32];
        System.arraycopy(opad, 0, outer, 0, 64);
        System.arraycopy(innerHash, 0, outer, 64, 32);
        return Hex.toHexString(sm3(outer));
    }

    static String signature(String secret, String path, String appKey, String timestamp, String nonce, byte[] body) {
        return hmacHex(secret, "POST\n" + path + "\n" + appKey + "\n" + timestamp + "\n" + nonce + "\n"
                + Hex.toHexString(sm3(body)));
    }
}
