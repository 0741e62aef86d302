package org.tongban.adapters.xml;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NonceWindowTest {
    private final Instant t0 = Instant.parse("2026-11-21T01:30:00Z");

    @Test
    void a_nonce_is_refused_again_within_the_window_and_accepted_after_it() {
        NonceWindow w = new NonceWindow(Duration.ofSeconds(600), 10);

        assertThat(w.firstUse("a", t0)).isTrue();
        assertThat(w.firstUse("a", t0.plusSeconds(599))).isFalse();
        assertThat(w.firstUse("a", t0.plusSeconds(601))).isTrue();
    }

    @Test
    void when_full_new_nonces_are_refused_until_old_ones_expire() {
        NonceWindow w = new NonceWindow(Duration.ofSeconds(600), 2);
        w.firstUse("a", t0);
        w.firstUse("b", t0.plusSeconds(1));

        assertThat(w.firstUse("c", t0.plusSeconds(2))).isFalse();
        assertThat(w.firstUse("c", t0.plusSeconds(601))).isTrue();
    }
}
