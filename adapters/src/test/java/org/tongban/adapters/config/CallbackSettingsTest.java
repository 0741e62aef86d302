package org.tongban.adapters.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.id.MemberId;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackSettingsTest {
    private static CallbackSettings read(String json) {
        Settings s = Settings.of(new JsonObject(json), Path.of(""));
        CallbackSettings c = CallbackSettings.read(s.section("callback"), MemberId.of("330100"));
        s.done();
        return c;
    }

    @Test
    void defaults_bind_loopback_on_any_port_with_the_member_in_the_path() {
        assertThat(read("{}")).isEqualTo(new CallbackSettings("127.0.0.1", 0, "/callbacks/330100", null));
    }

    @Test
    void a_public_url_is_kept() {
        CallbackSettings c = read("{\"callback\":{\"host\":\"10.1.2.3\",\"port\":8081,\"path\":\"/in/{member}\","
                + "\"publicUrl\":\"https://gw.example.gov.cn/in/330100\"}}");

        assertThat(c.path()).isEqualTo("/in/330100");
        assertThat(c.publicUrl()).isEqualTo(URI.create("https://gw.example.gov.cn/in/330100"));
    }

    @Test
    void a_wildcard_host_needs_a_public_url() {
        assertThatThrownBy(() -> read("{\"callback\":{\"host\":\"0.0.0.0\"}}"))
                .hasMessageStartingWith("callback.publicUrl: required when callback.host is 0.0.0.0");
    }

    @Test
    void a_relative_path_is_refused() {
        assertThatThrownBy(() -> read("{\"callback\":{\"path\":\"callbacks\"}}"))
                .hasMessageStartingWith("callback.path: expected an absolute path");
    }

    @Test
    void an_out_of_range_port_is_refused() {
        assertThatThrownBy(() -> read("{\"callback\":{\"port\":70000}}"))
                .hasMessage("callback.port: expected a whole number from 0 to 65535, got 70000");
    }
}
