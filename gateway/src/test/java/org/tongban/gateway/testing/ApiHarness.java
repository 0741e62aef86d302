package org.tongban.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.tongban.gateway.office.OfficeApi;
import org.tongban.gateway.opsapi.HealthChecks;
import org.tongban.gateway.opsapi.OpsApi;

import java.nio.file.Path;
import java.util.List;

/**
 * The office and ops APIs of one node, each on its own real HTTP server on a random port, over
 * {@link TestNodeParts}. Dead letters are served by {@link StoreDeadLetters}. The test's Web
 * Clients run on a Vert.x of their own, so the node's event loops carry only the node's work.
 */
public final class ApiHarness implements AutoCloseable {
    private final Vertx vertx;
    private final Vertx clients = Vertx.vertx();
    private final TestNodeParts parts;
    private final HealthChecks health = new HealthChecks();
    private final StoreDeadLetters deadLetters;
    private final OfficeApi officeApi;
    private final TestHttp office;
    private final TestHttp ops;

    private ApiHarness(Vertx vertx, Path dir) {
        this.vertx = vertx;
        this.parts = TestNodeParts.create(dir);
        this.deadLetters = new StoreDeadLetters(parts.store(), parts.clock());
        this.officeApi = new OfficeApi(vertx, parts.cases(), parts.notices(), parts.jwt());
        this.office = TestHttp.serve(vertx, officeApi.router(), clients);
        this.ops = TestHttp.serve(vertx, new OpsApi(vertx, parts.registry(), health, deadLetters, parts.store(),
                parts.jwt()).router(), clients);
    }

    public static ApiHarness start(Path dir) {
        return start(dir, new VertxOptions());
    }

    public static ApiHarness start(Path dir, VertxOptions options) {
        return new ApiHarness(Vertx.vertx(options), dir);
    }

    public Vertx vertx() {
        return vertx;
    }

    public TestNodeParts parts() {
        return parts;
    }

    public OfficeApi officeApi() {
        return officeApi;
    }

    public TestHttp office() {
        return office;
    }

    public TestHttp ops() {
        return ops;
    }

    public HealthChecks health() {
        return health;
    }

    public StoreDeadLetters deadLetters() {
        return deadLetters;
    }

    /** Stops everything, then fails if any request touched the store on an event loop. */
    @Override
    public void close() {
        office.close();
        ops.close();
        TestHttp.await(vertx.close());
        TestHttp.await(clients.close());
        List<String> blocking = parts.storeCallsOnEventLoop();
        parts.close();
        if (!blocking.isEmpty()) {
            throw new AssertionError("the store was called on an event loop: " + blocking);
        }
    }
}
