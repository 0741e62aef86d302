package org.tongban.adapters.spi;

import io.vertx.core.Future;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;

/**
 * What the gateway needs from one city's credit platform (信用平台), in the platform's own
 * dialect behind this interface. Only contract types cross it, never gateway internals.
 *
 * <p>Every call may be retried by the gateway's durable outbox; an adapter must therefore be
 * idempotent per leg (platforms are given the leg id as the idempotency key where they support
 * one). Failures are reported as failed futures; {@link org.tongban.adapters.failure.FailureClassifier}
 * decides whether they are retried.
 */
public interface PlatformAdapter {
    /** Starts listening or polling for platform events, which go to {@code sink}. */
    Future<Void> start(PlatformEventSink sink);

    Future<Void> stop();

    /** Hands over a repair application; completes with the platform's reference. */
    Future<PlatformReceipt> submitApplication(LegRef leg, RepairApplication application);

    /** Hands over supplementary materials for a leg the platform already knows. */
    Future<PlatformReceipt> submitMaterials(LegRef leg, MaterialsSupplement supplement);

    /** Withdraws the application of a leg. */
    Future<PlatformReceipt> submitWithdrawal(LegRef leg, Withdrawal withdrawal);

    /**
     * Reads the penalty decisions this platform published after {@code cursor} ({@code null}:
     * from the beginning of the feed), at most {@code limit}, for sharing with the enterprises'
     * home members. A platform without a penalty feed answers an empty page with the same cursor.
     */
    default Future<PenaltyPage> readPenalties(String cursor, int limit) {
        return Future.succeededFuture(new PenaltyPage(java.util.List.of(), cursor == null ? "" : cursor, false));
    }

    Future<AdapterHealth> health();
}
