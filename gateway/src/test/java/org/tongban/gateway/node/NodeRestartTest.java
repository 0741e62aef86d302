package org.tongban.gateway.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;
import org.tongban.gateway.testing.FreePorts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node started again in the same process, from the same configuration: its ports and store are its own again. */
class NodeRestartTest {
    @TempDir
    Path dir;
    Vertx vertx;
    NodeConfig config;
    int federationPort;
    int officePort;
    int opsPort;

    @BeforeEach
    void write() {
        ObjectNode scripted = new ObjectMapper().createObjectNode();
        scripted.putArray("steps").add("accept");
        federationPort = FreePorts.next();
        officePort = FreePorts.next();
        opsPort = FreePorts.next();
        FederationPlan plan = new FederationPlan("tongban-test", true, List.of(new FederationPlan.NodePlan("east",
                "127.0.0.1", federationPort, officePort, opsPort,
                List.of(new FederationPlan.MemberPlan("330100", "杭州市", "national", "scripted", scripted)), null)));
        DevFederation.Written written = new DevFederation(dir, plan, Clock.systemUTC()).write();
        config = ConfigLoader.load(written.nodeConfigs().get("east"), Map.of());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void a_stopped_node_starts_again_at_the_same_addresses() throws Exception {
        Node first = Node.start(vertx, config, Clock.systemUTC()).await(30, TimeUnit.SECONDS);
        first.stop(Duration.ofSeconds(2)).await(30, TimeUnit.SECONDS);

        Node again = Node.start(vertx, config, Clock.systemUTC()).await(30, TimeUnit.SECONDS);
        try {
            assertThat(List.of(again.federationPort(), again.officePort(), again.opsPort()))
                    .containsExactly(federationPort, officePort, opsPort);
        } finally {
            again.stop(Duration.ofSeconds(2)).await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_node_that_cannot_bind_one_port_lets_go_of_the_others_and_can_start_later() throws Exception {
        try (ServerSocket taken = new ServerSocket(officePort, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Node.start(vertx, config, Clock.systemUTC()).await(30, TimeUnit.SECONDS))
                    .hasMessageContaining("in use");
            assertFree(federationPort);
            assertFree(opsPort);
        }

        Node node = Node.start(vertx, config, Clock.systemUTC()).await(30, TimeUnit.SECONDS);
        node.stop(Duration.ofSeconds(2)).await(30, TimeUnit.SECONDS);
    }

    private static void assertFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still bound after the failed start", e);
        }
    }
}
