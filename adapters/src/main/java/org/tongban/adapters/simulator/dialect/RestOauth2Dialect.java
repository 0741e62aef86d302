package org.tongban.adapters.simulator.dialect;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import org.tongban.adapters.simulator.SimulatorOptions;
import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.EventRecord;
import org.tongban.adapters.simulator.book.Material;
import org.tongban.adapters.simulator.book.NewApplication;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.engine.CallbackPusher;
import org.tongban.adapters.simulator.engine.PlatformService;
import org.tongban.adapters.simulator.fault.InjectedFailure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform side of {@code rest-oauth2} (DIALECTS.md a): OAuth2 client-credentials token
 * endpoint, JSON/REST with snake_case bodies, events pushed to the application's
 * {@code callback_url} with {@code X-Callback-Token}.
 */
public final class RestOauth2Dialect extends DialectRoutes {
    public static final String TOKEN_PATH = "/oauth2/token";
    public static final String BASE = "/api/v1";
    static final Set<String> APPLY_KEYS = Set.of("external_id", "case_id", "home_member", "credit_code",
            "enterprise_name", "decision_number", "deciding_authority", "decision_date", "category", "rule_set",
            "applied_on", "contacts", "materials", "deferred_materials", "statement", "callback_url");
    static final Set<String> CATEGORIES = PenaltyEntry.CATEGORIES;
    static final Set<String> WITHDRAWAL_REASONS = Set.of("ENTERPRISE_REQUEST", "DUPLICATE", "FILED_IN_ERROR", "OTHER");
    private static final Set<String> MATERIAL_KEYS = Set.of("attachment_id", "file_name", "media_type", "size", "sha256",
            "kind");

    private final TokenIssuer tokens;

    public RestOauth2Dialect(PlatformContext ctx) {
        super(ctx);
        this.tokens = new TokenIssuer(ctx.options().clock(), ctx.options().tokenTtl());
    }

    public TokenIssuer tokens() {
        return tokens;
    }

    @Override
    public void mount(Router router) {
        router.post(TOKEN_PATH).handler(body()).handler(serve("token", false, this::token));
        router.post(BASE + "/repair-applications").handler(body()).handler(serve("apply", this::apply));
        router.post(BASE + "/repair-applications/:no/materials").handler(body()).handler(serve("supplement", this::materials));
        router.post(BASE + "/repair-applications/:no/withdrawal").handler(body()).handler(serve("withdraw", this::withdrawal));
        router.get(BASE + "/penalties").handler(serve("penalties", this::penalties));
        router.get(BASE + "/health").handler(serve("health", false, this::health));
    }

    // ---- token ----

    private void token(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            oauthError(rc, 400, "invalid_request", "the token request is application/x-www-form-urlencoded");
            return;
        }
        Map<String, String> form = form(bodyOf(rc).toString(StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            oauthError(rc, 400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
            return;
        }
        SimulatorOptions o = ctx.options();
        if (!o.clientId().equals(form.get("client_id")) || !o.clientSecret().equals(form.get("client_secret"))) {
            oauthError(rc, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        json(rc, 200, new JsonObject().put("access_token", tokens.issue()).put("token_type", "Bearer")
                .put("expires_in", tokens.ttl().toSeconds()));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    protected boolean authenticate(RoutingContext rc) {
        String h = rc.request().getHeader("Authorization");
        String token = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
        if (tokens.valid(token)) {
            return true;
        }
        rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        error(rc, 401, "invalid_token", token == null ? "no bearer token" : "the access token is unknown or expired");
        return false;
    }

    // ---- applications ----

    private void apply(RoutingContext rc) {
        JsonInput in = JsonInput.parse(bodyOf(rc)).allowOnly(APPLY_KEYS);
        String externalId = in.string("external_id");
        String key = rc.request().getHeader("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw new BadInput("the Idempotency-Key header is required (the external_id)");
        }
        if (!key.equals(externalId)) {
            throw new BadInput("the Idempotency-Key header '" + key + "' differs from external_id '" + externalId + "'");
        }
        String callback = in.string("callback_url");
        checkCallbackUrl(callback, "callback_url");
        for (JsonInput c : in.objects("contacts", 0)) {
            c.allowOnly(Set.of("name", "role", "phone", "email")).string("name");
            c.optString("role");
            c.optString("phone");
            c.optString("email");
        }
        for (JsonInput d : in.objects("deferred_materials", 0)) {
            d.allowOnly(Set.of("kind", "description", "promised_date")).string("kind");
            d.optString("description");
            if (d.optString("promised_date") != null) {
                d.date("promised_date", WireTimes.COMPACT_DATE);
            }
        }
        in.optString("statement");
        NewApplication app = new NewApplication(externalId, in.string("case_id"), in.member("home_member"),
                in.creditCode("credit_code"), in.string("enterprise_name"), in.string("decision_number"),
                in.string("deciding_authority"), in.date("decision_date", WireTimes.COMPACT_DATE),
                in.oneOf("category", CATEGORIES), in.string("rule_set"), in.date("applied_on", WireTimes.COMPACT_DATE),
                callback, materials(in, 0), in.json());
        var submission = ctx.platform().submit(app);
        Application a = submission.application();
        json(rc, submission.created() ? 201 : 200, new JsonObject().put("application_no", a.applicationNo())
                .put("received_at", WireTimes.format(a.receivedAt(), WireTimes.COMPACT_TIME)));
    }

    private static List<Material> materials(JsonInput in, int min) {
        return in.objects("materials", min).stream().map(m -> {
            m.allowOnly(MATERIAL_KEYS);
            Long size = m.optLong("size");
            if (size == null || size < 0) {
                throw new BadInput("materials[].size is required, at least 0");
            }
            return new Material(m.string("attachment_id"), m.string("file_name"), m.string("media_type"), size,
                    m.sha256("sha256"), m.string("kind"));
        }).toList();
    }

    private Application application(RoutingContext rc, JsonInput in) {
        String no = rc.pathParam("no");
        Application app = ctx.book().byNumber(no).orElseThrow(() -> new NotFound("no application " + no));
        String externalId = in.string("external_id");
        if (!externalId.equals(app.request().externalId())) {
            throw new BadInput("external_id '" + externalId + "' is not the external id of application " + no);
        }
        return app;
    }

    private void materials(RoutingContext rc) {
        JsonInput in = JsonInput.parse(bodyOf(rc)).allowOnly(Set.of("external_id", "materials", "note"));
        Application app = application(rc, in);
        List<Material> materials = materials(in, 1);
        answer(rc, app, ctx.platform().supplement(app, materials, in.optString("note")));
    }

    private void withdrawal(RoutingContext rc) {
        JsonInput in = JsonInput.parse(bodyOf(rc)).allowOnly(Set.of("external_id", "reason", "note"));
        Application app = application(rc, in);
        String reason = in.oneOf("reason", WITHDRAWAL_REASONS);
        answer(rc, app, ctx.platform().withdraw(app, reason, in.optString("note")));
    }

    private void answer(RoutingContext rc, Application app, PlatformService.Outcome outcome) {
        if (outcome == PlatformService.Outcome.REFUSED) {
            error(rc, 422, "refused", ctx.platform().closedReason(app));
            return;
        }
        json(rc, 200, new JsonObject().put("application_no", app.applicationNo()));
    }

    // ---- feeds ----

    private void penalties(RoutingContext rc) {
        long after = position(rc.queryParams().get("since"));
        int limit = limit(rc.queryParams().get("limit"), 100);
        List<PenaltyEntry> page = ctx.book().penaltiesAfter(after, limit);
        JsonArray items = new JsonArray();
        for (PenaltyEntry p : page) {
            JsonObject o = new JsonObject().put("credit_code", p.creditCode()).put("enterprise_name", p.enterpriseName())
                    .put("decision_number", p.decisionNumber()).put("deciding_authority", p.decidingAuthority())
                    .put("decision_date", p.decisionDate().format(WireTimes.COMPACT_DATE)).put("category", p.category())
                    .put("rule_set", p.ruleSet());
            if (p.summary() != null) {
                o.put("summary", p.summary());
            }
            if (p.publishedOn() != null) {
                o.put("published_on", p.publishedOn().format(WireTimes.COMPACT_DATE));
            }
            items.add(o);
        }
        long next = after + page.size();
        json(rc, 200, new JsonObject().put("items", items).put("next_cursor", cursor(next))
                .put("has_more", next < ctx.book().penaltyCount()));
    }

    private void health(RoutingContext rc) {
        json(rc, 200, new JsonObject().put("status", "UP"));
    }

    // ---- pushed events ----

    /** The JSON of a pushed event: the first seven members always, the others where the type needs them. */
    public static JsonObject eventJson(EventRecord e) {
        JsonObject o = new JsonObject().put("event_id", e.eventId()).put("application_no", e.applicationNo())
                .put("external_id", e.externalId()).put("case_id", e.caseId()).put("home_member", e.homeMember())
                .put("event_type", e.type().name())
                .put("occurred_at", WireTimes.format(e.occurredAt(), WireTimes.COMPACT_TIME));
        if (e.reasonCode() != null) {
            o.put("reason_code", e.reasonCode());
        }
        if (e.reasonText() != null) {
            o.put("reason_text", e.reasonText());
        }
        if (!e.requested().isEmpty()) {
            o.put("requested_materials", new JsonArray(e.requested().stream()
                    .map(r -> new JsonObject().put("kind", r.kind()).put("description", r.description())).toList()));
        }
        if (e.respondBy() != null) {
            o.put("respond_by", e.respondBy().format(WireTimes.COMPACT_DATE));
        }
        if (e.decisionNo() != null) {
            o.put("decision_no", e.decisionNo());
        }
        if (e.endedOn() != null) {
            o.put("ended_on", e.endedOn().format(WireTimes.COMPACT_DATE));
        }
        if (!e.channels().isEmpty()) {
            o.put("channels", new JsonArray(e.channels()));
        }
        return o;
    }

    /** Pushes an event; acknowledged only by {@code 200 {"code":0}}. */
    public static CallbackPusher.EventPush pusher(WebClient client, SimulatorOptions options) {
        return (url, event) -> client.postAbs(url)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Callback-Token", options.callbackToken())
                .timeout(options.pushTimeout().toMillis())
                .sendBuffer(eventJson(event).toBuffer())
                .compose(resp -> {
                    if (resp.statusCode() != 200) {
                        return Future.failedFuture("HTTP " + resp.statusCode());
                    }
                    try {
                        JsonObject body = resp.bodyAsJsonObject();
                        if (body != null && Integer.valueOf(0).equals(body.getInteger("code"))) {
                            return Future.succeededFuture();
                        }
                    } catch (RuntimeException e) {
                        // falls through: an answer we cannot read is not an acknowledgement
                    }
                    return Future.failedFuture("HTTP 200 without {\"code\":0}");
                });
    }

    // ---- answers ----

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8")
                .putHeader("Cache-Control", "no-store").end(body.toBuffer());
    }

    private static void error(RoutingContext rc, int status, String code, String description) {
        json(rc, status, new JsonObject().put("error", code).put("error_description", description));
    }

    private static void oauthError(RoutingContext rc, int status, String code, String description) {
        error(rc, status, code, description);
    }

    @Override
    protected void injected(RoutingContext rc, InjectedFailure f) {
        if (f.retryAfterSeconds() != null) {
            rc.response().putHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
        } else if (f.status() == 429) {
            rc.response().putHeader("Retry-After", "1");
        }
        String code = f.status() == 429 ? "too_many_requests" : f.status() >= 500 ? "server_error"
                : f.status() == 422 ? "refused" : f.status() == 404 ? "not_found"
                : f.status() == 401 ? "invalid_token" : "invalid_request";
        error(rc, f.status(), code, "injected by the platform simulator");
    }

    @Override
    protected void badInput(RoutingContext rc, String message) {
        error(rc, 400, "invalid_request", message);
    }

    @Override
    protected void notFound(RoutingContext rc, String message) {
        error(rc, 404, "not_found", message);
    }

    @Override
    protected void internal(RoutingContext rc, String message) {
        error(rc, 500, "server_error", message);
    }
}
