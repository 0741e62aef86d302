package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.MessageType;

import java.time.Instant;

/**
 * A received message, stored before it was answered, with the signed receipt it was answered
 * with. The inbox is keyed by message id: a duplicate gets {@link #receipt()} again.
 *
 * @param envelope canonical JSON of the envelope as received
 * @param receipt  canonical JSON of the signed receipt envelope
 */
public record InboxRecord(MessageId messageId, MemberId from, MemberId to, MessageType type, CaseId caseId, LegId legId,
                          String sha256, CanonicalJson envelope, String receipt, Instant receivedAt) {
}
