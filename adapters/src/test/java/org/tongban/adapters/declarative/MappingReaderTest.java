package org.tongban.adapters.declarative;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.AdapterConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingReaderTest {
    @TempDir
    Path dir;

    private static Mapping parse(String text) {
        return MappingReader.parse(text.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }

    @Nested
    class TheShippedJinhuaMapping {
        @Test
        void loads_from_the_class_path_and_declares_every_call_it_needs() {
            Mapping m = MappingReader.load(Jinhua.LOCATION, Path.of("."));

            assertThat(m.name()).isEqualTo("jinhua-form-json");
            assertThat(m.auth().type()).isEqualTo(AuthSpec.Type.API_KEY);
            assertThat(m.auth().header()).isEqualTo("appcode");
            assertThat(m.endpoints()).containsOnlyKeys(Endpoint.Name.APPLY, Endpoint.Name.SUPPLEMENT,
                    Endpoint.Name.WITHDRAW, Endpoint.Name.CHANGES);
            assertThat(m.requests()).containsOnlyKeys(Endpoint.Name.APPLY, Endpoint.Name.SUPPLEMENT, Endpoint.Name.WITHDRAW);
            assertThat(m.changes()).isNotNull();
            assertThat(m.penalties()).isNull();
        }
    }

    @Nested
    class Locations {
        @Test
        void a_relative_path_is_read_beside_the_node_configuration_and_json_is_accepted() throws IOException {
            Path file = dir.resolve("mappings/jinhua.json");
            Files.createDirectories(file.getParent());
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                            .readTree(Jinhua.text()));
            Files.writeString(file, json);

            Mapping m = MappingReader.load("mappings/jinhua.json", dir);

            assertThat(m.source()).isEqualTo(file.toString());
            assertThat(m.endpoints()).containsKey(Endpoint.Name.CHANGES);
        }

        @Test
        void a_missing_file_or_resource_is_named() {
            assertThatThrownBy(() -> MappingReader.load("nowhere.yaml", dir)).isInstanceOf(AdapterConfigException.class)
                    .hasMessageContaining("mapping: no readable mapping file at " + dir.resolve("nowhere.yaml"));
            assertThatThrownBy(() -> MappingReader.load("classpath:org/tongban/nowhere.yaml", dir))
                    .hasMessage("mapping: no mapping org/tongban/nowhere.yaml on the class path");
        }

        @Test
        void text_that_is_not_yaml_is_refused_with_its_line() {
            assertThatThrownBy(() -> parse("name: x\nauth: [unclosed\n")).isInstanceOf(AdapterConfigException.class)
                    .hasMessageContaining("test.yaml is not valid YAML or JSON").hasMessageContaining("line");
        }
    }

    @Nested
    class ABadMapping {
        @Test
        void is_refused_with_every_problem_under_its_mapping_key() {
            String bad = Jinhua.text()
                    .replace("qymc: enterprise.name", "qymc: enterprise.nam")
                    .replace("GENERAL: 一般", "GENRAL: 一般")
                    .replace("{baseUrl}/openapi/xyxf/sqxx", "{baseUrl}/openapi/xyxf/sqxx/{legid}")
                    .replace("已修复: REPAIRED", "已修复: FIXED")
                    .replace("cfrq: { from: penalty.decisionDate, date: yyyy-MM-dd }", "cfrq: { from: penalty.authority, date: yyyy-MM-dd }")
                    .replace("name: jinhua-form-json", "name: jinhua-form-json\nretries: 3");

            assertThatThrownBy(() -> parse(bad)).isInstanceOf(AdapterConfigException.class)
                    .hasMessageStartingWith("mapping: test.yaml is not a valid mapping (6 problems): ")
                    .hasMessageContaining("(top level).retries: unknown key")
                    .hasMessageContaining("request.apply.qymc: 'enterprise.nam' is not a field of this message")
                    .hasMessageContaining("request.apply.cflb.map.GENRAL: 'GENRAL' is not a value of penalty.category;"
                            + " values: [MINOR, GENERAL, SERIOUS, SPECIFIC_SERIOUS]")
                    .hasMessageContaining("endpoints.apply.url: unknown variable {legid}; this endpoint knows"
                            + " [{baseUrl}, {legId}, {platformReference}]")
                    .hasMessageContaining("response.changes.event.type.map.已修复: 'FIXED' is none of [ACCEPTED,")
                    .hasMessageContaining("request.apply.cfrq.date: 'penalty.authority' is not a date");
        }

        @Test
        void without_a_change_feed_is_refused_and_pushed_callbacks_are_not_taken() {
            String bad = Jinhua.text().replace("  changes:    { method: GET,  url: \"{baseUrl}/openapi/xyxf/bgjl?start={cursor}&size={limit}\" }",
                    "  callback:   { method: POST, url: \"{baseUrl}/cb\" }");

            assertThatThrownBy(() -> parse(bad))
                    .hasMessageContaining("endpoints.callback: pushed events are not taken by the declarative dialect")
                    .hasMessageContaining("endpoints.changes: required");
        }

        @Test
        void a_list_needs_each_and_sources_need_exactly_one_of_from_and_const() {
            String bad = Jinhua.text()
                    .replace("wbbh: leg.legId                  # 外部编号", "wbbh: materials")
                    .replace("sqdq: leg.homeMember             # 申请地区", "sqdq: { from: leg.homeMember, const: \"330700\" }")
                    .replace("header: appcode", "header: \"app code\"");

            assertThatThrownBy(() -> parse(bad))
                    .hasMessageContaining("request.apply.wbbh: 'materials' is a list: write {each: materials, item: {...}}")
                    .hasMessageContaining("request.apply.sqdq: give exactly one of from (a path) and const (a value)")
                    .hasMessageContaining("auth.header: required for api-key");
        }

        @Test
        void answers_and_event_fields_are_checked_too() {
            String bad = Jinhua.text()
                    .replace("statuses: [200]", "statuses: [200, 404]")
                    .replace("legId: wbbh", "legid: wbbh")
                    .replace("kind: { const: OTHER }", "kind: { const: PHOTO }")
                    .replace("time: \"yyyy-MM-dd HH:mm:ss\" }        # 变更时间", "time: \"yyyy-MM-dd HH:mm:ss bb\" }");

            assertThatThrownBy(() -> parse(bad))
                    .hasMessageContaining("answer.statuses: '404' is not a 2xx HTTP status")
                    .hasMessageContaining("response.changes.event.legid: unknown key")
                    .hasMessageContaining("response.changes.event.legId: required")
                    .hasMessageContaining("response.changes.event.requestedMaterials.kind.const: 'PHOTO' is none of")
                    .hasMessageContaining("response.changes.event.at.time: 'yyyy-MM-dd HH:mm:ss bb' is not a date/time pattern");
        }
    }
}
