package org.tongban.gateway.devfed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevFederationSecretsTest {
    @TempDir
    Path dir;

    @Test
    void adapter_credentials_go_to_their_own_files_and_the_settings_refer_to_them() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var settings = json.createObjectNode().put("baseUrl", "http://127.0.0.1:1").put("clientId", "tongban");
        settings.putObject("callback").put("port", 0);
        FederationPlan plan = new FederationPlan("t", true, List.of(new FederationPlan.NodePlan("north", "127.0.0.1",
                18443, 0, 0, List.of(new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "rest-oauth2",
                settings, Map.of("clientSecret", "s3cret", "callback.token", "cb-token"))), null)));

        DevFederation.Written w = new DevFederation(dir, plan, Clock.systemUTC()).write();

        String yaml = Files.readString(w.nodeConfigs().get("north"));
        assertThat(yaml).doesNotContain("s3cret").doesNotContain("cb-token");
        JsonNode written = new ObjectMapper(new YAMLFactory()).readTree(yaml).get("members").get(0).get("adapter")
                .get("settings");
        assertThat(written.get("clientId").asText()).isEqualTo("tongban");
        assertThat(written.get("callback").get("port").asInt()).isZero();
        String secretRef = written.get("clientSecret").get("secret").asText();
        String tokenRef = written.get("callback").get("token").get("secret").asText();
        assertThat(secretRef).isEqualTo("file:secrets/230100/clientSecret");
        assertThat(Files.readString(dir.resolve(secretRef.substring(5)))).isEqualTo("s3cret");
        assertThat(Files.readString(dir.resolve(tokenRef.substring(5)))).isEqualTo("cb-token");
        // the plan's own settings are left as they were
        assertThat(settings.has("clientSecret")).isFalse();
    }
}
