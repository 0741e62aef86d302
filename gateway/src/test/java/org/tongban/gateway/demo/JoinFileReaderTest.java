package org.tongban.gateway.demo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.simulator.Dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The join file: what it may say, and every way it is refused before anything changes. */
class JoinFileReaderTest {
    static final List<String> NODES = List.of("north", "east", "south");
    static final List<DemoCity> MEMBERS = DemoCity.load();

    @TempDir
    Path dir;

    private JoinRequest read(String yaml) {
        return JoinFileReader.read(dir.resolve("join").resolve("city.yaml"), yaml.getBytes(StandardCharsets.UTF_8), NODES,
                MEMBERS);
    }

    private String refusal(String yaml) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> read(yaml));
        assertThat(t).isInstanceOf(JoinFileReader.Refused.class);
        assertThat(t.getStackTrace()).as("a refusal is a line, not a stack trace").isEmpty();
        return t.getMessage();
    }

    @Nested
    class Accepted {
        @Test
        void the_shipped_example_asks_for_quzhou_on_east_which_is_not_yet_a_member() throws IOException {
            byte[] example;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(DemoCommand.JOIN_EXAMPLE)) {
                assertThat(in).as(DemoCommand.JOIN_EXAMPLE).isNotNull();
                example = in.readAllBytes();
            }
            JoinRequest r = JoinFileReader.read(dir.resolve("quzhou.yaml"), example, NODES, MEMBERS);

            assertThat(r.id()).isEqualTo("330800");
            assertThat(r.name()).isEqualTo("衢州市");
            assertThat(r.node()).isEqualTo("east");
            assertThat(r.slaProfile()).isEqualTo("24h");
            assertThat(r.platform()).isEqualTo(Dialect.FORM_JSON);
            assertThat(r.mapping()).as("the shipped Jinhua mapping").isNull();
            assertThat(MEMBERS).extracting(DemoCity::id).doesNotContain(r.id());
        }

        @Test
        void an_unquoted_code_and_the_default_profile_are_taken() {
            JoinRequest r = read("id: 331100\nname: 丽水市\nnode: south\nplatform: xml-hmac\n");

            assertThat(r.id()).isEqualTo("331100");
            assertThat(r.slaProfile()).isEqualTo("national");
            assertThat(r.city()).isEqualTo(new DemoCity("331100", "丽水市", "丽水市", "south", "national"));
        }

        @Test
        void a_relative_mapping_is_found_beside_the_join_file() throws IOException {
            Path mapping = dir.resolve("join").resolve("mappings").resolve("quzhou.yaml");
            Files.createDirectories(mapping.getParent());
            Files.writeString(mapping, "name: quzhou\n");

            JoinRequest r = read("id: \"330800\"\nname: 衢州市\nnode: east\nplatform: form-json\nmapping: mappings/quzhou.yaml\n");

            assertThat(r.mapping()).isEqualTo(mapping.toAbsolutePath().normalize().toString());
        }

        @Test
        void a_classpath_mapping_is_taken_as_written() {
            JoinRequest r = read("id: \"330800\"\nname: 衢州市\nnode: east\nplatform: form-json\n"
                    + "mapping: classpath:org/tongban/adapters/declarative/jinhua.yaml\n");

            assertThat(r.mapping()).isEqualTo("classpath:org/tongban/adapters/declarative/jinhua.yaml");
        }
    }

    @Nested
    class RefusedFiles {
        @Test
        void an_unknown_key_is_named_with_the_keys_allowed() {
            assertThat(refusal("id: \"330800\"\nname: 衢州市\nnode: east\nplatform: polling\ncolour: blue\n"))
                    .isEqualTo("unknown key 'colour'; the keys allowed are id, name, node, slaProfile, platform, mapping");
        }

        @Test
        void an_unknown_node_is_named_with_the_demo_nodes() {
            assertThat(refusal("id: \"330800\"\nname: 衢州市\nnode: west\nplatform: polling\n"))
                    .isEqualTo("node: unknown node 'west'; the demo's nodes are north, east, south");
        }

        @Test
        void a_member_of_the_federation_cannot_join_again() {
            assertThat(refusal("id: \"330100\"\nname: 杭州市\nnode: east\nplatform: polling\n"))
                    .isEqualTo("id: 330100 is already a member (杭州市 on node east)");
        }

        @Test
        void a_district_or_a_province_is_not_a_member_but_its_city_may_be() {
            assertThat(refusal("id: \"330802\"\nname: 柯城区\nnode: east\nplatform: polling\n"))
                    .contains("330802 is a county or district of 330800");
            assertThat(refusal("id: \"120101\"\nname: 和平区\nnode: north\nplatform: polling\n"))
                    .contains("of 120000");
            assertThat(refusal("id: \"330000\"\nname: 浙江省\nnode: east\nplatform: polling\n"))
                    .contains("330000 is a province");
        }

        @Test
        void a_malformed_division_code_says_what_a_code_is() {
            assertThat(refusal("id: \"03308\"\nname: 衢州市\nnode: east\nplatform: polling\n"))
                    .startsWith("id: a member id is a six-digit division code");
            assertThat(refusal("id: [330800]\nname: 衢州市\nnode: east\nplatform: polling\n"))
                    .isEqualTo("id: expected a single value, got array");
        }

        @Test
        void an_unknown_dialect_or_profile_lists_the_known_ones() {
            assertThat(refusal("id: \"330800\"\nname: 衢州市\nnode: east\nplatform: fax\nslaProfile: 2h\n"))
                    .isEqualTo("slaProfile: unknown profile '2h'; one of 24h, national, same-day; "
                            + "platform: unknown dialect 'fax'; one of rest-oauth2, xml-hmac, polling, form-json");
        }

        @Test
        void missing_values_are_all_named_at_once() {
            assertThat(refusal("slaProfile: national\n")).isEqualTo("id: missing; name: missing; node: missing; "
                    + "platform: missing");
            assertThat(refusal("id: \"330800\"\nname: \"  \"\nnode: east\nplatform: polling\n")).isEqualTo("name: empty");
        }

        @Test
        void a_mapping_is_for_form_json_only_and_must_be_there() {
            assertThat(refusal("id: \"330800\"\nname: 衢州市\nnode: east\nplatform: polling\nmapping: m.yaml\n"))
                    .isEqualTo("mapping: only a form-json platform is reached by a mapping, not polling");
            assertThat(refusal("id: \"330800\"\nname: 衢州市\nnode: east\nplatform: form-json\nmapping: mappings/none.yaml\n"))
                    .startsWith("mapping: no readable file at " + dir.resolve("join").resolve("mappings").resolve("none.yaml"));
            assertThat(refusal("id: \"330800\"\nname: 衢州市\nnode: east\nplatform: form-json\n"
                    + "mapping: classpath:org/tongban/adapters/declarative/none.yaml\n"))
                    .isEqualTo("mapping: no org/tongban/adapters/declarative/none.yaml on the class path");
        }

        @Test
        void what_is_not_a_yaml_mapping_is_refused_without_a_stack_trace() {
            assertThat(refusal("id: \"330800\"\n  name: [\n")).startsWith("not valid YAML:").contains("(line");
            assertThat(refusal("")).startsWith("holds no YAML mapping");
            assertThat(refusal("- id: \"330800\"\n")).startsWith("holds no YAML mapping");
            assertThat(refusal("id: \"330800\"\nid: \"330900\"\nname: 衢州市\nnode: east\nplatform: polling\n"))
                    .startsWith("not valid YAML:").contains("id");
        }

        @Test
        void a_name_with_control_characters_is_refused() {
            assertThat(refusal("id: \"330800\"\nname: \"衢州\\u0007市\"\nnode: east\nplatform: polling\n"))
                    .startsWith("name: at most 40 characters, no control characters");
        }
    }
}
