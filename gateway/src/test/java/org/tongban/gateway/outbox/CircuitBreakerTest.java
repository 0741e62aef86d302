package org.tongban.gateway.outbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.gateway.testing.MutableClock;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.outbox.CircuitBreaker.State.CLOSED;
import static org.tongban.gateway.outbox.CircuitBreaker.State.HALF_OPEN;
import static org.tongban.gateway.outbox.CircuitBreaker.State.OPEN;

class CircuitBreakerTest {
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock();
    private CircuitBreaker breaker;

    @BeforeEach
    void closedBreakerOfThree() {
        breaker = new CircuitBreaker(3, OPEN_FOR);
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire(clock.instant())).isTrue();
            breaker.onFailure(clock.instant());
        }
    }

    @Nested
    class Closed {
        @Test
        void lets_everything_through() {
            for (int i = 0; i < 10; i++) {
                assertThat(breaker.tryAcquire(clock.instant())).isTrue();
            }
            assertThat(breaker.admitsClaims(clock.instant())).isTrue();
        }

        @Test
        void opens_at_the_threshold_of_consecutive_failures() {
            fail(2);
            assertThat(breaker.state()).isEqualTo(CLOSED);

            assertThat(breaker.tryAcquire(clock.instant())).isTrue();
            assertThat(breaker.onFailure(clock.instant())).isTrue();

            assertThat(breaker.state()).isEqualTo(OPEN);
        }

        @Test
        void forgets_failures_after_a_success() {
            fail(2);
            breaker.onSuccess();
            fail(2);

            assertThat(breaker.state()).isEqualTo(CLOSED);
        }
    }

    @Nested
    class Open {
        @BeforeEach
        void open() {
            fail(3);
        }

        @Test
        void refuses_requests_and_claims_until_open_for_has_passed() {
            clock.advance(OPEN_FOR.minusMillis(1));

            assertThat(breaker.admitsClaims(clock.instant())).isFalse();
            assertThat(breaker.tryAcquire(clock.instant())).isFalse();
            assertThat(breaker.trialAt()).isEqualTo(MutableClock.DEFAULT_START.plus(OPEN_FOR));
        }

        @Test
        void admits_exactly_one_trial_after_open_for() {
            clock.advance(OPEN_FOR);
            assertThat(breaker.admitsClaims(clock.instant())).isTrue();

            assertThat(breaker.tryAcquire(clock.instant())).isTrue();
            assertThat(breaker.state()).isEqualTo(HALF_OPEN);
            assertThat(breaker.tryAcquire(clock.instant())).isFalse();
            assertThat(breaker.admitsClaims(clock.instant())).isFalse();
        }

        @Test
        void closes_when_the_trial_succeeds() {
            clock.advance(OPEN_FOR);
            breaker.tryAcquire(clock.instant());

            breaker.onSuccess();

            assertThat(breaker.state()).isEqualTo(CLOSED);
            assertThat(breaker.tryAcquire(clock.instant())).isTrue();
        }

        @Test
        void opens_again_for_a_full_period_when_the_trial_fails() {
            clock.advance(OPEN_FOR);
            breaker.tryAcquire(clock.instant());

            assertThat(breaker.onFailure(clock.instant())).isTrue();

            assertThat(breaker.state()).isEqualTo(OPEN);
            assertThat(breaker.trialAt()).isEqualTo(clock.instant().plus(OPEN_FOR));
            assertThat(breaker.tryAcquire(clock.instant())).isFalse();
        }

        @Test
        void a_late_failure_of_a_request_sent_before_it_opened_does_not_extend_it() {
            assertThat(breaker.onFailure(clock.instant().plusSeconds(10))).isFalse();
            assertThat(breaker.trialAt()).isEqualTo(MutableClock.DEFAULT_START.plus(OPEN_FOR));
        }
    }

    @Test
    void gauge_values_are_zero_closed_one_open_two_half_open() {
        assertThat(CLOSED.gauge).isZero();
        assertThat(OPEN.gauge).isEqualTo(1);
        assertThat(HALF_OPEN.gauge).isEqualTo(2);
    }
}
