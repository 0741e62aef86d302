package org.tongban.adapters.declarative;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.testing.MemoryCursorStore;
import org.tongban.adapters.spi.AdapterContext;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** The Jinhua "form-json" platform on WireMock, and declarative adapters of Jinhua pointed at it. */
final class JinhuaPlatform implements AutoCloseable {
    static final String APPCODE = "jh-appcode-secret";
    static final String CHANGES = "/openapi/xyxf/bgjl";

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final MemoryCursorStore cursors = new MemoryCursorStore();
    private final Vertx vertx;

    JinhuaPlatform(Vertx vertx) {
        this.vertx = vertx;
        server.start();
    }

    JsonObject settings(JsonObject extra) {
        JsonObject s = new JsonObject()
                .put("mapping", Jinhua.LOCATION)
                .put("baseUrl", server.baseUrl())
                .put("apiKey", APPCODE)
                .put("pollEvery", "50ms")
                .put("maxBackoff", "400ms")
                .put("pageSize", 20)
                .put("http", new JsonObject().put("requestTimeout", "500ms"));
        s.mergeIn(extra == null ? new JsonObject() : extra, true);
        s.getMap().values().removeIf(java.util.Objects::isNull); // a null in extra removes the key
        return s;
    }

    /** A new adapter on the same cursor store (as after a restart); relative mapping paths resolve in {@code baseDir}. */
    DeclarativeAdapter adapter(JsonObject extra, Path baseDir) {
        return (DeclarativeAdapter) new DeclarativeAdapterFactory().create(new AdapterContext(vertx, Fixtures.PENALIZING,
                settings(extra), cursors, baseDir));
    }

    DeclarativeAdapter adapter() {
        return adapter(null, null);
    }

    /** Answers a poll from {@code start} ({@code null}: from the beginning) with changes and the next cursor. */
    void page(String start, String next, JsonObject... changes) {
        JsonObject data = new JsonObject().put("list", new JsonArray(List.of((Object[]) changes)));
        if (next != null) {
            data.put("next", next);
        }
        server.stubFor(get(urlPathEqualTo(CHANGES))
                .withQueryParam("start", start == null ? absent() : equalTo(start))
                .withQueryParam("size", equalTo("20"))
                .withHeader("appcode", equalTo(APPCODE))
                .willReturn(okJson(new JsonObject().put("success", true).put("data", data).encode())));
    }

    /** The {@code start} of every poll so far, in order ({@code null} where absent). */
    List<String> pollsFrom() {
        return server.findAll(getRequestedFor(urlPathEqualTo(CHANGES))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> r.queryParameter("start").isPresent() ? r.queryParameter("start").firstValue() : null)
                .toList();
    }

    List<Long> pollTimes() {
        return server.findAll(getRequestedFor(urlPathEqualTo(CHANGES))).stream()
                .map(r -> r.getLoggedDate().getTime()).sorted().toList();
    }

    static JsonObject change(String id, String zt) {
        return new JsonObject().put("bgid", id).put("sqbh", "JH-SQ-0001").put("wbbh", Fixtures.LEG.toString())
                .put("ajbh", Fixtures.CASE.toString()).put("sqdq", "230100").put("zt", zt)
                .put("bgsj", "2026-11-21 09:30:00");
    }

    @Override
    public void close() {
        server.stop();
    }
}
