package org.tongban.adapters.http;

import org.junit.jupiter.api.Test;
import org.tongban.adapters.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T02:30:00Z"));

    @Test
    void seconds_are_read() {
        assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void an_http_date_is_read_relative_to_now() {
        assertThat(RetryAfter.parse("Fri, 20 Nov 2026 02:31:30 GMT", clock)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a_date_in_the_past_means_now_and_garbage_means_nothing() {
        assertThat(RetryAfter.parse("Fri, 20 Nov 2026 02:00:00 GMT", clock)).isZero();
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }

    @Test
    void a_huge_wait_is_capped_at_a_day() {
        assertThat(RetryAfter.parse("999999999", clock)).isEqualTo(Duration.ofDays(1));
    }
}
