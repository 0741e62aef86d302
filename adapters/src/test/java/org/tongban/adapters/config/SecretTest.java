package org.tongban.adapters.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.AdapterConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretTest {
    private static Secret read(JsonObject json, Path dir, Map<String, String> env) {
        return Settings.of(json, dir, env::get).requiredSecret("clientSecret");
    }

    @Test
    void a_plain_string_is_the_secret_and_prints_redacted() {
        Secret s = read(new JsonObject().put("clientSecret", "s3cr3t"), Path.of(""), Map.of());

        assertThat(s.reveal()).isEqualTo("s3cr3t");
        assertThat(s.toString()).isEqualTo("***");
        assertThat(String.valueOf(new Holder(s))).isEqualTo("Holder[secret=***]").doesNotContain("s3cr3t");
    }

    record Holder(Secret secret) {
    }

    @Test
    void an_environment_reference_is_resolved() {
        Secret s = read(new JsonObject().put("clientSecret", new JsonObject().put("secret", "env:HZ_SECRET")),
                Path.of(""), Map.of("HZ_SECRET", "from-env"));

        assertThat(s.reveal()).isEqualTo("from-env");
        assertThat(s.source()).isEqualTo("env:HZ_SECRET");
    }

    @Test
    void an_unset_environment_variable_is_named() {
        assertThatThrownBy(() -> read(new JsonObject().put("clientSecret", new JsonObject().put("secret", "env:NOPE")),
                Path.of(""), Map.of()))
                .isInstanceOf(AdapterConfigException.class)
                .hasMessage("clientSecret: environment variable NOPE is not set or empty");
    }

    @Test
    void a_file_reference_is_read_relative_to_the_base_directory_without_its_line_break(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("app.secret"), "from-file\n");

        Secret s = read(new JsonObject().put("clientSecret", new JsonObject().put("secret", "file:app.secret")), dir,
                Map.of());

        assertThat(s.reveal()).isEqualTo("from-file");
    }

    @Test
    void an_unreadable_file_is_named_but_nothing_of_its_content(@TempDir Path dir) {
        assertThatThrownBy(() -> read(new JsonObject().put("clientSecret", new JsonObject().put("secret", "file:none")),
                dir, Map.of()))
                .hasMessageStartingWith("clientSecret: cannot read secret file " + dir.resolve("none"));
    }

    @Test
    void another_form_is_refused_without_echoing_the_value() {
        assertThatThrownBy(() -> read(new JsonObject().put("clientSecret", new JsonObject().put("secret", "vault:topsecret")),
                Path.of(""), Map.of()))
                .hasMessageStartingWith("clientSecret: expected a string, {\"secret\": \"env:NAME\"}")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> read(new JsonObject().put("clientSecret", 12345678), Path.of(""), Map.of()))
                .hasMessageNotContaining("12345678");
    }

    @Test
    void matching_compares_values() {
        Secret s = Secret.of("token-1");
        assertThat(s.matches("token-1")).isTrue();
        assertThat(s.matches("token-2")).isFalse();
        assertThat(s.matches(null)).isFalse();
    }
}
