package org.tongban.adapters.polling;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.config.Settings;
import org.tongban.adapters.spi.AdapterConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingSettingsTest {
    private static PollingSettings read(JsonObject json) {
        return PollingSettings.read(Settings.of(json, Path.of("."), Map.of("HZ_KEY", "from-env")::get));
    }

    private static JsonObject minimal() {
        return new JsonObject().put("baseUrl", "https://credit.hangzhou.example/api").put("apiKey",
                new JsonObject().put("secret", "env:HZ_KEY"));
    }

    @Test
    void defaults_follow_the_dialect() {
        PollingSettings s = read(minimal());

        assertThat(s.pollEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.pageSize()).isEqualTo(100);
        assertThat(s.apiKey().reveal()).isEqualTo("from-env");
        assertThat(s.http().requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.toString()).doesNotContain("from-env").contains("***");
    }

    @Test
    void an_unknown_key_is_refused_by_name() {
        assertThatThrownBy(() -> read(minimal().put("pollInterval", "5s")))
                .isInstanceOf(AdapterConfigException.class).hasMessageStartingWith("pollInterval: unknown setting");
        assertThatThrownBy(() -> read(minimal().put("http", new JsonObject().put("timeout", "5s"))))
                .isInstanceOf(AdapterConfigException.class).hasMessageStartingWith("http.timeout: unknown setting");
    }

    @Test
    void bad_values_name_their_key() {
        assertThatThrownBy(() -> read(minimal().put("maxBackoff", "1s").put("pollEvery", "5s")))
                .hasMessageStartingWith("maxBackoff: must be at least pollEvery");
        assertThatThrownBy(() -> read(minimal().put("pageSize", 0))).hasMessageStartingWith("pageSize:");
        assertThatThrownBy(() -> read(minimal().put("pollEvery", "0s"))).hasMessageStartingWith("pollEvery:");
        assertThatThrownBy(() -> read(new JsonObject().put("baseUrl", "https://x.example")))
                .hasMessageStartingWith("apiKey: required setting is missing");
    }
}
