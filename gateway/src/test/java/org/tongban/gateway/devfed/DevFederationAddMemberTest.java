package org.tongban.gateway.devfed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.directory.DirectoryMember;
import org.tongban.contracts.directory.DirectorySignatures;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member added to a federation already written, as its operators would add it, and taken out again. */
class DevFederationAddMemberTest {
    @TempDir
    Path dir;
    DevFederation federation;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void write() {
        FederationPlan plan = new FederationPlan("t", true, List.of(
                new FederationPlan.NodePlan("north", "127.0.0.1", 18443, 0, 0, List.of(member("230100", "哈尔滨市")), null),
                new FederationPlan.NodePlan("east", "127.0.0.1", 18444, 0, 0, List.of(member("330100", "杭州市")), null)));
        federation = new DevFederation(dir, plan, Clock.systemUTC());
        federation.write();
    }

    FederationPlan.MemberPlan member(String id, String name) {
        var settings = json.createObjectNode().put("baseUrl", "http://127.0.0.1:1").put("pollEvery", "300ms");
        return new FederationPlan.MemberPlan(id, name, "national", "polling", settings, Map.of("apiKey", "key-" + id));
    }

    FederationDirectory published() throws IOException {
        KeyFile anchor = KeyFile.parse(Files.readAllBytes(dir.resolve("anchor.json")));
        return DirectorySignatures.verify(Files.readAllBytes(dir.resolve("directory.json")),
                new TrustAnchor(anchor.keyId(), anchor.publicKey(), anchor.validFrom(), anchor.validUntil()), Instant.now());
    }

    @Test
    void the_member_gets_a_key_a_place_in_the_re_signed_directory_and_a_block_in_its_node_configuration() throws IOException {
        String northBefore = Files.readString(dir.resolve("north.yaml"));
        var quzhou = new FederationPlan.MemberPlan("330800", "衢州市", "24h", "polling",
                json.createObjectNode().put("baseUrl", "http://127.0.0.1:2"), Map.of("apiKey", "quzhou-key"));

        DevFederation.Added added = federation.addMember("east", quzhou);

        assertThat(added.serial()).isEqualTo(2);
        assertThat(added.key()).isEqualTo(dir.resolve("keys/330800.json"));
        FederationDirectory d = published();
        assertThat(d.serial()).isEqualTo(2);
        assertThat(d.members()).extracting(m -> m.id().value()).containsExactly("230100", "330100", "330800");
        DirectoryMember m = d.member(MemberId.of("330800")).orElseThrow();
        assertThat(m.node()).isEqualTo("east");
        assertThat(m.slaProfile()).isEqualTo("24h");
        assertThat(m.contacts()).isNotEmpty();
        KeyFile key = KeyFile.parse(Files.readAllBytes(added.key()));
        assertThat(key.hasPrivateKey()).isTrue();
        assertThat(key.member()).isEqualTo(MemberId.of("330800"));
        assertThat(m.keys()).singleElement().satisfies(k -> {
            assertThat(k.keyId()).isEqualTo(key.keyId());
            assertThat(k.key()).isEqualTo(key.publicKey());
        });

        NodeConfig east = ConfigLoader.load(dir.resolve("east.yaml"), Map.of());
        assertThat(east.members()).extracting(NodeConfig.HostedMember::id).containsExactly("330100", "330800");
        String eastYaml = Files.readString(dir.resolve("east.yaml"));
        assertThat(eastYaml).doesNotContain("quzhou-key");
        JsonNode block = new ObjectMapper(new YAMLFactory()).readTree(eastYaml).get("members").get(1);
        assertThat(block.get("keys").get(0).asText()).isEqualTo("keys/330800.json");
        assertThat(block.get("adapter").get("settings").get("apiKey").get("secret").asText())
                .isEqualTo("file:secrets/330800/apiKey");
        assertThat(Files.readString(dir.resolve("secrets/330800/apiKey"))).isEqualTo("quzhou-key");
        assertThat(Files.readString(dir.resolve("north.yaml"))).as("the other node's configuration").isEqualTo(northBefore);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void a_member_already_listed_or_an_unknown_node_changes_nothing() throws IOException {
        byte[] before = Files.readAllBytes(dir.resolve("directory.json"));

        assertThatThrownBy(() -> federation.addMember("east", member("230100", "哈尔滨市")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> federation.addMember("west", member("330800", "衢州市")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node west");

        assertThat(Files.readAllBytes(dir.resolve("directory.json"))).isEqualTo(before);
        assertThat(dir.resolve("keys/330800.json")).doesNotExist();
    }

    @Test
    void a_withdrawn_member_leaves_the_directory_and_its_node_configuration() throws IOException {
        federation.addMember("east", member("330800", "衢州市"));

        long serial = federation.withdrawMember("330800");

        assertThat(serial).isEqualTo(3);
        FederationDirectory d = published();
        assertThat(d.serial()).isEqualTo(3);
        assertThat(d.member(MemberId.of("330800"))).isEmpty();
        assertThat(ConfigLoader.load(dir.resolve("east.yaml"), Map.of()).members()).extracting(NodeConfig.HostedMember::id)
                .containsExactly("330100");
        // and it may come back
        assertThat(federation.addMember("east", member("330800", "衢州市")).serial()).isEqualTo(4);
    }
}
