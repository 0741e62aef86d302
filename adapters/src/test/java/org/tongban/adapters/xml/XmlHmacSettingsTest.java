package org.tongban.adapters.xml;

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

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlHmacSettingsTest {
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
        return new JsonObject().put("baseUrl", "http://xyxf.wuhan.example/gw").put("appKey", "whk")
                .put("appSecret", "app-5ecret");
    }

    private static XmlHmacSettings read(JsonObject json) {
        return XmlHmacSettings.read(new AdapterContext(vertx, Fixtures.PENALIZING, json, new MemoryCursorStore(),
                Path.of("")));
    }

    @Test
    void the_factory_is_registered_as_xml_hmac() {
        assertThat(AdapterRegistry.load(getClass().getClassLoader()).factory("xml-hmac"))
                .containsInstanceOf(XmlHmacAdapterFactory.class);
    }

    @Test
    void the_charset_defaults_to_utf8_and_the_secret_never_prints() {
        XmlHmacSettings s = read(minimal());

        assertThat(s.charset()).isEqualTo(XmlCharset.UTF_8);
        assertThat(read(minimal().put("charset", "GBK")).charset()).isEqualTo(XmlCharset.GBK);
        assertThat(s.toString()).doesNotContain("app-5ecret");
    }

    @Test
    void another_charset_is_refused_naming_the_allowed_ones() {
        assertThatThrownBy(() -> read(minimal().put("charset", "Big5")))
                .isInstanceOf(AdapterConfigException.class)
                .hasMessage("charset: expected one of [GBK, UTF-8], got \"Big5\"");
    }

    @Test
    void a_callback_token_is_not_a_setting_of_this_dialect() {
        assertThatThrownBy(() -> read(minimal().put("callback", new JsonObject().put("token", "t"))))
                .hasMessageStartingWith("callback.token: unknown setting");
    }

    @Test
    void the_app_secret_is_required() {
        assertThatThrownBy(() -> read(minimal().put("appSecret", (String) null)))
                .hasMessage("appSecret: required setting is missing");
    }
}
