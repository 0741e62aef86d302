package org.tongban.gateway.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Receipt;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.federation.FederationApi;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.federation.ReceiptFactory;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted peer node "east" hosting Hangzhou, on a real in-process HTTP server: each request
 * takes the next step of the script (a problem answer, a dropped connection, a bad receipt), and
 * when the script is used up the peer verifies the envelope and answers with Hangzhou's signed
 * receipt, as a real node does. It records what arrived and how many requests were open at once.
 */
final class FakePeer {
    /** One scripted reaction. */
    sealed interface Step permits Answer, Drop, BadReceipt, Receipted, Gated, StoreThenDrop {
    }

    /** A problem+json answer with this status and code, and a Retry-After when not null. */
    record Answer(int status, String code, String retryAfter) implements Step {
    }

    /** The connection is closed without an answer. */
    record Drop() implements Step {
    }

    /** A 200 with a receipt, signed by Hangzhou, that names the wrong hash. */
    record BadReceipt() implements Step {
    }

    /** The real thing: verify and receipt, after {@code delay}. */
    record Receipted(Duration delay) implements Step {
    }

    /** Stores the message and makes its receipt, but the connection drops before the answer. */
    record StoreThenDrop() implements Step {
    }

    /** Waits until the test opens {@code gate}, then reacts as {@code then}. */
    record Gated(Future<Void> gate, Step then) implements Step {
    }

    /** What arrived: the message id (null when the body was no envelope) and the step taken. */
    record Request(String messageId, Step step) {
    }

    private final Vertx vertx;
    private final DirectoryHolder directory;
    private final Clock clock;
    private final ReceiptFactory receipts;
    private final MessageFactory messages;
    private final Deque<Step> script = new ArrayDeque<>();
    private Step otherwise = new Receipted(Duration.ZERO);
    private final List<Request> requests = new ArrayList<>();
    /** The first receipt made for each message id: a duplicate gets it again, as at a real node. */
    private final Map<String, byte[]> firstReceipts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private HttpServer server;

    FakePeer(Vertx vertx, DirectoryHolder directory, Clock clock) {
        this.vertx = vertx;
        this.directory = directory;
        this.clock = clock;
        HostedMembers hosted = new HostedMembers(Map.of(TestDirectory.HANGZHOU,
                List.of(TestKeys.member(TestDirectory.HANGZHOU.value(), SignatureAlgorithm.ED25519))), clock);
        this.messages = new MessageFactory(hosted, new Ids(clock, new SecureRandom()), clock, Duration.ofDays(7));
        this.receipts = new ReceiptFactory(messages);
    }

    Future<FakePeer> listen(int port) {
        return listen(new HttpServerOptions().setHost("127.0.0.1").setPort(port));
    }

    Future<FakePeer> listen(HttpServerOptions options) {
        return vertx.createHttpServer(options).requestHandler(this::handle).listen().map(s -> {
            server = s;
            return this;
        });
    }

    int port() {
        return server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    synchronized FakePeer script(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    /** The reaction once the script is used up (a prompt receipt unless set). */
    synchronized FakePeer otherwise(Step step) {
        otherwise = step;
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized int count() {
        return requests.size();
    }

    int maxOpen() {
        return maxOpen.get();
    }

    private synchronized Step next(String messageId) {
        Step step = script.isEmpty() ? otherwise : script.poll();
        requests.add(new Request(messageId, step));
        return step;
    }

    private void handle(HttpServerRequest req) {
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        if (!req.path().equals(FederationApi.MESSAGES_PATH)) {
            open.decrementAndGet();
            req.response().setStatusCode(404).end();
            return;
        }
        req.body().onSuccess(body -> react(req, body, next(messageIdOf(body))));
    }

    private void react(HttpServerRequest req, Buffer body, Step step) {
        if (step instanceof Gated g) {
            io.vertx.core.Context here = vertx.getOrCreateContext();
            g.gate().onComplete(ar -> here.runOnContext(v -> react(req, body, g.then())));
        } else if (step instanceof Answer a) {
            if (a.retryAfter() != null) {
                req.response().putHeader("Retry-After", a.retryAfter());
            }
            open.decrementAndGet();
            req.response().setStatusCode(a.status()).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"urn:tongban:problem:scripted\",\"title\":\"scripted\",\"status\":" + a.status()
                            + ",\"code\":\"" + a.code() + "\",\"detail\":\"scripted answer\"}");
        } else if (step instanceof Drop) {
            open.decrementAndGet();
            req.connection().close();
        } else if (step instanceof StoreThenDrop) {
            vertx.executeBlocking(() -> receipt(body), false).onComplete(ar -> {
                open.decrementAndGet();
                req.connection().close();
            });
        } else if (step instanceof BadReceipt) {
            vertx.executeBlocking(() -> badReceipt(body), false).onComplete(ar -> answer(req, ar.result()));
        } else {
            Duration delay = ((Receipted) step).delay();
            Runnable go = () -> vertx.executeBlocking(() -> receipt(body), false).onComplete(ar -> answer(req,
                    ar.succeeded() ? ar.result() : null));
            if (delay.isZero()) {
                go.run();
            } else {
                vertx.setTimer(delay.toMillis(), id -> go.run());
            }
        }
    }

    private void answer(HttpServerRequest req, byte[] receipt) {
        open.decrementAndGet();
        if (receipt == null) {
            req.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                    .end("{\"code\":\"SIGNATURE_INVALID\",\"detail\":\"the fake peer could not verify the envelope\"}");
            return;
        }
        req.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(receipt));
    }

    private byte[] receipt(Buffer body) {
        VerifiedEnvelope v = new EnvelopeVerifier(directory.trustStore(), clock).verify(body.getBytes());
        return firstReceipts.computeIfAbsent(v.envelope().messageId().toString(),
                id -> receipts.receiptFor(v).canonicalBytes());
    }

    private byte[] badReceipt(Buffer body) {
        Envelope in = new EnvelopeVerifier(directory.trustStore(), clock).verify(body.getBytes()).envelope();
        Receipt wrong = new Receipt(in.messageId(), in.type(), "0".repeat(64), messages.now());
        return messages.create(in.to(), in.from(), in.caseId(), in.legId(), in.messageId(), wrong).canonicalBytes();
    }

    private static String messageIdOf(Buffer body) {
        String s = body.toString();
        int i = s.indexOf("\"messageId\":\"");
        return i < 0 ? null : s.substring(i + 13, s.indexOf('"', i + 13));
    }
}
