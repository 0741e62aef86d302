package org.tongban.gateway.federation;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Problem;
import org.tongban.gateway.http.ProblemJson;
import org.tongban.gateway.inbound.InboundPipeline;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.tls.NodeTls;

import java.time.Duration;
import java.util.Optional;

/**
 * The federation API, node to node: {@code POST /federation/v1/messages} takes one signed
 * envelope and answers {@code 200} with the receiving member's signed receipt once the envelope
 * is stored, or problem+json with a stable code. Verification runs on worker threads; the event
 * loop only moves bytes.
 */
public final class FederationApi {
    public static final String MESSAGES_PATH = "/federation/v1/messages";
    /** Routing-context key of the directory node that presented the client certificate (with TLS). */
    public static final String PEER_NODE = "tongban.peerNode";

    private final Vertx vertx;
    private final InboundPipeline pipeline;
    private final GatewayMetrics metrics;
    private final int maxBodyBytes;
    private final NodeTls tls;

    /** Without TLS: the development profile. */
    public FederationApi(Vertx vertx, InboundPipeline pipeline, GatewayMetrics metrics, int maxBodyBytes) {
        this(vertx, pipeline, metrics, maxBodyBytes, null);
    }

    /**
     * @param tls the node's TLS identity when the API runs over mutual TLS: each request's client
     *            certificate must be pinned for a node in the directory in force <em>now</em>, so a
     *            node dropped from the directory is refused on a connection opened before
     */
    public FederationApi(Vertx vertx, InboundPipeline pipeline, GatewayMetrics metrics, int maxBodyBytes, NodeTls tls) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.tls = tls;
    }

    private io.vertx.core.WorkerExecutor verifier;

    /**
     * Verifies on a dedicated pool of about one thread per core instead of the shared worker pool:
     * verification is pure CPU, and more threads than cores only add switching.
     */
    public FederationApi verifyOn(io.vertx.core.WorkerExecutor executor) {
        this.verifier = executor;
        return this;
    }

    public Router router() {
        Router router = Router.router(vertx);
        if (tls != null) {
            router.route().handler(this::checkClientNode);
        }
        router.post(MESSAGES_PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)
                .setHandleFileUploads(false));
        router.post(MESSAGES_PATH).handler(this::receive);
        router.get("/federation/v1/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"status\":\"UP\"}"));
        router.route().last().handler(ctx -> ProblemJson.send(ctx, Problem.of(ErrorCode.NOT_FOUND,
                "no federation resource at " + ctx.request().path())));
        router.errorHandler(413, ctx -> ProblemJson.send(ctx, Problem.of(ErrorCode.DOCUMENT_TOO_LARGE,
                "the envelope is larger than " + maxBodyBytes + " bytes")));
        router.errorHandler(405, ctx -> ProblemJson.send(ctx, Problem.of(ErrorCode.METHOD_NOT_ALLOWED,
                ctx.request().method() + " is not allowed here")));
        router.errorHandler(500, ctx -> ProblemJson.send(ctx, ctx.failure() == null
                ? new IllegalStateException("failure without cause") : ctx.failure()));
        return router;
    }

    private void checkClientNode(RoutingContext ctx) {
        Optional<String> node = tls.nodeOf(ctx.request().sslSession());
        if (node.isEmpty()) {
            ProblemJson.send(ctx, Problem.of(ErrorCode.CLIENT_CERTIFICATE_UNKNOWN,
                    "the client certificate is not pinned for any node in the federation directory in force"));
            return;
        }
        ctx.put(PEER_NODE, node.get());
        ctx.next();
    }

    private void receive(RoutingContext ctx) {
        long start = System.nanoTime();
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            ProblemJson.send(ctx, Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the envelope as application/json"));
            return;
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            ProblemJson.send(ctx, new ContractException(ErrorCode.JSON_MALFORMED, "", "the request has no body"));
            return;
        }
        byte[] bytes = body.getBytes();
        (verifier != null ? verifier.<InboundPipeline.Checked>executeBlocking(() -> pipeline.verify(bytes), false)
                : vertx.<InboundPipeline.Checked>executeBlocking(() -> pipeline.verify(bytes), false))
                .compose(checked -> io.vertx.core.Future.fromCompletionStage(pipeline.store(checked), vertx.getOrCreateContext()))
                .onSuccess(answer -> {
                    metrics.messageIn(answer.envelope().to().value(), answer.envelope().from().value(),
                            answer.envelope().type().wireName(), answer.duplicate() ? "duplicate" : "accepted");
                    metrics.inboundLatency(answer.envelope().type().wireName(), "accepted",
                            Duration.ofNanos(System.nanoTime() - start));
                    ctx.response().putHeader("Content-Type", "application/json")
                            .putHeader("Tongban-Duplicate", Boolean.toString(answer.duplicate()))
                            .end(answer.receipt());
                })
                .onFailure(failure -> {
                    Problem p = ProblemJson.of(failure);
                    metrics.messageIn("unknown", "unknown", "unknown", "refused:" + p.code().name());
                    metrics.inboundLatency("unknown", "refused", Duration.ofNanos(System.nanoTime() - start));
                    ProblemJson.send(ctx, failure);
                });
    }
}
