package org.tongban.adapters.simulator.dialect;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import org.tongban.adapters.simulator.SimulatorOptions;
import org.tongban.adapters.simulator.book.Application;
import org.tongban.adapters.simulator.book.EventRecord;
import org.tongban.adapters.simulator.book.Material;
import org.tongban.adapters.simulator.book.NewApplication;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.book.RequestedItem;
import org.tongban.adapters.simulator.engine.CallbackPusher;
import org.tongban.adapters.simulator.engine.PlatformService;
import org.tongban.adapters.simulator.fault.InjectedFailure;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The platform side of {@code xml-hmac} (DIALECTS.md b): signed XML requests (HMAC-SM3 headers
 * checked on every call, refused with body codes {@code 4001}/{@code 4002}), answers that are
 * always HTTP 200 with a body status code, and events pushed signed to the {@code CallbackUrl}.
 */
public final class XmlHmacDialect extends DialectRoutes {
    public static final String BASE = "/xyxf";
    private static final Set<String> APPLY = Set.of("ExternalId", "CaseId", "HomeMember", "CreditCode",
            "EnterpriseName", "DecisionNumber", "DecidingAuthority", "DecisionDate", "Category", "RuleSet",
            "AppliedOn", "CallbackUrl", "Statement", "Contacts", "Materials", "DeferredMaterials");
    private static final Set<String> MATERIAL = Set.of("AttachmentId", "FileName", "MediaType", "Size", "Sha256", "Kind");
    private static final Map<String, String> MESSAGES = Map.of("0000", "成功", "1001", "字段无效", "1002",
            "外部编号重复", "1003", "拒绝办理", "2001", "系统繁忙，请稍后重试", "2002", "系统维护中", "4001", "签名无效",
            "4002", "时间戳超出允许范围");

    private final SignedRequests signatures;

    public XmlHmacDialect(PlatformContext ctx) {
        super(ctx);
        SimulatorOptions o = ctx.options();
        this.signatures = new SignedRequests(o.appKey(), o.appSecret(), o.clock());
    }

    @Override
    public void mount(Router router) {
        router.post(BASE + "/apply").handler(body()).handler(serve("apply", this::apply));
        router.post(BASE + "/supplement").handler(body()).handler(serve("supplement", this::supplement));
        router.post(BASE + "/withdraw").handler(body()).handler(serve("withdraw", this::withdraw));
        router.post(BASE + "/penalties").handler(body()).handler(serve("penalties", this::penalties));
        router.post(BASE + "/ping").handler(body()).handler(serve("health", this::ping));
    }

    @Override
    protected boolean authenticate(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/xml")) {
            answer(rc, "1001", "Content-Type 须为 application/xml", null);
            return false;
        }
        Optional<SignedRequests.Refusal> refusal = signatures.verify(rc.request().path(), bodyOf(rc).getBytes(),
                rc.request()::getHeader);
        refusal.ifPresent(r -> answer(rc, r.code(), r.message(), null));
        return refusal.isEmpty();
    }

    private XmlElement request(RoutingContext rc) {
        XmlElement root = XmlElement.parse(bodyOf(rc).getBytes(), requestCharset(rc.request().getHeader("Content-Type")));
        if (!root.name().equals("Request")) {
            throw new BadInput("the root element is <Request>, not <" + root.name() + ">");
        }
        return root;
    }

    static Charset requestCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new BadInput("unknown charset " + name);
                }
            }
        }
        return null;
    }

    private void apply(RoutingContext rc) {
        XmlElement r = request(rc).allowOnly(APPLY);
        String callback = r.required("CallbackUrl");
        checkCallbackUrl(callback, "/Request/CallbackUrl");
        for (XmlElement c : r.child("Contacts").map(x -> x.allowOnly(Set.of("Contact")).children()).orElse(List.of())) {
            c.allowOnly(Set.of("Name", "Role", "Phone", "Email")).required("Name");
        }
        for (XmlElement d : r.child("DeferredMaterials").map(x -> x.allowOnly(Set.of("Deferred")).children()).orElse(List.of())) {
            d.allowOnly(Set.of("Kind", "Description", "PromisedDate")).required("Kind");
            if (d.optional("PromisedDate") != null) {
                WireTimes.parseDate(d.optional("PromisedDate"), WireTimes.ISO_DATE, d.path() + "/PromisedDate");
            }
        }
        NewApplication app = new NewApplication(r.required("ExternalId"), r.required("CaseId"),
                Checks.member(r.required("HomeMember"), "/Request/HomeMember"),
                Checks.creditCode(r.required("CreditCode"), "/Request/CreditCode"), r.required("EnterpriseName"),
                r.required("DecisionNumber"), r.required("DecidingAuthority"),
                WireTimes.parseDate(r.required("DecisionDate"), WireTimes.ISO_DATE, "/Request/DecisionDate"),
                Checks.oneOf(r.required("Category"), PenaltyEntry.CATEGORIES, "/Request/Category"), r.required("RuleSet"),
                WireTimes.parseDate(r.required("AppliedOn"), WireTimes.ISO_DATE, "/Request/AppliedOn"), callback,
                materials(r, false), received(r));
        var submission = ctx.platform().submit(app);
        answer(rc, submission.created() ? "0000" : "1002", null, submission.application().applicationNo());
    }

    private static List<Material> materials(XmlElement r, boolean required) {
        List<XmlElement> items = r.child("Materials").map(x -> x.allowOnly(Set.of("Material")).children()).orElse(List.of());
        if (required && items.isEmpty()) {
            throw new BadInput(r.path() + "/Materials needs at least one <Material>");
        }
        List<Material> out = new ArrayList<>();
        for (XmlElement m : items) {
            m.allowOnly(MATERIAL);
            out.add(new Material(m.required("AttachmentId"), m.required("FileName"), m.required("MediaType"),
                    Checks.size(m.required("Size"), m.path() + "/Size"),
                    Checks.sha256(m.required("Sha256"), m.path() + "/Sha256"), m.required("Kind")));
        }
        return out;
    }

    /** The request as JSON for the admin API: elements by name, repeated ones as arrays. */
    private static JsonObject received(XmlElement e) {
        JsonObject o = new JsonObject();
        for (XmlElement c : e.children()) {
            Object v = c.children().isEmpty() ? c.text() : received(c);
            if (o.containsKey(c.name())) {
                Object prev = o.getValue(c.name());
                JsonArray a = prev instanceof JsonArray ? (JsonArray) prev : new JsonArray().add(prev);
                o.put(c.name(), a.add(v));
            } else {
                o.put(c.name(), v);
            }
        }
        return o;
    }

    private Application application(XmlElement r) {
        String no = r.required("ApplicationNo");
        Application app = ctx.book().byNumber(no).orElseThrow(() -> new NotFound("ApplicationNo " + no + " 不存在"));
        String externalId = r.required("ExternalId");
        if (!externalId.equals(app.request().externalId())) {
            throw new BadInput("ExternalId " + externalId + " 与申请 " + no + " 不符");
        }
        return app;
    }

    private void supplement(RoutingContext rc) {
        XmlElement r = request(rc).allowOnly(Set.of("ExternalId", "ApplicationNo", "Materials", "Note"));
        Application app = application(r);
        outcome(rc, app, ctx.platform().supplement(app, materials(r, true), r.optional("Note")));
    }

    private void withdraw(RoutingContext rc) {
        XmlElement r = request(rc).allowOnly(Set.of("ExternalId", "ApplicationNo", "Reason", "Note"));
        Application app = application(r);
        String reason = Checks.oneOf(r.required("Reason"), RestOauth2Dialect.WITHDRAWAL_REASONS, "/Request/Reason");
        outcome(rc, app, ctx.platform().withdraw(app, reason, r.optional("Note")));
    }

    private void outcome(RoutingContext rc, Application app, PlatformService.Outcome outcome) {
        if (outcome == PlatformService.Outcome.REFUSED) {
            answer(rc, "1003", "拒绝办理：" + ctx.platform().closedReason(app), app.applicationNo());
        } else {
            answer(rc, "0000", null, app.applicationNo());
        }
    }

    private void penalties(RoutingContext rc) {
        XmlElement r = request(rc).allowOnly(Set.of("Since", "Limit"));
        long after = position(r.optional("Since"));
        int limit = limit(r.optional("Limit"), 100);
        List<PenaltyEntry> page = ctx.book().penaltiesAfter(after, limit);
        long next = after + page.size();
        XmlWriter w = XmlWriter.document(ctx.options().charset(), "Response").element("Code", "0000")
                .element("Message", MESSAGES.get("0000")).open("Items");
        for (PenaltyEntry p : page) {
            w.open("Item").element("CreditCode", p.creditCode()).element("EnterpriseName", p.enterpriseName())
                    .element("DecisionNumber", p.decisionNumber()).element("DecidingAuthority", p.decidingAuthority())
                    .element("DecisionDate", p.decisionDate().format(WireTimes.ISO_DATE)).element("Category", p.category())
                    .element("RuleSet", p.ruleSet()).element("Summary", p.summary())
                    .element("PublishedOn", p.publishedOn() == null ? null : p.publishedOn().format(WireTimes.ISO_DATE))
                    .close("Item");
        }
        w.close("Items").element("NextCursor", cursor(next)).element("HasMore", next < ctx.book().penaltyCount());
        xml(rc, 200, w.end("Response"));
    }

    private void ping(RoutingContext rc) {
        request(rc);
        answer(rc, "0000", null, null);
    }

    // ---- answers ----

    private void answer(RoutingContext rc, String code, String message, String applicationNo) {
        XmlWriter w = XmlWriter.document(ctx.options().charset(), "Response").element("Code", code)
                .element("Message", message == null ? MESSAGES.getOrDefault(code, code) : message)
                .element("ApplicationNo", applicationNo);
        xml(rc, 200, w.end("Response"));
    }

    private void xml(RoutingContext rc, int status, byte[] body) {
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", "application/xml; charset=" + ctx.options().charset().name())
                .end(Buffer.buffer(body));
    }

    @Override
    protected void injected(RoutingContext rc, InjectedFailure f) {
        if (f.bodyCode() != null) {
            XmlWriter w = XmlWriter.document(ctx.options().charset(), "Response").element("Code", f.bodyCode())
                    .element("Message", MESSAGES.getOrDefault(f.bodyCode(), "模拟故障")).element("RetryAfter",
                            f.retryAfterSeconds());
            xml(rc, 200, w.end("Response"));
            return;
        }
        if (f.retryAfterSeconds() != null) {
            rc.response().putHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
        }
        rc.response().setStatusCode(f.status()).putHeader("Content-Type", "text/plain; charset=UTF-8")
                .end("injected by the platform simulator");
    }

    @Override
    protected void badInput(RoutingContext rc, String message) {
        answer(rc, "1001", "字段无效：" + message, null);
    }

    @Override
    protected void notFound(RoutingContext rc, String message) {
        answer(rc, "1001", "字段无效：" + message, null);
    }

    @Override
    protected void internal(RoutingContext rc, String message) {
        rc.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=UTF-8").end(message);
    }

    // ---- pushed events ----

    /** The XML of a pushed event in {@code charset}. */
    public static byte[] eventXml(EventRecord e, Charset charset) {
        XmlWriter w = XmlWriter.document(charset, "Event").element("EventId", e.eventId())
                .element("ApplicationNo", e.applicationNo()).element("ExternalId", e.externalId())
                .element("CaseId", e.caseId()).element("HomeMember", e.homeMember())
                .element("EventType", e.type().name())
                .element("OccurredAt", WireTimes.format(e.occurredAt(), WireTimes.SPACED_TIME))
                .element("ReasonCode", e.reasonCode()).element("ReasonText", e.reasonText());
        if (!e.requested().isEmpty()) {
            w.open("RequestedMaterials");
            for (RequestedItem r : e.requested()) {
                w.open("Material").element("Kind", r.kind()).element("Description", r.description()).close("Material");
            }
            w.close("RequestedMaterials");
        }
        w.element("RespondBy", e.respondBy() == null ? null : e.respondBy().format(WireTimes.ISO_DATE))
                .element("DecisionNo", e.decisionNo())
                .element("EndedOn", e.endedOn() == null ? null : e.endedOn().format(WireTimes.ISO_DATE));
        if (!e.channels().isEmpty()) {
            w.open("Channels");
            e.channels().forEach(c -> w.element("Channel", c));
            w.close("Channels");
        }
        return w.end("Event");
    }

    /** Pushes an event, signed; acknowledged only by HTTP 200 with {@code <Code>0000</Code>}. */
    public static CallbackPusher.EventPush pusher(WebClient client, SimulatorOptions options) {
        SignedRequests signer = new SignedRequests(options.appKey(), options.appSecret(), options.clock());
        Charset charset = options.charset();
        return (url, event) -> {
            byte[] body = eventXml(event, charset);
            String path = URI.create(url).getRawPath();
            SignedRequests.Headers h = signer.sign(path == null || path.isEmpty() ? "/" : path, body);
            HttpRequest<Buffer> req = client.postAbs(url)
                    .putHeader("Content-Type", "application/xml; charset=" + charset.name())
                    .timeout(options.pushTimeout().toMillis());
            h.asMap().forEach(req::putHeader);
            return req.sendBuffer(Buffer.buffer(body)).compose(resp -> {
                if (resp.statusCode() != 200) {
                    return Future.failedFuture("HTTP " + resp.statusCode());
                }
                String code;
                try {
                    Charset answered = requestCharset(resp.getHeader("Content-Type"));
                    code = XmlElement.parse(resp.bodyAsBuffer() == null ? new byte[0] : resp.bodyAsBuffer().getBytes(),
                            answered == null ? StandardCharsets.UTF_8 : answered).optional("Code");
                } catch (RuntimeException e) {
                    return Future.failedFuture("unreadable answer: " + e.getMessage());
                }
                return "0000".equals(code) ? Future.succeededFuture() : Future.failedFuture("Code " + code);
            });
        };
    }
}
