package org.tongban.gateway.outbox;

import io.vertx.core.Future;
import org.tongban.adapters.failure.PermanentPlatformException;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;
import org.tongban.gateway.store.OutboxRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Hands received messages to the hosted member's platform adapter, by message type: an
 * application, supplementary materials, a withdrawal. The envelope was verified when it was
 * received; the outbox worker read it back from the store on a worker thread.
 */
public final class AdapterTransport implements PlatformTransport {
    private final Map<MemberId, PlatformAdapter> adapters;

    public AdapterTransport(Map<MemberId, PlatformAdapter> adapters) {
        this.adapters = Map.copyOf(adapters);
    }

    @Override
    public Future<PlatformReceipt> deliver(OutboxRecord record, Envelope e, LegRef leg) {
        PlatformAdapter adapter = adapters.get(record.to());
        if (adapter == null) {
            return Future.failedFuture(new PermanentPlatformException("no_adapter",
                    "member " + record.to() + " has no platform adapter on this node"));
        }
        if (e.payload() instanceof RepairApplication app) {
            return adapter.submitApplication(leg, app);
        }
        if (e.payload() instanceof MaterialsSupplement supplement) {
            return adapter.submitMaterials(leg, supplement);
        }
        if (e.payload() instanceof Withdrawal withdrawal) {
            return adapter.submitWithdrawal(leg, withdrawal);
        }
        return Future.failedFuture(new PermanentPlatformException("unsupported_type",
                "a " + e.type().wireName() + " is not handed to a platform"));
    }
}
