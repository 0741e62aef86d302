package org.tongban.adapters.feed;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollBackoffTest {
    private final PollBackoff backoff = new PollBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60), new Random(7));

    @Test
    void the_cap_doubles_from_the_poll_interval_up_to_max_backoff() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void waits_are_jittered_within_the_upper_half_of_the_cap() {
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration wait = backoff.after(3, null);
            assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
            seen.add(wait);
        }
        assertThat(seen).hasSizeGreaterThan(50);
    }

    @Test
    void retry_after_is_honoured_even_beyond_max_backoff() {
        assertThat(backoff.after(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(1, Duration.ofMillis(1))).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void refuses_a_max_below_the_base() {
        assertThatThrownBy(() -> new PollBackoff(Duration.ofSeconds(10), Duration.ofSeconds(5), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
