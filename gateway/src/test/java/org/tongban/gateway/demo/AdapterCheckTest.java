package org.tongban.gateway.demo;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.gateway.devfed.FederationPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a node would refuse at start is refused before a city joins. */
class AdapterCheckTest {
    final Vertx vertx = Vertx.vertx();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    FederationPlan.MemberPlan declarative(String mapping) {
        var settings = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("mapping", mapping)
                .put("baseUrl", "http://127.0.0.1:1").put("pollEvery", "300ms").put("maxBackoff", "5s");
        return new FederationPlan.MemberPlan("330800", "衢州市", "24h", "declarative", settings, Map.of("apiKey", "k"));
    }

    @Test
    void the_shipped_mapping_with_its_secret_passes() {
        assertThatCode(() -> AdapterCheck.check(vertx, declarative("classpath:" + DemoPlatforms.JINHUA_MAPPING), dir))
                .doesNotThrowAnyException();
    }

    @Test
    void a_mapping_the_declarative_adapter_cannot_use_is_refused_with_its_key() throws IOException {
        Files.writeString(dir.resolve("quzhou.yaml"), "name: quzhou\nauth: {type: apiKey}\n");

        assertThatThrownBy(() -> AdapterCheck.check(vertx, declarative(dir.resolve("quzhou.yaml").toString()), dir))
                .isInstanceOf(AdapterConfigException.class).hasMessageContaining("endpoints");
    }

    @Test
    void an_adapter_type_that_is_not_installed_is_refused() {
        var plan = new FederationPlan.MemberPlan("330800", "衢州市", "24h", "fax", null, Map.of());

        assertThatThrownBy(() -> AdapterCheck.check(vertx, plan, dir)).isInstanceOf(AdapterConfigException.class)
                .hasMessageContaining("no adapter 'fax'");
    }
}
