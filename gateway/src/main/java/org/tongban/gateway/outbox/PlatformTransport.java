package org.tongban.gateway.outbox;

import io.vertx.core.Future;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.message.Envelope;
import org.tongban.gateway.store.OutboxRecord;

/**
 * How the outbox hands a received message to a hosted member's credit platform.
 * {@link AdapterTransport} calls the member's {@link org.tongban.adapters.spi.PlatformAdapter}.
 */
public interface PlatformTransport {
    /**
     * Hands over the message of a {@code platform:<member>} record for {@code leg}; {@code envelope}
     * is the record's envelope, already read back. Fails with whatever the adapter failed with,
     * for {@link org.tongban.adapters.failure.FailureClassifier}.
     */
    Future<PlatformReceipt> deliver(OutboxRecord record, Envelope envelope, LegRef leg);
}
