package org.tongban.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code sharing} block of the node configuration: defaults, overrides, and values refused at start-up. */
class SharingConfigTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeANode() {
        FederationPlan plan = new FederationPlan("cfg-test", true, List.of(new FederationPlan.NodePlan("north", "127.0.0.1",
                0, 0, 0, List.of(new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "scripted",
                new ObjectMapper().createObjectNode())), null)));
        config = new DevFederation(dir, plan, Clock.systemUTC()).write().nodeConfigs().get("north");
    }

    @Test
    void defaults_to_batches_of_2000_and_can_be_set_per_node() {
        NodeConfig.Sharing defaults = ConfigLoader.load(config, Map.of()).sharing();
        assertThat(defaults).isEqualTo(new NodeConfig.Sharing(2000, 2000, Duration.ofSeconds(10), Duration.ofMinutes(1)));

        NodeConfig.Sharing set = ConfigLoader.load(config, Map.of("TONGBAN_SHARING_BATCH_SIZE", "2",
                "TONGBAN_SHARING_POLL_EVERY", "500ms")).sharing();
        assertThat(set.batchSize()).isEqualTo(2);
        assertThat(set.pollEvery()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refuses_batches_larger_than_the_contract_allows_and_a_frantic_job_schedule() {
        assertThatThrownBy(() -> ConfigLoader.load(config, Map.of("TONGBAN_SHARING_BATCH_SIZE", "10001",
                "TONGBAN_SHARING_JOBS_EVERY", "10ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sharing.batchSize: between 1 and 10000")
                .hasMessageContaining("sharing.jobsEvery: at least 1s");
    }
}
