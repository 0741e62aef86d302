package org.tongban.adapters.events;

import io.vertx.core.Future;
import org.tongban.adapters.spi.CursorStore;
import org.tongban.adapters.spi.LegRef;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.message.RepairApplication;

import java.util.Objects;
import java.util.Optional;

/**
 * The applications an adapter submitted, kept durably in the gateway's adapter store (one
 * entry per leg, named {@code leg:<legId>}) so that an event arriving after a restart can
 * still be completed. Saved before the platform sees the application, so no event can come
 * for a leg that is not remembered.
 */
public final class AppliedLegs {
    static final String PREFIX = "leg:";

    private final CursorStore store;

    public AppliedLegs(CursorStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public Future<Void> remember(LegRef leg, RepairApplication application) {
        return store.save(PREFIX + leg.legId(), new AppliedLeg(application.enterprise(), application.penalty()).toJson());
    }

    public Future<Optional<AppliedLeg>> recall(LegId leg) {
        return store.load(PREFIX + leg).map(o -> o.map(AppliedLeg::fromJson));
    }
}
