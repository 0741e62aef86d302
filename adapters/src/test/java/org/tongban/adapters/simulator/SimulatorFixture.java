package org.tongban.adapters.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A simulated platform on a loopback port chosen at run time, with a plain HTTP client for
 * the test's side of the conversation. Closing it stops the simulator and its Vert.x.
 */
public final class SimulatorFixture implements AutoCloseable {
    private final Vertx vertx;
    private final PlatformSimulator simulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimulatorFixture(Vertx vertx, PlatformSimulator simulator) {
        this.vertx = vertx;
        this.simulator = simulator;
    }

    public static SimulatorFixture start(SimulatorOptions options) {
        Vertx vertx = Vertx.vertx();
        try {
            return new SimulatorFixture(vertx, PlatformSimulator.start(vertx, options).await(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(e);
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public PlatformSimulator simulator() {
        return simulator;
    }

    public String url(String path) {
        return simulator.baseUrl() + path;
    }

    /** An answer, with its body decoded in the charset its Content-Type names (UTF-8 if none). */
    public record Answer(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String text() {
            String type = headers.firstValue("Content-Type").orElse("");
            int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            Charset cs = at < 0 ? StandardCharsets.UTF_8 : Charset.forName(type.substring(at + 8).trim());
            return new String(bytes, cs);
        }

        public JsonObject json() {
            return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)));
    }

    public Answer get(String path, String... headers) {
        return send(request(path).headers(withDummy(headers)).GET());
    }

    public Answer postJson(String path, JsonObject body, String... headers) {
        return send(request(path).headers(withDummy(headers)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Answer putJson(String path, JsonObject body, String... headers) {
        return send(request(path).headers(withDummy(headers)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    // HttpRequest.Builder.headers() refuses an empty array; a harmless header keeps calls uniform
    private static String[] withDummy(String... headers) {
        String[] out = new String[headers.length + 2];
        out[0] = "X-Test";
        out[1] = "simulator";
        System.arraycopy(headers, 0, out, 2, headers.length);
        return out;
    }

    // ---- admin ----

    public JsonObject admin(String path) {
        Answer a = get("/admin" + path);
        if (a.status() != 200) {
            throw new AssertionError("GET /admin" + path + " → " + a.status() + " " + a.text());
        }
        return a.json();
    }

    /** The admin view of the application with {@code externalId}. */
    public JsonObject application(String externalId) {
        var items = admin("/applications?externalId=" + externalId).getJsonArray("items");
        if (items.isEmpty()) {
            throw new AssertionError("no application " + externalId);
        }
        return items.getJsonObject(0);
    }

    @Override
    public void close() {
        try {
            simulator.stop().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
