package org.tongban.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Problem;
import org.tongban.contracts.error.Violation;
import org.tongban.gateway.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

/**
 * RFC 9457 problem+json at every HTTP edge of the node. Whatever fails inside, the caller gets
 * a stable code and a sentence, never a stack trace; unexpected failures are logged here with
 * the request path so that operators can find them.
 */
public final class ProblemJson {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemJson.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProblemJson() {
    }

    /** The problem for any failure: contract errors as they are, store failures as 503, the rest as 500. */
    public static Problem of(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ContractException) {
            return ((ContractException) t).toProblem();
        }
        if (t instanceof ProblemExtension) {
            return ((ProblemExtension) t).problem();
        }
        if (t instanceof StoreException) {
            return Problem.of(ErrorCode.SERVICE_UNAVAILABLE, "the store is not available; retry later");
        }
        return Problem.of(ErrorCode.INTERNAL_ERROR, "an internal error occurred; it was logged");
    }

    public static void send(RoutingContext ctx, Throwable failure) {
        Problem p = of(failure);
        if (p.code() == ErrorCode.INTERNAL_ERROR || p.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        send(ctx, p, extension(failure));
    }

    public static void send(RoutingContext ctx, Problem p) {
        send(ctx, p, null);
    }

    private static ProblemExtension extension(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ProblemExtension ? (ProblemExtension) t : null;
    }

    private static void send(RoutingContext ctx, Problem p, ProblemExtension extension) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(p.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (p.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            response.putHeader("Retry-After", "5");
        }
        ObjectNode body = toNode(p.withInstance(ctx.request().path()));
        if (extension != null) {
            extension.extend(body);
        }
        response.end(Buffer.buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] toJson(Problem p) {
        return toNode(p).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode toNode(Problem p) {
        ObjectNode o = NODES.objectNode();
        o.put("type", p.type());
        o.put("title", p.title());
        o.put("status", p.status());
        if (p.detail() != null) {
            o.put("detail", p.detail());
        }
        if (p.instance() != null) {
            o.put("instance", p.instance());
        }
        o.put("code", p.code().name());
        o.put("category", p.category().name());
        o.put("origin", p.origin().name());
        if (!p.errors().isEmpty()) {
            ArrayNode errors = o.putArray("errors");
            for (Violation v : p.errors()) {
                errors.addObject().put("code", v.code().name()).put("pointer", v.pointer()).put("detail", v.detail());
            }
        }
        return o;
    }
}
