package org.tongban.adapters.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.tongban.adapters.simulator.admin.AdminApi;
import org.tongban.adapters.simulator.admin.SimulatorControl;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.book.PlatformBook;
import org.tongban.adapters.simulator.dialect.DialectRoutes;
import org.tongban.adapters.simulator.dialect.FormJsonDialect;
import org.tongban.adapters.simulator.dialect.PlatformContext;
import org.tongban.adapters.simulator.dialect.PollingDialect;
import org.tongban.adapters.simulator.dialect.RestOauth2Dialect;
import org.tongban.adapters.simulator.dialect.XmlHmacDialect;
import org.tongban.adapters.simulator.engine.CallbackPusher;
import org.tongban.adapters.simulator.engine.EventPublisher;
import org.tongban.adapters.simulator.engine.PlatformService;
import org.tongban.adapters.simulator.engine.PolicyRunner;
import org.tongban.adapters.simulator.fault.FaultInjector;
import org.tongban.adapters.simulator.policy.Policies;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A fake city credit platform (信用平台) on one HTTP port, speaking the platform side of one
 * dialect of adapters/DIALECTS.md, with its admin API under {@code /admin}. Embeddable: start it
 * on any Vert.x, read {@link #port()}, {@link #baseUrl()}, and {@link #stop()} it; or run
 * {@link PlatformSimulatorMain}. Nothing in it blocks the event loop.
 */
public final class PlatformSimulator implements SimulatorControl {
    private final Vertx vertx;
    private final SimulatorOptions options;
    private final PlatformBook book;
    private final Policies policies;
    private final FaultInjector faults;
    private final PolicyRunner runner;
    private final CallbackPusher pusher;
    private final WebClient client;
    private final DialectRoutes routes;
    private HttpServer server;

    private PlatformSimulator(Vertx vertx, SimulatorOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.book = new PlatformBook(options.member(), options.clock(), options.penalties());
        this.policies = new Policies(options.policy(), options.policiesByCreditCode());
        this.faults = new FaultInjector(vertx, options.faults(),
                options.randomSeed() == null ? new Random() : new Random(options.randomSeed()));
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setKeepAlive(true)
                .setIdleTimeout(30));
        this.pusher = options.dialect().pushes() ? new CallbackPusher(vertx, book, options.dialect() == Dialect.XML_HMAC
                ? XmlHmacDialect.pusher(client, options) : RestOauth2Dialect.pusher(client, options),
                options.pushRetryFirst(), options.pushRetryMax()) : null;
        this.runner = new PolicyRunner(vertx, book, pusher == null ? EventPublisher.FEED_ONLY : pusher);
        PlatformContext ctx = new PlatformContext(vertx, options, new PlatformService(book, policies, runner), faults);
        switch (options.dialect()) {
            case REST_OAUTH2:
                this.routes = new RestOauth2Dialect(ctx);
                break;
            case XML_HMAC:
                this.routes = new XmlHmacDialect(ctx);
                break;
            case POLLING:
                this.routes = new PollingDialect(ctx);
                break;
            default:
                this.routes = new FormJsonDialect(ctx);
        }
    }

    /** Starts a simulated platform; completes once its port is bound. */
    public static Future<PlatformSimulator> start(Vertx vertx, SimulatorOptions options) {
        PlatformSimulator s = new PlatformSimulator(vertx, options);
        Router router = Router.router(vertx);
        s.routes.mount(router);
        new AdminApi(s.book, s.policies, s.faults, s.runner, s).mount(router);
        return vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port()))
                .requestHandler(router).listen().map(server -> {
                    s.server = server;
                    return s;
                });
    }

    /** Stops timers and pushes, then closes the port. */
    public Future<Void> stop() {
        runner.cancelAll();
        if (pusher != null) {
            pusher.clear();
        }
        client.close();
        return server == null ? Future.succeededFuture() : server.close();
    }

    public SimulatorOptions options() {
        return options;
    }

    public Dialect dialect() {
        return options.dialect();
    }

    public String member() {
        return options.member();
    }

    /** The bound port. */
    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port}, the {@code baseUrl} adapters are configured with. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + port();
    }

    public String adminUrl() {
        return baseUrl() + AdminApi.BASE;
    }

    /** The rest-oauth2 token endpoint ({@code tokenUrl}); other dialects have none. */
    public String tokenUrl() {
        return baseUrl() + RestOauth2Dialect.TOKEN_PATH;
    }

    public Policies policies() {
        return policies;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Publishes a penalty decision in the platform's penalty feed. */
    public void publish(PenaltyEntry penalty) {
        book.publish(penalty);
    }

    @Override
    public JsonObject describe() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        switch (options.dialect()) {
            case REST_OAUTH2:
                endpoints.put("token", tokenUrl());
                endpoints.put("api", baseUrl() + RestOauth2Dialect.BASE);
                break;
            case XML_HMAC:
                endpoints.put("api", baseUrl() + XmlHmacDialect.BASE);
                break;
            case POLLING:
                endpoints.put("api", baseUrl() + PollingDialect.BASE);
                break;
            default:
                endpoints.put("api", baseUrl() + FormJsonDialect.BASE);
        }
        JsonObject e = new JsonObject();
        endpoints.forEach(e::put);
        return new JsonObject().put("dialect", options.dialect().id()).put("member", options.member())
                .put("baseUrl", baseUrl()).put("endpoints", e).put("runId", book.runId());
    }

    @Override
    public void reset() {
        runner.cancelAll();
        if (pusher != null) {
            pusher.clear();
        }
        book.reset();
        policies.reset();
        faults.reset();
    }

    @Override
    public int pendingPushes() {
        return pusher == null ? 0 : pusher.pending();
    }

    @Override
    public OptionalInt revokeTokens() {
        return routes instanceof RestOauth2Dialect ? OptionalInt.of(((RestOauth2Dialect) routes).tokens().revokeAll())
                : OptionalInt.empty();
    }
}
