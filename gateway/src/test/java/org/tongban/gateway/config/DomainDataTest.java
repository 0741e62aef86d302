package org.tongban.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules, calendar and SLA profiles a node loads from its configuration, and what it refuses. */
class DomainDataTest {
    @TempDir
    Path dir;

    private static NodeConfig config(List<Path> rules, List<Path> calendar, String profiles) throws Exception {
        return new NodeConfig(null, null, null, null, null, null, null, null, null, new NodeConfig.Rules(rules),
                new NodeConfig.Calendar(calendar, Duration.ofDays(30)), new NodeConfig.Sla(
                        profiles == null ? null : new ObjectMapper().readTree(profiles), Duration.ofSeconds(5),
                        Duration.ofSeconds(60)), null, null);
    }

    @Test
    void without_files_the_node_works_by_what_is_shipped() throws Exception {
        DomainData d = DomainData.load(config(List.of(), List.of(), null));
        assertThat(d.rules().ruleSets()).hasSize(3);
        assertThat(d.calendar().years()).containsExactly(2024, 2025, 2026);
        assertThat(d.profiles().ids()).containsExactlyInAnyOrder("national", "same-day", "24h");
    }

    @Test
    void configured_files_and_profiles_are_added() throws Exception {
        Path year = Files.writeString(dir.resolve("2027.json"),
                "{\"year\":2027,\"days\":[{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}]}");
        DomainData d = DomainData.load(config(List.of(), List.of(year),
                "{\"regional-48h\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"48h\", \"escalate\": true}}}}"));
        assertThat(d.calendar().covers(2027)).isTrue();
        assertThat(d.profiles().find("regional-48h")).isPresent();
    }

    @Test
    void every_problem_is_reported_at_once_with_its_key() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.csv"), "rule_set,category\n");
        Path year = Files.writeString(dir.resolve("2027.json"), "{\"year\":\"soon\"}");
        assertThatThrownBy(() -> DomainData.load(config(List.of(rules), List.of(year),
                "{\"fast\": {\"clocks\": {\"ACCEPTANCE\": {\"within\": \"soon\"}}}}")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).satisfiesExactly(
                        p -> assertThat(p).startsWith("rules.files: ").contains(rules.toString()),
                        p -> assertThat(p).startsWith("calendar.files: ").contains("\"year\""),
                        p -> assertThat(p).startsWith("sla.profiles.fast.clocks.ACCEPTANCE.within")));
    }
}
