package org.tongban.adapters.simulator.book;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedCursorTest {
    @Test
    void a_cursor_names_its_position_in_its_own_run() {
        assertThat(FeedCursor.decode(FeedCursor.encode("ab12cd34", 17), "ab12cd34")).isEqualTo(17);
    }

    @Test
    void no_cursor_reads_from_the_beginning() {
        assertThat(FeedCursor.decode(null, "ab12cd34")).isZero();
        assertThat(FeedCursor.decode("", "ab12cd34")).isZero();
    }

    @Test
    void a_cursor_of_an_earlier_run_reads_from_the_beginning() {
        assertThat(FeedCursor.decode(FeedCursor.encode("00000000", 40), "ab12cd34")).isZero();
    }

    @Test
    void a_cursor_that_is_not_ours_is_refused() {
        assertThatThrownBy(() -> FeedCursor.decode("not a cursor!", "ab12cd34")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("x:-3".getBytes()),
                "ab12cd34")).isInstanceOf(IllegalArgumentException.class);
    }
}
