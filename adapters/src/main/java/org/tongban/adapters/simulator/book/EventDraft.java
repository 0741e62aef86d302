package org.tongban.adapters.simulator.book;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What an event says before the book numbers and dates it. */
public record EventDraft(EventType type, String reasonCode, String reasonText, List<RequestedItem> requested,
                         LocalDate respondBy, String decisionNo, LocalDate endedOn, List<String> channels) {
    public EventDraft {
        Objects.requireNonNull(type, "type");
    }

    public static EventDraft of(EventType type) {
        return new EventDraft(type, null, null, List.of(), null, null, null, List.of());
    }
}
