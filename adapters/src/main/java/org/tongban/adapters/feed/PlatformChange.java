package org.tongban.adapters.feed;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a platform's change feed, read by a dialect into the vocabulary of
 * {@code adapters/DIALECTS.md}: dates parsed, enum values already mapped to contract names
 * (checked by {@link EventAssembler}, so that a value not listed is refused as bad data).
 *
 * @param changeId           the platform's id of the change, unique per platform (the event id)
 * @param applicationId      the platform's application number, or {@code null}
 * @param legId              the external id Tongban sent (the leg id)
 * @param caseId             the case id Tongban sent
 * @param homeMember         the home member Tongban sent
 * @param type               {@code ACCEPTED}, {@code NOT_ACCEPTED}, {@code MATERIALS_REQUESTED},
 *                           {@code REPAIRED}, {@code REFUSED} or {@code PUBLICITY_ENDED}
 * @param at                 when it happened, with its offset
 * @param reasonCode         a {@link org.tongban.contracts.message.ReasonCode} name, or {@code null}
 * @param reasonText         free text, or {@code null}
 * @param requested          materials asked for (补正), possibly none
 * @param respondBy          last day for the supplement, or {@code null}
 * @param decisionNo         the repair decision's number, or {@code null}
 * @param endedOn            the day publicity ended, or {@code null}
 * @param channels           {@link org.tongban.contracts.message.PublicityChannel} names, possibly none
 */
public record PlatformChange(String changeId, String applicationId, String legId, String caseId, String homeMember,
                             String type, OffsetDateTime at, String reasonCode, String reasonText,
                             List<Requested> requested, LocalDate respondBy, String decisionNo, LocalDate endedOn,
                             List<String> channels) {
    public PlatformChange {
        Objects.requireNonNull(changeId, "changeId");
        requested = requested == null ? List.of() : List.copyOf(requested);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** One material asked for: a {@link org.tongban.contracts.message.MaterialKind} name and what is missing. */
    public record Requested(String kind, String description) {
    }
}
