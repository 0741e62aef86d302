package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.MessageType;

import java.time.Instant;

/**
 * An outgoing message in the durable outbox.
 *
 * @param seq          store-wide order of enqueueing
 * @param destination  {@code node:<id>} for a peer node, {@code platform:<member>} for a hosted
 *                     member's credit platform
 * @param orderingKey  messages with one key are delivered in {@code seq} order, one at a time
 *                     (the leg id; the message id for messages outside a leg)
 * @param envelope     canonical JSON of the signed envelope
 * @param receipt      what the destination answered: a peer's signed receipt, or the platform's reference
 */
public record OutboxRecord(long seq, MessageId messageId, String destination, String orderingKey, MessageType type,
                           MemberId to, CaseId caseId, LegId legId, CanonicalJson envelope, OutboxStatus status, int attempts,
                           Instant nextAttemptAt, Instant createdAt, String lastErrorKey, String lastError,
                           Instant deliveredAt, String receipt) {

    public static String nodeDestination(String nodeId) {
        return "node:" + nodeId;
    }

    public static String platformDestination(MemberId member) {
        return "platform:" + member;
    }

    public boolean isForPlatform() {
        return destination.startsWith("platform:");
    }

    /** The peer node id or member id after the prefix. */
    public String destinationId() {
        return destination.substring(destination.indexOf(':') + 1);
    }

    /** A new record to enqueue; the store assigns {@code seq}. */
    public static OutboxRecord pending(MessageId messageId, String destination, String orderingKey, MessageType type,
                                       MemberId to, CaseId caseId, LegId legId, CanonicalJson envelope, Instant now) {
        return new OutboxRecord(0, messageId, destination, orderingKey, type, to, caseId, legId, envelope,
                OutboxStatus.PENDING, 0, now, now, null, null, null, null);
    }
}
