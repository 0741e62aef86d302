package org.tongban.adapters.simulator;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The adapter's side of xml-hmac signatures, written from DIALECTS.md through the JCA provider
 * (not the simulator's own code), so that a test proves the two agree.
 */
public final class XmlSigner {
    private static final Provider BC = new BouncyCastleProvider();
    private final String appKey;
    private final String secret;

    public XmlSigner(String appKey, String secret) {
        this.appKey = appKey;
        this.secret = secret;
    }

    public Map<String, String> headers(String path, byte[] body, long timestampMillis) {
        byte[] n = new byte[16];
        new SecureRandom().nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        return headers(path, body, timestampMillis, nonce);
    }

    public Map<String, String> headers(String path, byte[] body, long timestampMillis, String nonce) {
        String ts = String.valueOf(timestampMillis);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-App-Key", appKey);
        h.put("X-Timestamp", ts);
        h.put("X-Nonce", nonce);
        h.put("X-Signature", signature(path, ts, nonce, body));
        return h;
    }

    public String signature(String path, String ts, String nonce, byte[] body) {
        try {
            String text = "POST\n" + path + "\n" + appKey + "\n" + ts + "\n" + nonce + "\n"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SM3", BC).digest(body));
            Mac mac = Mac.getInstance("HMACSM3", BC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HMACSM3"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
