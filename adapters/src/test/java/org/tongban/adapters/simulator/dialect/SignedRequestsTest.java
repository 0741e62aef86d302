package org.tongban.adapters.simulator.dialect;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SignedRequestsTest {
    private static final byte[] BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Request><ExternalId>x</ExternalId></Request>"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void sm3_of_abc_is_the_standard_test_vector() {
        // GB/T 32905-2016, example 1
        assertThat(HmacSm3.sm3Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void the_signed_text_has_the_dialects_six_lines() {
        assertThat(HmacSm3.stringToSign("/xyxf/apply", "app-1", "1700000000000", "0123456789abcdef0123456789abcdef",
                "abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("POST\n/xyxf/apply\napp-1\n1700000000000\n0123456789abcdef0123456789abcdef\n"
                        + "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void the_signature_is_64_lowercase_hex_and_depends_on_key_and_text() {
        String a = HmacSm3.mac("secret", "text");
        assertThat(a).matches("[0-9a-f]{64}");
        assertThat(HmacSm3.mac("secret2", "text")).isNotEqualTo(a);
        assertThat(HmacSm3.mac("secret", "text2")).isNotEqualTo(a);
    }

    @Nested
    class Verification {
        final Clock clock = Clock.fixed(Instant.parse("2026-11-21T02:00:00Z"), ZoneOffset.UTC);
        final SignedRequests platform = new SignedRequests("app-1", "s3cret", clock);

        @Test
        void a_request_signed_with_the_shared_secret_passes_once() {
            SignedRequests.Headers h = new SignedRequests("app-1", "s3cret", clock).sign("/xyxf/apply", BODY);

            assertThat(platform.verify("/xyxf/apply", BODY, h.asMap()::get)).isEmpty();
            assertThat(platform.verify("/xyxf/apply", BODY, h.asMap()::get)).map(SignedRequests.Refusal::code)
                    .contains("4001");
        }

        @Test
        void a_changed_body_path_or_secret_is_refused_with_4001() {
            SignedRequests.Headers h = new SignedRequests("app-1", "s3cret", clock).sign("/xyxf/apply", BODY);
            byte[] changed = BODY.clone();
            changed[changed.length - 20] ^= 1;

            assertThat(platform.verify("/xyxf/apply", changed, h.asMap()::get)).map(SignedRequests.Refusal::code).contains("4001");
            assertThat(platform.verify("/xyxf/withdraw", BODY, h.asMap()::get)).map(SignedRequests.Refusal::code).contains("4001");
            SignedRequests.Headers wrongKey = new SignedRequests("app-1", "other", clock).sign("/xyxf/apply", BODY);
            assertThat(platform.verify("/xyxf/apply", BODY, wrongKey.asMap()::get)).map(SignedRequests.Refusal::code)
                    .contains("4001");
        }

        @Test
        void a_timestamp_more_than_300_seconds_away_is_refused_with_4002() {
            Clock late = Clock.offset(clock, java.time.Duration.ofSeconds(301));
            SignedRequests.Headers h = new SignedRequests("app-1", "s3cret", late).sign("/xyxf/apply", BODY);

            assertThat(platform.verify("/xyxf/apply", BODY, h.asMap()::get)).map(SignedRequests.Refusal::code).contains("4002");
        }

        @Test
        void missing_headers_are_refused() {
            Optional<SignedRequests.Refusal> r = platform.verify("/xyxf/apply", BODY, Map.<String, String>of()::get);
            assertThat(r).map(SignedRequests.Refusal::code).contains("4001");
        }
    }
}
