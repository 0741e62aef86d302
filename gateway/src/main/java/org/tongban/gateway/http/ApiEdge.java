package org.tongban.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Problem;
import org.tongban.contracts.json.StrictJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTTP edge shared by the office and ops APIs: the event loop captures the request and
 * hands it to a worker, where authentication, parsing, validation and store work happen; the
 * answer is JSON, or problem+json with a stable code. Keeping every step after routing off the
 * event loop is what lets one loop serve many clerks while the store is slow.
 */
public final class ApiEdge {
    public static final String JSON = "application/json";

    private ApiEdge() {
    }

    /** The parts of a request that handlers read, copied so a worker may use them. */
    public record Request(String path, MultiMap headers, Map<String, String> pathParams,
                          Map<String, List<String>> query, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }

        public String pathParam(String name) {
            return pathParams.get(name);
        }

        public boolean hasBody() {
            return body != null && body.length > 0;
        }
    }

    /** What a handler answers: a status, a JSON body (or text for {@link #text}), extra headers. */
    public record Reply(int status, JsonNode json, String text, String contentType, Map<String, String> headers) {
        public static Reply json(int status, JsonNode body) {
            return new Reply(status, body, null, JSON, Map.of());
        }

        public static Reply text(int status, String body, String contentType) {
            return new Reply(status, null, body, contentType, Map.of());
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, json, text, contentType, h);
        }
    }

    /**
     * Runs {@code work} on a worker thread (unordered, so requests of one connection do not wait
     * for each other) and answers with its reply or its failure as problem+json.
     */
    public static void onWorker(Vertx vertx, RoutingContext ctx, Function<Request, Reply> work) {
        Request request = capture(ctx);
        vertx.executeBlocking(() -> work.apply(request), false)
                .onSuccess(reply -> send(ctx, reply))
                .onFailure(failure -> fail(ctx, request, failure));
    }

    public static void send(RoutingContext ctx, Reply reply) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType())
                // case data names enterprises and people: no shared cache keeps it
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        reply.headers().forEach(response::putHeader);
        byte[] bytes = reply.json() != null ? reply.json().toString().getBytes(StandardCharsets.UTF_8)
                : reply.text().getBytes(StandardCharsets.UTF_8);
        response.end(Buffer.buffer(bytes));
    }

    /** Answers a failure; a refused token also gets the RFC 6750 challenge. */
    public static void fail(RoutingContext ctx, Request request, Throwable failure) {
        Problem p = ProblemJson.of(failure);
        if (p.code() == ErrorCode.UNAUTHENTICATED && !ctx.response().headWritten()) {
            boolean tokenGiven = request != null && request.header("Authorization") != null;
            ctx.response().putHeader("WWW-Authenticate",
                    "Bearer realm=\"tongban\"" + (tokenGiven ? ", error=\"invalid_token\"" : ""));
        }
        ProblemJson.send(ctx, failure);
    }

    /**
     * The request body as strict JSON: {@code application/json} only, not empty, no duplicate
     * members, within the limits of {@code json}.
     */
    public static JsonNode jsonBody(Request request, StrictJson json) {
        String type = request.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(JSON)) {
            throw new ContractException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "", "send the body as application/json");
        }
        if (!request.hasBody()) {
            throw new ContractException(ErrorCode.JSON_MALFORMED, "", "the request has no body");
        }
        return json.parse(request.body());
    }

    /** Refuses a body on a request that takes none, so a misdirected call does not pass silently. */
    public static void noBody(Request request) {
        if (request.hasBody()) {
            throw new ContractException(ErrorCode.FIELD_UNKNOWN, "", "this request takes no body");
        }
    }

    /**
     * Answers what the router itself refuses (no route, wrong method, body too large, a handler
     * that threw) with problem+json, like everything else.
     */
    public static void problemsForRouter(Router router, String api, int maxBodyBytes) {
        router.errorHandler(404, ctx -> ProblemJson.send(ctx, Problem.of(ErrorCode.NOT_FOUND,
                "no " + api + " resource at " + ctx.request().path())));
        router.errorHandler(405, ctx -> ProblemJson.send(ctx, Problem.of(ErrorCode.METHOD_NOT_ALLOWED,
                ctx.request().method() + " is not allowed on " + ctx.request().path())));
        router.errorHandler(413, ctx -> ProblemJson.send(ctx, Problem.of(ErrorCode.DOCUMENT_TOO_LARGE,
                "the body is larger than " + maxBodyBytes + " bytes")));
        router.errorHandler(500, ctx -> ProblemJson.send(ctx, ctx.failure() == null
                ? new IllegalStateException("failure without cause") : ctx.failure()));
    }

    private static Request capture(RoutingContext ctx) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : ctx.queryParams().names()) {
            query.put(name, new ArrayList<>(ctx.queryParams().getAll(name)));
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        return new Request(ctx.request().path(), HttpHeaders.headers().addAll(ctx.request().headers()),
                Map.copyOf(ctx.pathParams()), query, body == null ? null : body.getBytes());
    }
}
