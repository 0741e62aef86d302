package org.tongban.gateway.store;

/** Where an outgoing message is in its delivery. */
public enum OutboxStatus {
    /** Waiting for its next attempt. */
    PENDING,
    /** Claimed by a node process under a lease; being delivered. */
    IN_FLIGHT,
    /** The destination took it (a peer's signed receipt, or a platform's reference). */
    DELIVERED,
    /** Given up on after the maximum age or a permanent failure; kept for re-drive. */
    DEAD
}
