package org.tongban.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.config.CallbackSettings;
import org.tongban.adapters.testing.Await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackServerTest {
    private static Vertx vertx;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private CallbackServer server;
    private final AtomicReference<CallbackServer.CallbackRequest> seen = new AtomicReference<>();

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            Await.result(server.close());
        }
    }

    private CallbackServer start(CallbackSettings settings, int maxBody) {
        server = Await.result(CallbackServer.start(vertx, settings, req -> {
            seen.set(req);
            return Future.succeededFuture(new CallbackServer.CallbackAnswer(200, "application/json",
                    Buffer.buffer("{\"code\":0}")));
        }, maxBody));
        return server;
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Test", "1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void port_zero_binds_a_free_port_and_the_url_names_it() throws Exception {
        start(new CallbackSettings("127.0.0.1", 0, "/callbacks/330100", null), 1024);

        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/callbacks/330100");
        HttpResponse<String> r = post(server.url(), "{\"event_id\":\"e-1\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"code\":0}");
        assertThat(seen.get().body().toString()).isEqualTo("{\"event_id\":\"e-1\"}");
        assertThat(seen.get().headers().get("X-Test")).isEqualTo("1");
    }

    @Test
    void a_public_url_is_announced_instead_of_the_bound_address() {
        start(new CallbackSettings("127.0.0.1", 0, "/cb", URI.create("https://gw.example.gov.cn/cb")), 1024);

        assertThat(server.url()).isEqualTo("https://gw.example.gov.cn/cb");
    }

    @Test
    void other_paths_methods_and_oversized_bodies_never_reach_the_handler() throws Exception {
        start(new CallbackSettings("127.0.0.1", 0, "/cb", null), 16);
        String base = "http://127.0.0.1:" + server.port();

        assertThat(post(base + "/other", "{}").statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/cb")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(post(base + "/cb", "x".repeat(17)).statusCode()).isEqualTo(413);
        assertThat(seen.get()).isNull();
    }

    @Test
    void a_failing_handler_is_answered_500() throws Exception {
        server = Await.result(CallbackServer.start(vertx, new CallbackSettings("127.0.0.1", 0, "/cb", null),
                req -> {
                    throw new IllegalStateException("bug");
                }));

        assertThat(post(server.url(), "{}").statusCode()).isEqualTo(500);
    }
}
