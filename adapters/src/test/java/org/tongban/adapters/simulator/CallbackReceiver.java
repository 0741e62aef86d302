package org.tongban.adapters.simulator;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The adapter's side of pushed events in tests: a real HTTP server on a loopback port chosen at
 * run time that records every push and answers from a script (then with a default answer).
 */
public final class CallbackReceiver implements AutoCloseable {
    /** One push as received. */
    public record Push(String path, MultiMap headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** How to answer a push. */
    public record Reply(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final List<Push> pushes = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final Function<Push, Reply> byDefault;

    private CallbackReceiver(Vertx vertx, Function<Push, Reply> byDefault) throws Exception {
        this.byDefault = byDefault;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    public static CallbackReceiver start(Vertx vertx, Function<Push, Reply> byDefault) {
        try {
            return new CallbackReceiver(vertx, byDefault);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next answers, before the default one takes over. */
    public CallbackReceiver thenAnswer(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            Push p = new Push(req.path(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.getBytes());
            pushes.add(p);
            Reply r = script.poll();
            if (r == null) {
                r = byDefault.apply(p);
            }
            req.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType()).end(Buffer.buffer(r.body()));
        });
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public List<Push> pushes() {
        synchronized (pushes) {
            return List.copyOf(pushes);
        }
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
