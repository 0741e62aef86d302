package org.tongban.adapters.polling;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.testing.MemoryCursorStore;
import org.tongban.adapters.spi.AdapterContext;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A platform of the {@code polling} dialect on WireMock, and adapters of Hangzhou pointed at it. */
final class PollingPlatform implements AutoCloseable {
    static final String API_KEY = "k-330100-secret";

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final MemoryCursorStore cursors = new MemoryCursorStore();
    private final Vertx vertx;

    PollingPlatform(Vertx vertx) {
        this.vertx = vertx;
        server.start();
    }

    /** Settings with short intervals for tests; {@code extra} overrides or adds keys. */
    JsonObject settings(JsonObject extra) {
        JsonObject s = new JsonObject()
                .put("baseUrl", server.baseUrl())
                .put("apiKey", API_KEY)
                .put("pollEvery", "50ms")
                .put("maxBackoff", "400ms")
                .put("pageSize", 20)
                .put("http", new JsonObject().put("requestTimeout", "2s"));
        return s.mergeIn(extra == null ? new JsonObject() : extra, true);
    }

    /** A new adapter on the same cursor store, as after a restart. */
    PollingAdapter adapter(JsonObject extra) {
        return (PollingAdapter) new PollingAdapterFactory().create(new AdapterContext(vertx, Fixtures.PENALIZING,
                settings(extra), cursors, null));
    }

    PollingAdapter adapter() {
        return adapter(null);
    }

    /** Answers {@code GET /v2/changes} after {@code after} ({@code null}: from the beginning) with a page. */
    void page(String after, String cursor, boolean more, JsonObject... changes) {
        server.stubFor(get(urlPathEqualTo("/v2/changes"))
                .withQueryParam("after", after == null ? absent() : equalTo(after))
                .withHeader("X-Api-Key", equalTo(API_KEY))
                .willReturn(okJson(new JsonObject().put("changes", new JsonArray(List.of((Object[]) changes)))
                        .put("cursor", cursor).put("more", more).encode())));
    }

    /** The {@code after} parameter of every poll so far, in order ({@code null} where absent). */
    List<String> pollsAfter() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/v2/changes"))).stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> r.queryParameter("after").isPresent() ? r.queryParameter("after").firstValue() : null)
                .toList();
    }

    /** When each poll arrived, in milliseconds, in order. */
    List<Long> pollTimes() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/v2/changes"))).stream()
                .map(r -> r.getLoggedDate().getTime()).sorted().toList();
    }

    static JsonObject change(String id, String type) {
        return new JsonObject().put("changeId", id).put("applicationId", "HZ-2026-0001")
                .put("externalId", Fixtures.LEG.toString()).put("caseId", Fixtures.CASE.toString())
                .put("homeMember", "230100").put("type", type).put("at", "2026-11-21T09:30:00+08:00");
    }

    @Override
    public void close() {
        server.stop();
    }
}
