package org.tongban.gateway.outbox;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Nested
    class Ceiling {
        private final Backoff backoff = new Backoff(SECOND, Duration.ofMinutes(5), new FullJitter(new Random(1)));

        @Test
        void doubles_from_the_initial_wait_per_attempt() {
            assertThat(backoff.ceiling(1)).isEqualTo(SECOND);
            assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
            assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
            assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
        }

        @Test
        void is_capped_at_the_maximum_and_never_overflows() {
            assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
            assertThat(backoff.ceiling(64)).isEqualTo(Duration.ofMinutes(5));
            assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void treats_attempt_zero_like_the_first() {
            assertThat(backoff.ceiling(0)).isEqualTo(SECOND);
        }
    }

    @Nested
    class Waits {
        @Test
        void are_the_seeded_jitter_below_the_ceiling() {
            Backoff backoff = new Backoff(SECOND, Duration.ofMinutes(5), new FullJitter(new Random(42)));
            FullJitter same = new FullJitter(new Random(42));

            for (int attempt = 1; attempt <= 12; attempt++) {
                Duration wait = backoff.after(attempt, null);
                assertThat(wait).isEqualTo(same.below(backoff.ceiling(attempt)))
                        .isBetween(Duration.ZERO, backoff.ceiling(attempt));
            }
        }

        @Test
        void are_never_shorter_than_retry_after() {
            Backoff backoff = new Backoff(SECOND, Duration.ofSeconds(10), new FullJitter(new Random(7)));

            assertThat(backoff.after(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void keep_the_jitter_when_it_is_longer_than_retry_after() {
            Backoff backoff = new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10), new FullJitter(new Random(3)));
            Duration jittered = new FullJitter(new Random(3)).below(Duration.ofMinutes(10));
            assertThat(jittered).isGreaterThan(Duration.ofSeconds(1));

            assertThat(backoff.after(1, Duration.ofSeconds(1))).isEqualTo(jittered);
        }
    }

    @Test
    void refuses_a_maximum_below_the_initial_wait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), SECOND, new FullJitter(new Random())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Jitter {
        @Test
        void spreads_over_the_whole_range_from_zero_to_the_cap() {
            FullJitter jitter = new FullJitter(new Random(11));
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 2_000; i++) {
                long ms = jitter.below(SECOND).toMillis();
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            assertThat(min).isBetween(0L, 20L);
            assertThat(max).isBetween(980L, 1000L);
        }

        @Test
        void is_zero_below_a_zero_cap() {
            assertThat(new FullJitter(new Random()).below(Duration.ZERO)).isZero();
        }
    }
}
