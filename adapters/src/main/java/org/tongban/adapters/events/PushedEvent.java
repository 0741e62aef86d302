package org.tongban.adapters.events;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An event as a platform pushed it, read from the dialect's wire form but not yet checked
 * against the contract. Field names follow DIALECTS.md; times are China Standard Time.
 *
 * @param eventType one of {@code ACCEPTED}, {@code NOT_ACCEPTED}, {@code MATERIALS_REQUESTED},
 *                  {@code REPAIRED}, {@code REFUSED}, {@code PUBLICITY_ENDED}
 */
public record PushedEvent(String eventId, String applicationNo, String externalId, String caseId, String homeMember,
                          String eventType, LocalDateTime occurredAt, String reasonCode, String reasonText,
                          List<Requested> requestedMaterials, LocalDate respondBy, String decisionNo,
                          LocalDate endedOn, List<String> channels) {
    public PushedEvent {
        requestedMaterials = requestedMaterials == null ? List.of() : List.copyOf(requestedMaterials);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** One requested material: its kind and what exactly is wanted. */
    public record Requested(String kind, String description) {
    }
}
