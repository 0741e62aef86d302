package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.PublicityEndCause;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A penalty notice (处罚信息共享) received by a hosted home member: one row per penalty decision,
 * unique by penalizing member and decision number.
 *
 * @param noticeId            the home node's id of the notice (UUIDv7, in arrival order)
 * @param messageId           the envelope that carried it (a {@code PenaltyNotice} or a batch)
 * @param batchId             the batch's id, when it came in a {@code PenaltyNoticeBatch}
 * @param leafIndex           its position in that batch's hash tree
 * @param earliestApplication first day repair may be applied for under the rules; null when they allow none before the maximum period, or no rule covers it
 * @param automaticEnd        the day publicity ends by itself (免申享); null when no rule covers it
 * @param remindedAt          when the home office was reminded that repair can be applied for (期满提醒)
 * @param endedOn             the day publicity ended, once the penalizing member said so
 * @param caseId              the case opened from this notice, if any
 */
public record NoticeRecord(String noticeId, MemberId homeMember, Enterprise enterprise, PenaltyReference penalty,
                           String summary, LocalDate publishedOn, MessageId messageId, String batchId, Integer leafIndex,
                           Instant receivedAt, LocalDate earliestApplication, LocalDate automaticEnd, Instant remindedAt,
                           LocalDate endedOn, PublicityEndCause endCause, CaseId caseId) {
    public NoticeRecord {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(homeMember, "homeMember");
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A notice just received, not reminded, not ended, without a case. */
    public static NoticeRecord received(String noticeId, MemberId homeMember, PenaltyNotice notice, MessageId messageId,
                                        String batchId, Integer leafIndex, Instant receivedAt,
                                        LocalDate earliestApplication, LocalDate automaticEnd) {
        return new NoticeRecord(noticeId, homeMember, notice.enterprise(), notice.penalty(), notice.summary(),
                notice.publishedOn(), messageId, batchId, leafIndex, receivedAt, earliestApplication, automaticEnd, null,
                null, null, null);
    }

    /** The notice as the contract writes it. */
    public PenaltyNotice notice() {
        return new PenaltyNotice(enterprise, penalty, summary, publishedOn);
    }

    public boolean ended() {
        return endedOn != null;
    }
}
