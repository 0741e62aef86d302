package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonLimits;
import org.tongban.contracts.json.StrictJson;
import org.tongban.gateway.cases.CaseService;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.http.ApiEdge;
import org.tongban.gateway.http.ApiEdge.Reply;
import org.tongban.gateway.http.ApiEdge.Request;
import org.tongban.gateway.office.auth.JwtVerifier;
import org.tongban.gateway.sharing.NoticeService;
import org.tongban.gateway.sharing.NoticeView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The office API for local credit offices (clerks filing and following out-of-town cases, and
 * reading the penalties other members shared about their enterprises, 处罚信息共享), under
 * {@value #BASE}. Every call names its clerk with a bearer token; bodies and queries are bound
 * strictly with the contract's codecs; every call runs on a worker; every error is problem+json
 * with a stable code. The document at {@value #OPENAPI} describes each route.
 */
public final class OfficeApi {
    public static final String BASE = "/office/v1";
    public static final String CASES = BASE + "/cases";
    public static final String CASE = CASES + "/:caseId";
    public static final String LEG = CASE + "/legs/:legId";
    public static final String SUPPLEMENTS = LEG + "/supplements";
    public static final String WITHDRAWAL = LEG + "/withdrawal";
    public static final String STATUS_QUERY = LEG + "/status-query";
    public static final String NOTICES = BASE + "/notices";
    public static final String NOTICE = NOTICES + "/:noticeId";
    public static final String NOTICE_CASE = NOTICE + "/case";
    public static final String OPENAPI = BASE + "/openapi.json";

    /** Largest request body: a case lists descriptors of its materials, never the files themselves. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    static final String OPENAPI_RESOURCE = "org/tongban/gateway/office/openapi.json";

    private final Vertx vertx;
    private final CaseService cases;
    private final NoticeService notices;
    private final JwtVerifier jwt;
    private final StrictJson json = new StrictJson(JsonLimits.DEFAULT.withMaxDocumentBytes(MAX_BODY_BYTES));
    private volatile String openApi;

    public OfficeApi(Vertx vertx, CaseService cases, NoticeService notices, JwtVerifier jwt) {
        this.vertx = vertx;
        this.cases = cases;
        this.notices = notices;
        this.jwt = jwt;
    }

    public Router router() {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.post(CASES).handler(body).handler(worker(this::create));
        router.get(CASES).handler(worker(this::list));
        router.get(CASE).handler(worker(this::get));
        router.post(SUPPLEMENTS).handler(body).handler(worker(this::supplement));
        router.post(WITHDRAWAL).handler(body).handler(worker(this::withdraw));
        router.post(STATUS_QUERY).handler(body).handler(worker(this::queryStatus));
        router.get(NOTICES).handler(worker(this::listNotices));
        router.get(NOTICE).handler(worker(this::getNotice));
        router.post(NOTICE_CASE).handler(body).handler(worker(this::openCaseFromNotice));
        router.get(OPENAPI).handler(worker(this::openApi));
        ApiEdge.problemsForRouter(router, "office API", MAX_BODY_BYTES);
        return router;
    }

    private Handler<RoutingContext> worker(Function<Request, Reply> work) {
        return ctx -> ApiEdge.onWorker(vertx, ctx, work);
    }

    private Reply create(Request r) {
        Clerk clerk = actingOffice(r);
        String key = OfficeRequests.idempotencyKey(r.header("Idempotency-Key"));
        JsonNode body = ApiEdge.jsonBody(r, json);
        // The canonical form is what is compared on a replay, so reformatted JSON is the same request.
        byte[] canonical = Canonicalizer.canonicalize(body);
        CaseService.Filing filing = cases.file(clerk, OfficeRequests.newCase(body), key, canonical);
        CaseView v = filing.view();
        return Reply.json(filing.replayed() ? 200 : 201, CaseJson.full(v))
                .withHeader("Location", CASES + "/" + v.record().caseId());
    }

    private Reply list(Request r) {
        Clerk clerk = jwt.authenticate(r.header("Authorization"));
        OfficeRequests.CaseQuery q = OfficeRequests.caseQuery(r.query());
        List<CaseView> found = cases.list(clerk, q.filter(q.limit() + 1));
        boolean more = found.size() > q.limit();
        List<CaseView> page = more ? found.subList(0, q.limit()) : found;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode items = o.putArray("items");
        page.forEach(v -> items.add(CaseJson.summary(v)));
        if (more) {
            o.put("next", page.get(page.size() - 1).record().caseId().toString());
        } else {
            o.putNull("next");
        }
        return Reply.json(200, o);
    }

    private Reply get(Request r) {
        Clerk clerk = jwt.authenticate(r.header("Authorization"));
        return Reply.json(200, CaseJson.full(cases.get(clerk, OfficeRequests.caseId(r.pathParam("caseId")))));
    }

    private Reply supplement(Request r) {
        Clerk clerk = actingOffice(r);
        CaseId caseId = OfficeRequests.caseId(r.pathParam("caseId"));
        LegId legId = OfficeRequests.legId(r.pathParam("legId"));
        var supplement = OfficeRequests.supplement(ApiEdge.jsonBody(r, json));
        return Reply.json(200, CaseJson.full(cases.supplement(clerk, caseId, legId, supplement)));
    }

    private Reply withdraw(Request r) {
        Clerk clerk = actingOffice(r);
        CaseId caseId = OfficeRequests.caseId(r.pathParam("caseId"));
        LegId legId = OfficeRequests.legId(r.pathParam("legId"));
        var withdrawal = OfficeRequests.withdrawal(ApiEdge.jsonBody(r, json));
        return Reply.json(200, CaseJson.full(cases.withdraw(clerk, caseId, legId, withdrawal)));
    }

    /** 202: the query is on its way; the partner's StatusReport will appear in the timeline. */
    private Reply queryStatus(Request r) {
        Clerk clerk = actingOffice(r);
        CaseId caseId = OfficeRequests.caseId(r.pathParam("caseId"));
        LegId legId = OfficeRequests.legId(r.pathParam("legId"));
        ApiEdge.noBody(r);
        return Reply.json(202, CaseJson.full(cases.queryStatus(clerk, caseId, legId)));
    }

    /** The penalty notices of the clerk's member (处罚信息共享), with eligibility and reasons. */
    private Reply listNotices(Request r) {
        Clerk clerk = jwt.authenticate(r.header("Authorization"));
        NoticeRequests.NoticeQuery q = NoticeRequests.noticeQuery(r.query());
        List<NoticeView> found = notices.list(clerk, q.filter(q.limit() + 1));
        boolean more = found.size() > q.limit();
        List<NoticeView> page = more ? found.subList(0, q.limit()) : found;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode items = o.putArray("items");
        page.forEach(v -> items.add(NoticeJson.of(v)));
        if (more) {
            o.put("next", page.get(page.size() - 1).record().noticeId());
        } else {
            o.putNull("next");
        }
        return Reply.json(200, o);
    }

    private Reply getNotice(Request r) {
        Clerk clerk = jwt.authenticate(r.header("Authorization"));
        return Reply.json(200, NoticeJson.of(notices.get(clerk, NoticeRequests.noticeId(r.pathParam("noticeId")))));
    }

    /** Opens a case from a notice in one step: 201 with the case, or 200 with the case the notice opened before. */
    private Reply openCaseFromNotice(Request r) {
        Clerk clerk = actingOffice(r);
        String noticeId = NoticeRequests.noticeId(r.pathParam("noticeId"));
        JsonNode body = ApiEdge.jsonBody(r, json);
        CaseService.Filing filing = notices.openCase(clerk, noticeId, NoticeRequests.caseFromNotice(body),
                Canonicalizer.canonicalize(body));
        CaseView v = filing.view();
        return Reply.json(filing.replayed() ? 200 : 201, CaseJson.full(v))
                .withHeader("Location", CASES + "/" + v.record().caseId());
    }

    /** The API description is public: it holds no data, and clients need it before they have a token. */
    private Reply openApi(Request r) {
        String doc = openApi;
        if (doc == null) {
            doc = loadOpenApi();
            openApi = doc;
        }
        return Reply.text(200, doc, ApiEdge.JSON);
    }

    /** Filing and acting on cases is for the offices' clerks and supervisors; ops only looks. */
    private Clerk actingOffice(Request r) {
        Clerk clerk = jwt.authenticate(r.header("Authorization"));
        if (clerk.role() == Clerk.Role.ops) {
            throw new ContractException(ErrorCode.FORBIDDEN, "",
                    "ops tokens read cases; filing and acting on them is for a member's clerks and supervisors");
        }
        return clerk;
    }

    private static String loadOpenApi() {
        try (InputStream in = OfficeApi.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lost " + OPENAPI_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
