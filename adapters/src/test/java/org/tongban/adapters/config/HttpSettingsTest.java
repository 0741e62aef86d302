package org.tongban.adapters.config;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSettingsTest {
    private static HttpSettings read(String json, Path dir) {
        Settings s = Settings.of(new JsonObject(json), dir);
        HttpSettings h = HttpSettings.read(s.section("http"));
        s.done();
        return h;
    }

    @Test
    void an_absent_block_gives_the_documented_defaults() {
        HttpSettings h = read("{}", Path.of(""));

        assertThat(h).isEqualTo(HttpSettings.defaults());
        assertThat(h.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(h.maxConnections()).isEqualTo(8);
        assertThat(h.verifyHost()).isTrue();
    }

    @Test
    void every_setting_reaches_the_client_options(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        HttpSettings h = read("{\"http\":{\"connectTimeout\":\"750ms\",\"requestTimeout\":\"2s\",\"maxConnections\":3,"
                + "\"tls\":{\"trustPem\":\"ca.pem\",\"verifyHost\":false},"
                + "\"proxy\":{\"url\":\"http://proxy.internal:3128\",\"username\":\"u\",\"password\":\"p\"}}}", dir);

        WebClientOptions o = h.clientOptions();
        assertThat(o.getConnectTimeout()).isEqualTo(750);
        assertThat(o.isVerifyHost()).isFalse();
        assertThat(((PemTrustOptions) o.getTrustOptions()).getCertPaths())
                .containsExactly(dir.resolve("ca.pem").toAbsolutePath().toString());
        assertThat(o.getProxyOptions().getType()).isEqualTo(ProxyType.HTTP);
        assertThat(o.getProxyOptions().getHost()).isEqualTo("proxy.internal");
        assertThat(o.getProxyOptions().getPort()).isEqualTo(3128);
        assertThat(o.getProxyOptions().getPassword()).isEqualTo("p");
        assertThat(h.poolOptions().getHttp1MaxSize()).isEqualTo(3);
        assertThat(h.requestTimeoutMillis()).isEqualTo(2000);
        assertThat(h.proxy().toString()).doesNotContain("p]").contains("proxy.internal:3128");
    }

    @Test
    void a_proxy_may_be_a_plain_url() {
        HttpSettings h = read("{\"http\":{\"proxy\":\"socks5://10.0.0.1:1080\"}}", Path.of(""));

        assertThat(h.proxy().type()).isEqualTo(ProxyType.SOCKS5);
        assertThat(h.proxy().port()).isEqualTo(1080);
    }

    @Test
    void a_proxy_without_port_is_refused() {
        assertThatThrownBy(() -> read("{\"http\":{\"proxy\":\"http://proxy.internal\"}}", Path.of("")))
                .hasMessageStartingWith("http.proxy: expected a proxy URL");
    }

    @Test
    void an_unknown_key_in_the_tls_block_is_named_by_its_path() {
        assertThatThrownBy(() -> read("{\"http\":{\"tls\":{\"verifyhost\":false}}}", Path.of("")))
                .hasMessageStartingWith("http.tls.verifyhost: unknown setting (did you mean 'verifyHost'?");
    }

    @Test
    void a_zero_timeout_is_refused() {
        assertThatThrownBy(() -> read("{\"http\":{\"requestTimeout\":\"0s\"}}", Path.of("")))
                .hasMessageStartingWith("http.requestTimeout: expected a duration above 0");
    }
}
