package org.tongban.gateway.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Relative paths in adapter settings resolve beside the configuration file, which is not itself configurable. */
class ConfigBaseDirTest {
    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeFederation() {
        FederationPlan plan = new FederationPlan("tongban-test", true, List.of(new FederationPlan.NodePlan("north",
                "127.0.0.1", 0, 0, 0, List.of(new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "scripted",
                null)), null)));
        config = new DevFederation(dir.resolve("fed"), plan, Clock.systemUTC()).write().nodeConfigs().get("north");
    }

    @Test
    void the_base_directory_is_the_directory_of_the_configuration_file() {
        NodeConfig loaded = ConfigLoader.load(config, Map.of());

        assertThat(loaded.baseDir()).isEqualTo(dir.resolve("fed").toAbsolutePath());
        assertThat(loaded.federation().directory()).isEqualTo(loaded.baseDir().resolve("directory.json"));
    }

    @Test
    void the_base_directory_cannot_be_set_in_the_file_or_the_environment() throws IOException {
        NodeConfig fromEnv = ConfigLoader.load(config, Map.of("TONGBAN_BASE_DIR", "/elsewhere"));
        assertThat(fromEnv.baseDir()).isEqualTo(dir.resolve("fed").toAbsolutePath());

        Files.writeString(config, Files.readString(config) + "baseDir: /elsewhere\n");
        assertThatThrownBy(() -> ConfigLoader.load(config, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'baseDir'");
    }
}
