package org.tongban.adapters.rest;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.adapters.spi.AdapterContext;
import org.tongban.adapters.spi.AdapterRegistry;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.testing.MemoryCursorStore;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestOAuth2SettingsTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    private static JsonObject minimal() {
        return new JsonObject().put("baseUrl", "https://xyxf.hangzhou.example/").put("tokenUrl",
                        "https://xyxf.hangzhou.example/oauth/token").put("clientId", "hz").put("clientSecret", "s3cr3t")
                .put("callback", new JsonObject().put("token", "cb-t0ken"));
    }

    private static RestOAuth2Settings read(JsonObject json) {
        return RestOAuth2Settings.read(new AdapterContext(vertx, Fixtures.PENALIZING, json, new MemoryCursorStore(),
                Path.of("")));
    }

    @Test
    void the_factory_is_registered_as_rest_oauth2() {
        assertThat(AdapterRegistry.load(getClass().getClassLoader()).factory("rest-oauth2"))
                .containsInstanceOf(RestOAuth2AdapterFactory.class);
    }

    @Test
    void minimal_settings_take_the_documented_defaults_and_never_print_secrets() {
        RestOAuth2Settings s = read(minimal());

        assertThat(s.baseUrl()).isEqualTo(URI.create("https://xyxf.hangzhou.example/"));
        assertThat(s.scope()).isNull();
        assertThat(s.callback().host()).isEqualTo("127.0.0.1");
        assertThat(s.callback().port()).isZero();
        assertThat(s.callback().path()).isEqualTo("/callbacks/330100");
        assertThat(s.toString()).doesNotContain("s3cr3t").doesNotContain("cb-t0ken");
    }

    @Test
    void an_unknown_key_is_refused_with_its_path() {
        assertThatThrownBy(() -> read(minimal().put("http", new JsonObject().put("tls",
                new JsonObject().put("verifyHosts", false)))))
                .isInstanceOf(AdapterConfigException.class)
                .hasMessageStartingWith("http.tls.verifyHosts: unknown setting");
    }

    @Test
    void the_callback_token_is_required() {
        assertThatThrownBy(() -> read(minimal().put("callback", new JsonObject())))
                .hasMessage("callback.token: required setting is missing");
    }

    @Test
    void a_token_url_that_is_not_http_is_refused() {
        assertThatThrownBy(() -> read(minimal().put("tokenUrl", "ldap://x")))
                .hasMessageStartingWith("tokenUrl: expected an http:// or https:// URL");
    }

    @Test
    void behind_a_proxy_the_public_url_is_what_the_platform_is_given() {
        RestOAuth2Adapter adapter = (RestOAuth2Adapter) new RestOAuth2AdapterFactory().create(new AdapterContext(vertx,
                Fixtures.PENALIZING, minimal().put("callback", new JsonObject().put("token", "t")
                .put("publicUrl", "https://gw.hangzhou.example/callbacks/330100")), new MemoryCursorStore(),
                Path.of("")));

        assertThat(adapter.callbackUrl()).isEqualTo("https://gw.hangzhou.example/callbacks/330100");
        Await.result(adapter.stop());
    }
}
