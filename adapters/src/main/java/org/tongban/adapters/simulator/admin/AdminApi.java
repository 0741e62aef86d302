package org.tongban.adapters.simulator.admin;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.EventRecord;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.book.PlatformBook;
import org.tongban.adapters.simulator.engine.PolicyRunner;
import org.tongban.adapters.simulator.fault.FaultInjector;
import org.tongban.adapters.simulator.fault.Faults;
import org.tongban.adapters.simulator.policy.DecisionPolicy;
import org.tongban.adapters.simulator.policy.Policies;
import org.tongban.adapters.simulator.policy.PolicyStep;
import org.tongban.contracts.id.CreditCode;

import java.util.function.Predicate;

/**
 * The simulator's own JSON API under {@value #BASE}, for tests, the demo and people: look at
 * applications and their events, change policies and faults, publish penalties, advance an
 * application by hand, reset. Errors are RFC 9457 problem+json with a stable {@code code}.
 * Never affected by injected faults.
 */
public final class AdminApi {
    public static final String BASE = "/admin";

    private final PlatformBook book;
    private final Policies policies;
    private final FaultInjector faults;
    private final PolicyRunner runner;
    private final SimulatorControl control;

    public AdminApi(PlatformBook book, Policies policies, FaultInjector faults, PolicyRunner runner,
                    SimulatorControl control) {
        this.book = book;
        this.policies = policies;
        this.faults = faults;
        this.runner = runner;
        this.control = control;
    }

    public void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(256 * 1024);
        router.get(BASE).handler(guard(this::describe));
        router.get(BASE + "/applications").handler(guard(this::applications));
        router.get(BASE + "/applications/:no").handler(guard(this::application));
        router.post(BASE + "/applications/:no/advance").handler(body).handler(guard(this::advance));
        router.get(BASE + "/events").handler(guard(this::events));
        router.get(BASE + "/policy").handler(guard(this::policy));
        router.put(BASE + "/policy").handler(body).handler(guard(this::setDefaultPolicy));
        router.put(BASE + "/policy/:creditCode").handler(body).handler(guard(this::setCodePolicy));
        router.delete(BASE + "/policy/:creditCode").handler(guard(this::clearCodePolicy));
        router.get(BASE + "/faults").handler(guard(rc -> ok(rc, faults.current().toJson())));
        router.put(BASE + "/faults").handler(body).handler(guard(this::setFaults));
        router.delete(BASE + "/faults").handler(guard(rc -> {
            faults.set(Faults.none());
            ok(rc, faults.current().toJson());
        }));
        router.get(BASE + "/penalties").handler(guard(this::penalties));
        router.post(BASE + "/penalties").handler(body).handler(guard(this::publish));
        router.post(BASE + "/tokens/revoke").handler(guard(this::revokeTokens));
        router.get(BASE + "/stats").handler(guard(this::stats));
        router.post(BASE + "/reset").handler(guard(rc -> {
            control.reset();
            ok(rc, new JsonObject().put("reset", true).put("runId", book.runId()));
        }));
    }

    private Handler<RoutingContext> guard(Handler<RoutingContext> h) {
        return rc -> {
            try {
                h.handle(rc);
            } catch (IllegalArgumentException e) {
                problem(rc, 400, "INVALID_REQUEST", e.getMessage());
            } catch (IllegalStateException e) {
                problem(rc, 409, "NOT_ALLOWED_NOW", e.getMessage());
            }
        };
    }

    private void describe(RoutingContext rc) {
        ok(rc, control.describe().put("applications", book.applications().size())
                .put("events", book.lastEventSeq()).put("penalties", book.penaltyCount())
                .put("policy", policies.defaultPolicy().toString()).put("faults", faults.current().toJson()));
    }

    private void applications(RoutingContext rc) {
        String code = rc.queryParams().get("creditCode");
        String externalId = rc.queryParams().get("externalId");
        String caseId = rc.queryParams().get("caseId");
        Predicate<Application> filter = a -> (code == null || code.equals(a.request().creditCode()))
                && (externalId == null || externalId.equals(a.request().externalId()))
                && (caseId == null || caseId.equals(a.request().caseId()));
        ok(rc, new JsonObject().put("items", book.applicationsJson(filter, AdminApi::eventJson)));
    }

    private void application(RoutingContext rc) {
        String no = rc.pathParam("no");
        JsonArray found = book.applicationsJson(a -> a.applicationNo().equals(no), AdminApi::eventJson);
        if (found.isEmpty()) {
            problem(rc, 404, "APPLICATION_NOT_FOUND", "no application " + no);
            return;
        }
        ok(rc, found.getJsonObject(0));
    }

    private void advance(RoutingContext rc) {
        String no = rc.pathParam("no");
        Application app = book.byNumber(no).orElse(null);
        if (app == null) {
            problem(rc, 404, "APPLICATION_NOT_FOUND", "no application " + no);
            return;
        }
        PolicyStep step = PolicyStep.fromJson(jsonBody(rc));
        EventRecord e = runner.advance(app, step);
        ok(rc, eventJson(e));
    }

    private void events(RoutingContext rc) {
        String after = rc.queryParams().get("after");
        long from;
        try {
            from = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("after is a feed position (a number)");
        }
        JsonArray items = new JsonArray();
        book.eventsAfter(from, 1000).forEach(e -> items.add(eventJson(e)));
        ok(rc, new JsonObject().put("items", items));
    }

    private void policy(RoutingContext rc) {
        JsonObject byCode = new JsonObject();
        policies.byCreditCode().forEach((k, v) -> byCode.put(k, v.toJson()));
        ok(rc, new JsonObject().put("default", policies.defaultPolicy().toJson()).put("byCreditCode", byCode));
    }

    private void setDefaultPolicy(RoutingContext rc) {
        policies.setDefault(DecisionPolicy.fromJson(jsonBody(rc)));
        policy(rc);
    }

    private void setCodePolicy(RoutingContext rc) {
        String code = creditCode(rc);
        policies.setFor(code, DecisionPolicy.fromJson(jsonBody(rc)));
        policy(rc);
    }

    private void clearCodePolicy(RoutingContext rc) {
        String code = creditCode(rc);
        if (!policies.clearFor(code)) {
            problem(rc, 404, "POLICY_NOT_FOUND", "credit code " + code + " has no policy of its own");
            return;
        }
        policy(rc);
    }

    private static String creditCode(RoutingContext rc) {
        String code = rc.pathParam("creditCode");
        String problem = CreditCode.problemWith(code);
        if (problem != null) {
            throw new IllegalArgumentException("creditCode: " + problem);
        }
        return code;
    }

    private void setFaults(RoutingContext rc) {
        faults.set(Faults.fromJson(jsonBody(rc)));
        ok(rc, faults.current().toJson());
    }

    private void penalties(RoutingContext rc) {
        JsonArray items = new JsonArray();
        book.penaltiesAfter(0, Integer.MAX_VALUE).forEach(p -> items.add(p.toJson()));
        ok(rc, new JsonObject().put("items", items));
    }

    private void publish(RoutingContext rc) {
        PenaltyEntry p = PenaltyEntry.fromJson(jsonBody(rc));
        long position = book.publish(p);
        rc.response().setStatusCode(201);
        ok(rc, p.toJson().put("position", position));
    }

    private void revokeTokens(RoutingContext rc) {
        var revoked = control.revokeTokens();
        if (revoked.isEmpty()) {
            problem(rc, 404, "NO_TOKENS", "this dialect issues no access tokens");
            return;
        }
        ok(rc, new JsonObject().put("revoked", revoked.getAsInt()));
    }

    private void stats(RoutingContext rc) {
        JsonObject calls = new JsonObject();
        faults.calls().forEach(calls::put);
        JsonObject failures = new JsonObject();
        faults.failures().forEach(failures::put);
        ok(rc, new JsonObject().put("calls", calls).put("injectedFailures", failures)
                .put("pendingPushes", control.pendingPushes()).put("applications", book.applications().size())
                .put("events", book.lastEventSeq()));
    }

    /** An event in the admin API's neutral form (camelCase, RFC 3339 times). */
    public static JsonObject eventJson(EventRecord e) {
        JsonObject o = new JsonObject().put("eventId", e.eventId()).put("seq", e.seq()).put("type", e.type().name())
                .put("occurredAt", e.occurredAt().toString()).put("applicationNo", e.applicationNo())
                .put("externalId", e.externalId()).put("caseId", e.caseId()).put("homeMember", e.homeMember());
        if (e.reasonCode() != null) {
            o.put("reasonCode", e.reasonCode());
        }
        if (e.reasonText() != null) {
            o.put("reasonText", e.reasonText());
        }
        if (!e.requested().isEmpty()) {
            o.put("requestedMaterials", new JsonArray(e.requested().stream()
                    .map(r -> new JsonObject().put("kind", r.kind()).put("description", r.description())).toList()));
        }
        if (e.respondBy() != null) {
            o.put("respondBy", e.respondBy().toString());
        }
        if (e.decisionNo() != null) {
            o.put("decisionNo", e.decisionNo());
        }
        if (e.endedOn() != null) {
            o.put("endedOn", e.endedOn().toString());
        }
        if (!e.channels().isEmpty()) {
            o.put("channels", new JsonArray(e.channels()));
        }
        return o;
    }

    private static JsonObject jsonBody(RoutingContext rc) {
        if (rc.body() == null || rc.body().length() == 0) {
            throw new IllegalArgumentException("a JSON object is expected");
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(rc.body().buffer());
            if (!(v instanceof JsonObject)) {
                throw new IllegalArgumentException("a JSON object is expected");
            }
            return (JsonObject) v;
        } catch (DecodeException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }

    /** Answers 200, or the status a handler set before (201 for a publication). */
    private static void ok(RoutingContext rc, JsonObject body) {
        rc.response().putHeader("Content-Type", "application/json; charset=UTF-8").end(body.encodePrettily());
    }

    private static void problem(RoutingContext rc, int status, String code, String detail) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json; charset=UTF-8")
                .end(new JsonObject().put("type", "about:blank").put("title", title(status)).put("status", status)
                        .put("code", code).put("detail", detail).encodePrettily());
    }

    private static String title(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 404:
                return "Not Found";
            case 409:
                return "Conflict";
            default:
                return "Error";
        }
    }
}
