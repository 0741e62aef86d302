package org.tongban.gateway.outbox;

import io.vertx.core.Future;
import org.tongban.contracts.crypto.TrustStore;

/**
 * How the outbox reaches a peer node: one signed envelope out, the receiving member's signed
 * receipt back. {@link PeerClient} is the HTTP implementation.
 */
public interface PeerTransport {
    /**
     * Delivers the canonical bytes of a signed envelope to the federation API of node
     * {@code nodeId}. Completes with the body of a {@code 200} answer (the receipt, not yet
     * checked); fails with a {@link org.tongban.adapters.failure.PlatformException} for any other
     * answer, or with the transport's exception, for
     * {@link org.tongban.adapters.failure.FailureClassifier} to judge.
     */
    Future<byte[]> deliver(String nodeId, byte[] envelope);

    /** The member keys of the federation directory in force, which verify the peers' receipts. */
    TrustStore trustStore();
}
