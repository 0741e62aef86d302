package org.tongban.adapters.simulator.book;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One event of the platform about one application, as every dialect reports it (pushed to the
 * callback URL or listed in the change feed).
 *
 * @param seq position in the platform's change feed, from 1
 */
public record EventRecord(String eventId, long seq, String applicationNo, String externalId, String caseId,
                          String homeMember, EventType type, OffsetDateTime occurredAt, String reasonCode,
                          String reasonText, List<RequestedItem> requested, LocalDate respondBy, String decisionNo,
                          LocalDate endedOn, List<String> channels) {
    public EventRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        requested = requested == null ? List.of() : List.copyOf(requested);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
