package org.tongban.adapters.simulator.book;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursors of the simulator's feeds: a position in a feed, bound to one run of the
 * book. A cursor from an earlier run (before a restart or reset) reads from the beginning, as
 * the feed it pointed into is gone; a cursor that is not one of ours is refused.
 */
public final class FeedCursor {
    private FeedCursor() {
    }

    public static String encode(String runId, long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((runId + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The position after which to read: 0 for {@code null} or empty (the beginning) and for a
     * cursor of another run.
     *
     * @throws IllegalArgumentException when the text is not a cursor of this simulator
     */
    public static long decode(String cursor, String runId) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this platform");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this platform");
        }
        long position;
        try {
            position = Long.parseLong(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this platform");
        }
        if (position < 0) {
            throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this platform");
        }
        return text.substring(0, colon).equals(runId) ? position : 0;
    }
}
