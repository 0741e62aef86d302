package org.tongban.adapters.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.testing.MemoryCursorStore;
import org.tongban.adapters.testing.RecordingSink;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock platform on a free port and a started {@code rest-oauth2} adapter for member 330100. */
abstract class RestPlatformFixture {
    static final String CALLBACK_TOKEN = "cb-5ecret";
    static Vertx vertx;
    WireMockServer platform;
    RestOAuth2Adapter adapter;
    MemoryCursorStore store;
    RecordingSink sink;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        Await.result(vertx.close());
    }

    @BeforeEach
    void startPlatformAndAdapter() {
        platform = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
        platform.stubFor(post("/oauth/token").willReturn(okJson(
                "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}")));
        store = new MemoryCursorStore();
        sink = new RecordingSink();
        adapter = (RestOAuth2Adapter) new RestOAuth2AdapterFactory().create(new AdapterContext(vertx,
                Fixtures.PENALIZING, settings(), store, Path.of("")));
        Await.result(adapter.start(sink));
    }

    JsonObject settings() {
        return new JsonObject()
                .put("baseUrl", platform.baseUrl() + "/")
                .put("tokenUrl", platform.baseUrl() + "/oauth/token")
                .put("clientId", "hz-gateway")
                .put("clientSecret", "client-5ecret")
                .put("scope", "xyxf")
                .put("callback", new JsonObject().put("token", CALLBACK_TOKEN))
                .put("http", new JsonObject().put("requestTimeout", "2s").put("connectTimeout", "1s"));
    }

    @AfterEach
    void stopPlatformAndAdapter() {
        Await.result(adapter.stop());
        platform.stop();
    }
}
