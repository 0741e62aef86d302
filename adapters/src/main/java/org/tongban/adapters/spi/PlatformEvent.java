package org.tongban.adapters.spi;

import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.RepairDecision;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a city platform decided about a leg: accepted or not, materials requested, repair
 * decision, publicity ended. The payload is the contract message the gateway will send to the
 * home member.
 *
 * @param eventId the platform's id for the event, unique per platform; the gateway
 *                deduplicates on it, so an adapter may deliver an event more than once
 */
public record PlatformEvent(String eventId, LegRef leg, Payload payload, Instant at) {
    public PlatformEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(at, "at");
        if (!(payload instanceof Acceptance || payload instanceof MaterialsRequest
                || payload instanceof RepairDecision || payload instanceof PublicityEnded)) {
            throw new IllegalArgumentException("a platform event carries an Acceptance, MaterialsRequest, "
                    + "RepairDecision or PublicityEnded, not " + payload.type());
        }
    }
}
