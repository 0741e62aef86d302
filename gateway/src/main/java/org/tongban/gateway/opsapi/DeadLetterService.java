package org.tongban.gateway.opsapi;

import org.tongban.gateway.store.DeadLetterFilter;
import org.tongban.gateway.store.OutboxRecord;

import java.util.List;

/**
 * Dead letters as operators handle them: messages the outbox gave up on, and putting them back
 * in the queue once the cause is fixed. Implemented by the outbox worker, which knows how to
 * re-sign a message whose lifetime ran out and records each re-drive in the audit log and the
 * leg's timeline. Every method blocks: call it from a worker thread.
 */
public interface DeadLetterService {
    /** Dead letters, oldest first. */
    List<OutboxRecord> list(DeadLetterFilter filter);

    /** Puts one dead letter back to pending; false when {@code seq} is not a dead letter. */
    boolean redrive(long seq, String actor);

    /** Puts every dead letter of one destination back to pending; returns how many. */
    int redriveAll(String destination, String actor);
}
