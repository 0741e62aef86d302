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
import org.tongban.adapters.simulator.book.RequestedItem;
import org.tongban.adapters.simulator.engine.PlatformService;
import org.tongban.adapters.simulator.fault.InjectedFailure;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code form-json} platform of the demo (DIALECTS.md d), reached by the {@code declarative}
 * adapter through {@code declarative/jinhua.yaml}: pinyin-abbreviated JSON fields, an
 * {@code appcode} header, {@code {"success":…}} envelopes with {@code E1…} (permanent) and
 * {@code E2…} (retryable) codes, and a change feed in Chinese states.
 *
 * <p>Beyond DIALECTS.md, the platform serves its penalty feed at {@code GET /openapi/xyxf/cfxx}
 * (same paging as the change feed; items {@code tyshxydm, qymc, cfjdswh, cfjg, cfrq, cflb, cfsy,
 * gsrq}) and a health check at {@code GET /openapi/xyxf/ping}.
 */
public final class FormJsonDialect extends DialectRoutes {
    public static final String BASE = "/openapi/xyxf";
    public static final Map<String, String> CATEGORY = Map.of("轻微", "MINOR", "一般", "GENERAL", "严重", "SERIOUS");
    private static final Map<String, String> CATEGORY_NAME = CATEGORY.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    public FormJsonDialect(PlatformContext ctx) {
        super(ctx);
    }

    @Override
    public void mount(Router router) {
        router.post(BASE + "/sqxx").handler(body()).handler(serve("apply", this::apply));
        router.post(BASE + "/bzcl").handler(body()).handler(serve("supplement", this::supplement));
        router.post(BASE + "/ch").handler(body()).handler(serve("withdraw", this::withdraw));
        router.get(BASE + "/bgjl").handler(serve("changes", this::changes));
        router.get(BASE + "/cfxx").handler(serve("penalties", this::penalties));
        router.get(BASE + "/ping").handler(serve("health", this::ping));
    }

    @Override
    protected boolean authenticate(RoutingContext rc) {
        if (ctx.options().apiKey().equals(rc.request().getHeader("appcode"))) {
            return true;
        }
        failure(rc, 401, "E1401", "appcode 无效或缺失");
        return false;
    }

    /** Fields the mapping does not name are kept for the admin view, not refused: the platform is lenient. */
    private void apply(RoutingContext rc) {
        JsonInput in = JsonInput.parse(bodyOf(rc));
        String cflb = in.oneOf("cflb", CATEGORY.keySet());
        NewApplication app = new NewApplication(in.string("wbbh"), in.string("ajbh"), in.member("sqdq"),
                in.creditCode("tyshxydm"), in.string("qymc"), in.string("cfjdswh"), in.string("cfjg"),
                in.date("cfrq", WireTimes.ISO_DATE), CATEGORY.get(cflb), "cn-2025", in.date("sqrq", WireTimes.ISO_DATE),
                null, List.of(), in.json());
        var submission = ctx.platform().submit(app);
        success(rc, new JsonObject().put("sqbh", submission.application().applicationNo()));
    }

    private Application application(JsonInput in) {
        String no = in.string("sqbh");
        Application app = ctx.book().byNumber(no).orElseThrow(() -> new NotFound("申请 " + no + " 不存在"));
        String wbbh = in.string("wbbh");
        if (!wbbh.equals(app.request().externalId())) {
            throw new BadInput("wbbh " + wbbh + " 与申请 " + no + " 不符");
        }
        return app;
    }

    private void supplement(RoutingContext rc) {
        JsonInput in = JsonInput.parse(bodyOf(rc));
        Application app = application(in);
        List<Material> materials = in.objects("cl", 1).stream()
                .map(m -> new Material(null, m.string("mc"), null, null, m.optString("hash"), m.string("lx"))).toList();
        outcome(rc, app, ctx.platform().supplement(app, materials, in.optString("bz")));
    }

    private void withdraw(RoutingContext rc) {
        JsonInput in = JsonInput.parse(bodyOf(rc));
        Application app = application(in);
        outcome(rc, app, ctx.platform().withdraw(app, "OTHER", in.optString("yy")));
    }

    private void outcome(RoutingContext rc, Application app, PlatformService.Outcome outcome) {
        if (outcome == PlatformService.Outcome.REFUSED) {
            failure(rc, 200, "E1003", "拒绝办理：" + ctx.platform().closedReason(app));
            return;
        }
        success(rc, new JsonObject().put("sqbh", app.applicationNo()));
    }

    private void changes(RoutingContext rc) {
        long after = position(rc.queryParams().get("start"));
        int size = limit(rc.queryParams().get("size"), 100);
        List<EventRecord> page = ctx.book().eventsAfter(after, size);
        JsonArray list = new JsonArray();
        page.forEach(e -> list.add(change(e)));
        success(rc, new JsonObject().put("list", list).put("next", cursor(after + page.size())));
    }

    /** One change: {@code bgid, sqbh, wbbh, ajbh, sqdq, zt, bgsj}, and {@code yy, bzcl, bzqx} where they apply. */
    public static JsonObject change(EventRecord e) {
        JsonObject o = new JsonObject().put("bgid", e.eventId()).put("sqbh", e.applicationNo())
                .put("wbbh", e.externalId()).put("ajbh", e.caseId()).put("sqdq", e.homeMember())
                .put("zt", e.type().chinese()).put("bgsj", WireTimes.format(e.occurredAt(), WireTimes.SPACED_TIME));
        if (e.reasonText() != null) {
            o.put("yy", e.reasonText());
        }
        if (!e.requested().isEmpty()) {
            o.put("bzcl", e.requested().stream().map(RequestedItem::description).collect(Collectors.joining("；")));
        }
        if (e.respondBy() != null) {
            o.put("bzqx", e.respondBy().format(WireTimes.ISO_DATE));
        }
        return o;
    }

    private void penalties(RoutingContext rc) {
        long after = position(rc.queryParams().get("start"));
        int size = limit(rc.queryParams().get("size"), 100);
        List<PenaltyEntry> page = ctx.book().penaltiesAfter(after, size);
        JsonArray list = new JsonArray();
        for (PenaltyEntry p : page) {
            JsonObject o = new JsonObject().put("tyshxydm", p.creditCode()).put("qymc", p.enterpriseName())
                    .put("cfjdswh", p.decisionNumber()).put("cfjg", p.decidingAuthority())
                    .put("cfrq", p.decisionDate().format(WireTimes.ISO_DATE))
                    .put("cflb", CATEGORY_NAME.getOrDefault(p.category(), "严重"));
            if (p.summary() != null) {
                o.put("cfsy", p.summary());
            }
            if (p.publishedOn() != null) {
                o.put("gsrq", p.publishedOn().format(WireTimes.ISO_DATE));
            }
            list.add(o);
        }
        success(rc, new JsonObject().put("list", list).put("next", cursor(after + page.size())));
    }

    private void ping(RoutingContext rc) {
        success(rc, new JsonObject().put("status", "UP"));
    }

    // ---- answers ----

    private static void success(RoutingContext rc, JsonObject data) {
        rc.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(new JsonObject().put("success", true).put("data", data).toBuffer());
    }

    private static void failure(RoutingContext rc, int status, String code, String message) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(new JsonObject().put("success", false).put("errCode", code).put("errMsg", message).toBuffer());
    }

    @Override
    protected void injected(RoutingContext rc, InjectedFailure f) {
        if (f.retryAfterSeconds() != null) {
            rc.response().putHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
        }
        if (f.bodyCode() != null) {
            failure(rc, 200, f.bodyCode(), f.bodyCode().startsWith("E2") ? "系统繁忙，请稍后重试" : "模拟故障");
        } else {
            failure(rc, f.status(), f.status() >= 500 ? "E2001" : "E1001", "injected by the platform simulator");
        }
    }

    @Override
    protected void badInput(RoutingContext rc, String message) {
        failure(rc, 200, "E1001", "字段无效：" + message);
    }

    @Override
    protected void notFound(RoutingContext rc, String message) {
        failure(rc, 200, "E1004", message);
    }

    @Override
    protected void internal(RoutingContext rc, String message) {
        failure(rc, 500, "E2001", message);
    }
}
