package org.tongban.gateway.store;

import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyReference;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A penalty a hosted member shared with the enterprise's home member: the penalizing side's
 * record, kept so that the end of publicity at the maximum period (免申享) is shared once.
 *
 * @param messageId     the envelope that shared it (a notice or a batch); the end message is delivered after it
 * @param automaticEnd  the day publicity ends by itself; null when no rule covers the penalty
 * @param endedAt       when the end of publicity was recorded and queued for the home member
 * @param endMessageId  the {@code PublicityEnded} sent, or null when the home member could not be reached
 */
public record SharedPenaltyRecord(MemberId homeMember, Enterprise enterprise, PenaltyReference penalty,
                                  MessageId messageId, Instant sharedAt, LocalDate automaticEnd, Instant endedAt,
                                  MessageId endMessageId) {
    public SharedPenaltyRecord {
        Objects.requireNonNull(homeMember, "homeMember");
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sharedAt, "sharedAt");
    }
}
