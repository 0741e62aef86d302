package org.tongban.adapters.simulator.dialect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.EventRecord;
import org.tongban.adapters.simulator.book.Material;
import org.tongban.adapters.simulator.book.NewApplication;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.engine.PlatformService;
import org.tongban.adapters.simulator.fault.InjectedFailure;

import java.util.List;
import java.util.Set;

/**
 * The platform side of {@code polling} (DIALECTS.md c): idempotent {@code PUT} of applications
 * by leg id, camelCase JSON, no callbacks; the adapter reads a change feed with an opaque cursor.
 */
public final class PollingDialect extends DialectRoutes {
    public static final String BASE = "/v2";
    private static final Set<String> APPLY_KEYS = Set.of("caseId", "homeMember", "creditCode", "enterpriseName",
            "decisionNumber", "decidingAuthority", "decisionDate", "category", "ruleSet", "appliedOn", "contacts",
            "materials", "deferredMaterials", "statement");
    private static final Set<String> MATERIAL_KEYS = Set.of("attachmentId", "fileName", "mediaType", "size", "sha256",
            "kind");

    public PollingDialect(PlatformContext ctx) {
        super(ctx);
    }

    @Override
    public void mount(Router router) {
        router.put(BASE + "/applications/:legId").handler(body()).handler(serve("apply", this::apply));
        router.post(BASE + "/applications/:id/materials").handler(body()).handler(serve("supplement", this::materials));
        router.post(BASE + "/applications/:id/withdrawal").handler(body()).handler(serve("withdraw", this::withdrawal));
        router.get(BASE + "/changes").handler(serve("changes", this::changes));
        router.get(BASE + "/penalties").handler(serve("penalties", this::penalties));
        router.get(BASE + "/ping").handler(serve("health", this::ping));
    }

    @Override
    protected boolean authenticate(RoutingContext rc) {
        if (ctx.options().apiKey().equals(rc.request().getHeader("X-Api-Key"))) {
            return true;
        }
        message(rc, 401, "missing or unknown X-Api-Key");
        return false;
    }

    private void apply(RoutingContext rc) {
        String legId = rc.pathParam("legId");
        JsonInput in = JsonInput.parse(bodyOf(rc)).allowOnly(APPLY_KEYS);
        for (JsonInput c : in.objects("contacts", 0)) {
            c.allowOnly(Set.of("name", "role", "phone", "email")).string("name");
        }
        for (JsonInput d : in.objects("deferredMaterials", 0)) {
            d.allowOnly(Set.of("kind", "description", "promisedDate")).string("kind");
            if (d.optString("promisedDate") != null) {
                d.date("promisedDate", WireTimes.ISO_DATE);
            }
        }
        in.optString("statement");
        NewApplication app = new NewApplication(legId, in.string("caseId"), in.member("homeMember"),
                in.creditCode("creditCode"), in.string("enterpriseName"), in.string("decisionNumber"),
                in.string("decidingAuthority"), in.date("decisionDate", WireTimes.ISO_DATE),
                in.oneOf("category", PenaltyEntry.CATEGORIES), in.string("ruleSet"),
                in.date("appliedOn", WireTimes.ISO_DATE), null, materials(in, 0), in.json());
        var submission = ctx.platform().submit(app);
        json(rc, submission.created() ? 201 : 200, new JsonObject().put("id", submission.application().applicationNo()));
    }

    private static List<Material> materials(JsonInput in, int min) {
        return in.objects("materials", min).stream().map(m -> {
            m.allowOnly(MATERIAL_KEYS);
            Long size = m.optLong("size");
            if (size == null || size < 0) {
                throw new BadInput("materials[].size is required, at least 0");
            }
            return new Material(m.string("attachmentId"), m.string("fileName"), m.string("mediaType"), size,
                    m.sha256("sha256"), m.string("kind"));
        }).toList();
    }

    private Application application(RoutingContext rc) {
        String id = rc.pathParam("id");
        return ctx.book().byNumber(id).orElseThrow(() -> new NotFound("no application " + id));
    }

    private void materials(RoutingContext rc) {
        Application app = application(rc);
        JsonInput in = JsonInput.parse(bodyOf(rc)).allowOnly(Set.of("materials", "note"));
        answer(rc, app, ctx.platform().supplement(app, materials(in, 1), in.optString("note")));
    }

    private void withdrawal(RoutingContext rc) {
        Application app = application(rc);
        JsonInput in = JsonInput.parse(bodyOf(rc)).allowOnly(Set.of("reason", "note"));
        String reason = in.oneOf("reason", RestOauth2Dialect.WITHDRAWAL_REASONS);
        answer(rc, app, ctx.platform().withdraw(app, reason, in.optString("note")));
    }

    private void answer(RoutingContext rc, Application app, PlatformService.Outcome outcome) {
        if (outcome == PlatformService.Outcome.REFUSED) {
            message(rc, 409, ctx.platform().closedReason(app));
            return;
        }
        json(rc, 200, new JsonObject().put("id", app.applicationNo()));
    }

    private void changes(RoutingContext rc) {
        long after = position(rc.queryParams().get("after"));
        int limit = limit(rc.queryParams().get("limit"), 100);
        List<EventRecord> page = ctx.book().eventsAfter(after, limit);
        JsonArray changes = new JsonArray();
        page.forEach(e -> changes.add(change(e)));
        long next = after + page.size();
        json(rc, 200, new JsonObject().put("changes", changes).put("cursor", cursor(next))
                .put("more", next < ctx.book().lastEventSeq()));
    }

    /** One change of the feed: the common members always, the others where the type needs them. */
    public static JsonObject change(EventRecord e) {
        JsonObject o = new JsonObject().put("changeId", e.eventId()).put("applicationId", e.applicationNo())
                .put("externalId", e.externalId()).put("caseId", e.caseId()).put("homeMember", e.homeMember())
                .put("type", e.type().name()).put("at", WireTimes.rfc3339(e.occurredAt()));
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
            o.put("respondBy", e.respondBy().format(WireTimes.ISO_DATE));
        }
        if (e.decisionNo() != null) {
            o.put("decisionNo", e.decisionNo());
        }
        if (e.endedOn() != null) {
            o.put("endedOn", e.endedOn().format(WireTimes.ISO_DATE));
        }
        if (!e.channels().isEmpty()) {
            o.put("channels", new JsonArray(e.channels()));
        }
        return o;
    }

    private void penalties(RoutingContext rc) {
        long after = position(rc.queryParams().get("after"));
        int limit = limit(rc.queryParams().get("limit"), 100);
        List<PenaltyEntry> page = ctx.book().penaltiesAfter(after, limit);
        JsonArray items = new JsonArray();
        page.forEach(p -> items.add(p.toJson()));
        long next = after + page.size();
        json(rc, 200, new JsonObject().put("penalties", items).put("cursor", cursor(next))
                .put("more", next < ctx.book().penaltyCount()));
    }

    private void ping(RoutingContext rc) {
        json(rc, 200, new JsonObject().put("status", "UP"));
    }

    // ---- answers ----

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8").end(body.toBuffer());
    }

    private static void message(RoutingContext rc, int status, String message) {
        json(rc, status, new JsonObject().put("message", message));
    }

    @Override
    protected void injected(RoutingContext rc, InjectedFailure f) {
        if (f.retryAfterSeconds() != null) {
            rc.response().putHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
        } else if (f.status() == 429) {
            rc.response().putHeader("Retry-After", "1");
        }
        message(rc, f.status(), "injected by the platform simulator");
    }

    @Override
    protected void badInput(RoutingContext rc, String message) {
        message(rc, 400, message);
    }

    @Override
    protected void notFound(RoutingContext rc, String message) {
        message(rc, 404, message);
    }

    @Override
    protected void internal(RoutingContext rc, String message) {
        message(rc, 500, message);
    }
}
