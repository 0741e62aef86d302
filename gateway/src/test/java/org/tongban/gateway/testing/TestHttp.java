package org.tongban.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import org.tongban.contracts.json.StrictJson;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A router served by a real HTTP server on a random port, and a Web Client to call it. Requests
 * wait for their answer on the test thread; {@link #sendAsync} does not, for bursts.
 */
public final class TestHttp implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 20;

    private final HttpServer server;
    private final WebClient client;

    private TestHttp(HttpServer server, WebClient client) {
        this.server = server;
        this.client = client;
    }

    public static TestHttp serve(Vertx vertx, Router router) {
        return serve(vertx, router, vertx);
    }

    /** Serves on {@code server}'s event loops and calls from {@code client}'s, so the two never share a loop. */
    public static TestHttp serve(Vertx server, Router router, Vertx client) {
        HttpServer http = await(server.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        return new TestHttp(http, WebClient.create(client));
    }

    public int port() {
        return server.actualPort();
    }

    /** An answer, its body kept as text and parsed strictly when it is JSON. */
    public record Response(int status, MultiMap headers, String body) {
        public JsonNode json() {
            return StrictJson.defaults().parse(body.getBytes(StandardCharsets.UTF_8));
        }

        public String contentType() {
            return headers.get("Content-Type");
        }

        /** The stable code of a problem+json answer. */
        public String code() {
            return json().path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path, String token) {
        return send(HttpMethod.GET, path, token, null, Map.of());
    }

    public Response post(String path, String token, String json) {
        return send(HttpMethod.POST, path, token, json, Map.of());
    }

    public Response post(String path, String token, String json, Map<String, String> headers) {
        return send(HttpMethod.POST, path, token, json, headers);
    }

    public Response send(HttpMethod method, String path, String token, String json, Map<String, String> headers) {
        return await(sendAsync(method, path, token, json, headers));
    }

    /** Sends a request; a JSON body goes as application/json unless {@code headers} say otherwise. */
    public Future<Response> sendAsync(HttpMethod method, String path, String token, String json,
                                      Map<String, String> headers) {
        HttpRequest<Buffer> request = client.request(method, port(), "127.0.0.1", path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        if (json != null && !headers.containsKey("Content-Type")) {
            request.putHeader("Content-Type", "application/json");
        }
        headers.forEach(request::putHeader);
        var sent = json == null ? request.send() : request.sendBuffer(Buffer.buffer(json, "UTF-8"));
        return sent.map(r -> new Response(r.statusCode(), r.headers(), r.bodyAsString() == null ? "" : r.bodyAsString()));
    }

    public static <T> T await(Future<T> f) {
        try {
            return f.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        client.close();
        await(server.close());
    }
}
