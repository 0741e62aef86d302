package org.tongban.adapters.feed;

import org.tongban.adapters.events.PushedEvent;

import java.util.List;
import java.util.Objects;

/**
 * One page of a platform's change feed.
 *
 * @param items  the changes in feed order, each read or refused on its own
 * @param cursor the position after this page, to read the next one with
 * @param more   whether the platform says more changes are ready now
 */
public record ChangePage(List<Item> items, String cursor, boolean more) {
    public ChangePage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(cursor, "cursor");
    }

    /**
     * A change as read (in the vocabulary all dialects share), or why it could not be read: one
     * bad entry does not make the page unreadable, it is refused alone.
     */
    public record Item(String changeId, PushedEvent change, RuntimeException unreadable) {
        public Item {
            if ((change == null) == (unreadable == null)) {
                throw new IllegalArgumentException("an item is either a change or the reason it cannot be read");
            }
        }

        public static Item of(PushedEvent change) {
            return new Item(change.eventId(), change, null);
        }

        public static Item unreadable(String changeId, RuntimeException why) {
            return new Item(changeId, null, why);
        }
    }
}
