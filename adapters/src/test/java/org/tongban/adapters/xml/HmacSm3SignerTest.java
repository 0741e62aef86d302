package org.tongban.adapters.xml;

import org.junit.jupiter.api.Test;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.testing.MutableClock;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HmacSm3SignerTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_795_000_000_123L));
    private final HmacSm3Signer signer = new HmacSm3Signer("hz-app", Secret.of("app-5ecret"), clock, new SecureRandom());

    @Test
    void sm3_matches_the_standards_example() {
        // GB/T 32905-2016 example 1: SM3("abc")
        assertThat(HmacSm3Signer.sm3Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void the_signature_is_hmac_sm3_of_the_documented_string_to_sign() {
        byte[] body = "<Request/>".getBytes(StandardCharsets.UTF_8);

        HmacSm3Signer.SignedHeaders h = signer.sign("/gw/xyxf/apply", body);

        assertThat(h.appKey()).isEqualTo("hz-app");
        assertThat(h.timestamp()).isEqualTo("1795000000123");
        assertThat(h.nonce()).matches("[0-9a-f]{32}");
        assertThat(h.signature()).matches("[0-9a-f]{64}")
                .isEqualTo(Sm3Reference.signature("app-5ecret", "/gw/xyxf/apply", "hz-app", h.timestamp(), h.nonce(), body));
    }

    @Test
    void a_long_secret_is_hashed_first_as_hmac_requires() {
        HmacSm3Signer longKey = new HmacSm3Signer("k", Secret.of("x".repeat(100)), clock, new SecureRandom());
        byte[] body = {1, 2, 3};

        assertThat(longKey.signature("/p", "k", "1", "n", body))
                .isEqualTo(Sm3Reference.signature("x".repeat(100), "/p", "k", "1", "n", body));
    }

    @Test
    void verify_accepts_the_signature_and_refuses_any_change() {
        byte[] body = "<Event/>".getBytes(StandardCharsets.UTF_8);
        HmacSm3Signer.SignedHeaders h = signer.sign("/callbacks/330100", body);

        assertThat(signer.verify("/callbacks/330100", "hz-app", h.timestamp(), h.nonce(), body, h.signature())).isTrue();
        assertThat(signer.verify("/callbacks/330101", "hz-app", h.timestamp(), h.nonce(), body, h.signature())).isFalse();
        assertThat(signer.verify("/callbacks/330100", "hz-app", h.timestamp(), h.nonce(), "<Event></Event>"
                .getBytes(StandardCharsets.UTF_8), h.signature())).isFalse();
        assertThat(signer.verify("/callbacks/330100", "hz-app", "1", h.nonce(), body, h.signature())).isFalse();
    }

    @Test
    void nonces_are_not_reused() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(signer.sign("/p", new byte[0]).nonce())).isTrue();
        }
    }
}
