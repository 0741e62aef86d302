package org.tongban.gateway.demo;

import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterFactory;
import org.tongban.adapters.spi.AdapterRegistry;
import org.tongban.adapters.spi.CursorStore;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.devfed.FederationPlan;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Creates a member's adapter the way its node will at start, and drops it unstarted: settings
 * or a mapping the node would refuse are refused here, before the directory or any node changed.
 * Blocking (a mapping file is read): call from the demo's own threads.
 */
final class AdapterCheck {
    /** Feed positions of an adapter that is never started: none, and none saved. */
    private static final CursorStore NOTHING_KEPT = new CursorStore() {
        @Override
        public Future<Optional<String>> load(String feed) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Void> save(String feed, String cursor) {
            return Future.failedFuture(new IllegalStateException("an adapter under check keeps no feed position"));
        }
    };

    private AdapterCheck() {
    }

    /** @throws AdapterConfigException saying what the node would refuse */
    static void check(Vertx vertx, FederationPlan.MemberPlan member, Path baseDir) {
        AdapterFactory factory = AdapterRegistry.load(AdapterCheck.class.getClassLoader()).factory(member.adapterType())
                .orElseThrow(() -> new AdapterConfigException("adapter.type: no adapter '" + member.adapterType()
                        + "' is installed"));
        JsonObject settings = new JsonObject(member.settingsWith((path, value) -> TextNode.valueOf(value)).toString());
        PlatformAdapter adapter = factory.create(new AdapterContext(vertx, MemberId.of(member.id()), settings, NOTHING_KEPT,
                baseDir));
        try {
            adapter.stop().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // an adapter never started has nothing to let go of that outlives it
        }
    }
}
