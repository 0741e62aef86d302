package org.tongban.adapters.simulator.dialect;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Signs requests and checks signed ones for the {@code xml-hmac} dialect, both directions:
 * the key, a timestamp within {@value #WINDOW_SECONDS} s of this clock, a nonce not seen in the
 * last {@value #NONCE_MEMORY_SECONDS} s, and the HMAC-SM3 signature.
 */
public final class SignedRequests {
    public static final long WINDOW_SECONDS = 300;
    public static final long NONCE_MEMORY_SECONDS = 600;
    private static final Pattern NONCE = Pattern.compile("[0-9a-fA-F]{32}");

    /** The four signature headers. */
    public record Headers(String appKey, String timestamp, String nonce, String signature) {
        public Map<String, String> asMap() {
            return Map.of("X-App-Key", appKey, "X-Timestamp", timestamp, "X-Nonce", nonce, "X-Signature", signature);
        }
    }

    /** Why a request was refused: the dialect's body code and a message. */
    public record Refusal(String code, String message) {
    }

    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> seenNonces = new LinkedHashMap<>();

    public SignedRequests(String appKey, String appSecret, Clock clock) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
    }

    public Headers sign(String path, byte[] body) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        String ts = String.valueOf(clock.millis());
        return new Headers(appKey, ts, nonce, HmacSm3.sign(appSecret, path, appKey, ts, nonce, body));
    }

    /**
     * Checks a received request; empty when it is good.
     *
     * @param header the request's headers by name
     */
    public java.util.Optional<Refusal> verify(String path, byte[] body, Function<String, String> header) {
        String key = header.apply("X-App-Key");
        String ts = header.apply("X-Timestamp");
        String nonce = header.apply("X-Nonce");
        String signature = header.apply("X-Signature");
        if (key == null || ts == null || nonce == null || signature == null) {
            return refusal("4001", "签名无效：缺少 X-App-Key、X-Timestamp、X-Nonce 或 X-Signature");
        }
        if (!appKey.equals(key)) {
            return refusal("4001", "签名无效：未知的 X-App-Key " + key);
        }
        long millis;
        try {
            millis = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return refusal("4002", "时间戳无效：" + ts);
        }
        if (Math.abs(clock.millis() - millis) > Duration.ofSeconds(WINDOW_SECONDS).toMillis()) {
            return refusal("4002", "时间戳超出允许范围（±" + WINDOW_SECONDS + " 秒）");
        }
        if (!NONCE.matcher(nonce).matches()) {
            return refusal("4001", "签名无效：X-Nonce 须为 32 位十六进制");
        }
        if (!HmacSm3.matches(HmacSm3.sign(appSecret, path, key, ts, nonce, body), signature)) {
            return refusal("4001", "签名无效");
        }
        if (!remember(nonce.toLowerCase(java.util.Locale.ROOT))) {
            return refusal("4001", "签名无效：X-Nonce 已使用");
        }
        return java.util.Optional.empty();
    }

    private synchronized boolean remember(String nonce) {
        long now = clock.millis();
        long oldest = now - Duration.ofSeconds(NONCE_MEMORY_SECONDS).toMillis();
        for (Iterator<Long> it = seenNonces.values().iterator(); it.hasNext(); ) {
            if (it.next() < oldest) {
                it.remove();
            } else {
                break;
            }
        }
        return seenNonces.putIfAbsent(nonce, now) == null;
    }

    private static java.util.Optional<Refusal> refusal(String code, String message) {
        return java.util.Optional.of(new Refusal(code, message));
    }
}
