package org.tongban.gateway.opsapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.http.ApiEdge;
import org.tongban.gateway.http.ApiEdge.Reply;
import org.tongban.gateway.http.ApiEdge.Request;
import org.tongban.gateway.http.QueryParameters;
import org.tongban.gateway.office.auth.JwtVerifier;
import org.tongban.gateway.store.AuditChain;
import org.tongban.gateway.store.AuditEntry;
import org.tongban.gateway.store.DeadLetterFilter;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.Store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What operators and their tools use, on the node's ops port: {@code /metrics} (Prometheus
 * text), {@code /health} (liveness) and {@code /ready} (readiness) without a token, as
 * scrapers and orchestrators call them; and under {@code /ops/v1}, with an ops-role bearer
 * token, dead letters and their re-drive, and the audit log with its hash chain re-checked.
 */
public final class OpsApi {
    public static final String METRICS = "/metrics";
    public static final String HEALTH = "/health";
    public static final String READY = "/ready";
    public static final String DEAD_LETTERS = "/ops/v1/dead-letters";
    public static final String REDRIVE_ONE = DEAD_LETTERS + "/:seq/redrive";
    public static final String REDRIVE_ALL = DEAD_LETTERS + "/redrive";
    public static final String AUDIT = "/ops/v1/audit";

    /** A readiness check that takes longer than this counts as down. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final int MAX_BODY_BYTES = 1024;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** The suffixes of a metric family's samples, taken off a {@code name[]} to find its family. */
    private static final java.util.regex.Pattern SAMPLE_SUFFIX =
            java.util.regex.Pattern.compile("_(total|count|sum|bucket|max|created|info)$");

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final HealthChecks health;
    private final DeadLetterService deadLetters;
    private final Store store;
    private final JwtVerifier jwt;

    /** Registers a {@code store} readiness check unless the node registered its own. */
    public OpsApi(Vertx vertx, PrometheusMeterRegistry registry, HealthChecks health, DeadLetterService deadLetters,
                  Store store, JwtVerifier jwt) {
        this.vertx = vertx;
        this.registry = registry;
        this.health = health;
        this.deadLetters = deadLetters;
        this.store = store;
        this.jwt = jwt;
        health.registerIfAbsent("store", () -> store.isHealthy() ? HealthChecks.Result.up()
                : HealthChecks.Result.down("the " + store.kind() + " store does not answer"));
    }

    public Router router() {
        Router router = Router.router(vertx);
        // Re-drive takes no body; the limit keeps a stray upload from being buffered.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.get(METRICS).handler(worker(this::metrics));
        router.get(HEALTH).handler(ctx -> ApiEdge.send(ctx, Reply.json(200, status(true))));
        router.get(READY).handler(this::ready);
        router.get(DEAD_LETTERS).handler(worker(this::listDeadLetters));
        router.post(REDRIVE_ALL).handler(body).handler(worker(this::redriveAll));
        router.post(REDRIVE_ONE).handler(body).handler(worker(this::redriveOne));
        router.get(AUDIT).handler(worker(this::audit));
        ApiEdge.problemsForRouter(router, "ops API", MAX_BODY_BYTES);
        return router;
    }

    private Handler<RoutingContext> worker(Function<Request, Reply> work) {
        return ctx -> ApiEdge.onWorker(vertx, ctx, work);
    }

    // ---- readiness ---------------------------------------------------------------------------

    /** Runs every check at once, each on a worker and each with {@link #CHECK_TIMEOUT}. */
    private void ready(RoutingContext ctx) {
        Map<String, Supplier<HealthChecks.Result>> checks = health.checks();
        List<String> names = new ArrayList<>(checks.keySet());
        List<Future<HealthChecks.Result>> results = new ArrayList<>();
        for (String name : names) {
            Supplier<HealthChecks.Result> check = checks.get(name);
            results.add(vertx.executeBlocking(() -> HealthChecks.run(check), false)
                    .timeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .otherwise(t -> HealthChecks.Result.down("no answer within " + CHECK_TIMEOUT.toSeconds() + " s")));
        }
        Future.all(results).onComplete(done -> {
            boolean up = results.stream().allMatch(f -> f.result().healthy());
            ObjectNode o = status(up);
            ObjectNode byName = o.putObject("checks");
            for (int i = 0; i < names.size(); i++) {
                HealthChecks.Result r = results.get(i).result();
                ObjectNode c = byName.putObject(names.get(i)).put("status", r.healthy() ? "UP" : "DOWN");
                if (r.reason() != null) {
                    c.put("reason", r.reason());
                }
            }
            ApiEdge.send(ctx, Reply.json(up ? 200 : 503, o));
        });
    }

    private static ObjectNode status(boolean up) {
        return JsonNodeFactory.instance.objectNode().put("status", up ? "UP" : "DOWN");
    }

    // ---- dead letters ------------------------------------------------------------------------

    private Reply listDeadLetters(Request r) {
        operator(r);
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader q = QueryParameters.reader(r.query(), Set.of("limit"), ctx);
        String destination = q.optString("destination", 200);
        Long limit = q.optInteger("limit", 1, MAX_LIMIT);
        q.end();
        ctx.throwIfAny();
        List<OutboxRecord> found = deadLetters.list(new DeadLetterFilter(destination,
                limit == null ? DEFAULT_LIMIT : limit.intValue()));
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode items = o.putArray("items");
        found.forEach(d -> items.add(OpsJson.deadLetter(d)));
        return Reply.json(200, o);
    }

    private Reply redriveOne(Request r) {
        Clerk operator = operator(r);
        ApiEdge.noBody(r);
        long seq = sequenceNumber(r.pathParam("seq"));
        if (!deadLetters.redrive(seq, operator.actor())) {
            throw new ContractException(ErrorCode.DEAD_LETTER_NOT_FOUND, "", "message " + seq + " is not a dead letter");
        }
        return Reply.json(200, JsonNodeFactory.instance.objectNode().put("seq", seq).put("redriven", true));
    }

    private Reply redriveAll(Request r) {
        Clerk operator = operator(r);
        ApiEdge.noBody(r);
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader q = QueryParameters.reader(r.query(), Set.of(), ctx);
        String destination = q.string("destination", 200);
        q.end();
        ctx.throwIfAny();
        int n = deadLetters.redriveAll(destination, operator.actor());
        return Reply.json(200, JsonNodeFactory.instance.objectNode().put("destination", destination).put("redriven", n));
    }

    private static long sequenceNumber(String text) {
        try {
            long seq = Long.parseLong(text);
            if (seq > 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ContractException(ErrorCode.FIELD_FORMAT, "/seq", "'" + text + "' is not an outbox sequence number");
    }

    // ---- audit -------------------------------------------------------------------------------

    /** A page of the audit log; {@code chainValid} re-hashes it and its link to the line before. */
    private Reply audit(Request r) {
        operator(r);
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader q = QueryParameters.reader(r.query(), Set.of("after", "limit"), ctx);
        Long afterParam = q.optInteger("after", 0, Long.MAX_VALUE - 1);
        Long limitParam = q.optInteger("limit", 1, MAX_LIMIT);
        q.end();
        ctx.throwIfAny();
        long after = afterParam == null ? 0 : afterParam;
        int limit = limitParam == null ? DEFAULT_LIMIT : limitParam.intValue();
        record Page(AuditEntry previous, List<AuditEntry> entries) {
        }
        Page page = store.read(tx -> new Page(
                after == 0 ? null : tx.auditLog(after - 1, 1).stream().filter(e -> e.seq() == after).findFirst().orElse(null),
                tx.auditLog(after, limit + 1)));
        boolean more = page.entries().size() > limit;
        List<AuditEntry> entries = more ? page.entries().subList(0, limit) : page.entries();
        AuditChain.Verification check = after > 0 && page.previous() == null && !entries.isEmpty()
                ? new AuditChain.Verification(false, entries.get(0).seq(), "line " + after + " is missing")
                : AuditChain.verify(page.previous(), entries);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode items = o.putArray("items");
        entries.forEach(e -> items.add(OpsJson.audit(e)));
        o.put("chainValid", check.valid());
        if (!check.valid()) {
            o.put("brokenAt", check.brokenAt()).put("reason", check.reason());
        }
        if (more) {
            o.put("next", entries.get(entries.size() - 1).seq());
        } else {
            o.putNull("next");
        }
        return Reply.json(200, o);
    }

    /** The ops API is for operators: a valid token (else 401) with the ops role (else 403). */
    private Clerk operator(Request r) {
        Clerk clerk = jwt.authenticate(r.header("Authorization"));
        if (clerk.role() != Clerk.Role.ops) {
            throw new ContractException(ErrorCode.FORBIDDEN, "", "the ops API needs a token with the ops role");
        }
        return clerk;
    }

    /**
     * The Prometheus text exposition; with {@code name[]} parameters (as Prometheus federation asks)
     * only those metric families, so a tool watching one counter does not pay for rendering them all.
     */
    private Reply metrics(Request r) {
        List<String> names = r.query().getOrDefault("name[]", List.of());
        if (names.isEmpty()) {
            return Reply.text(200, registry.scrape(), PROMETHEUS_TEXT);
        }
        java.util.Set<String> families = new java.util.HashSet<>();
        for (String name : names) {
            families.add(name);
            families.add(SAMPLE_SUFFIX.matcher(name).replaceFirst("")); // a family is named without its samples' suffix
        }
        return Reply.text(200, registry.scrape(PROMETHEUS_TEXT, families), PROMETHEUS_TEXT);
    }
}
