package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema files as shipped resources: indexed, loadable from the jar, valid 2020-12, closed and documented. */
class SchemaResourcesTest {
    private static final Path SOURCE_FOLDER = Path.of("src/main/resources", ContractSchemas.RESOURCE_PATH);

    static List<String> schemaFiles() {
        return ContractSchemas.indexedFiles();
    }

    @Nested
    class Index {
        @Test
        void lists_every_schema_file_of_the_resource_folder_and_nothing_else() throws IOException {
            List<String> onDisk;
            try (Stream<Path> files = Files.list(SOURCE_FOLDER)) {
                onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json")).toList();
            }
            assertThat(schemaFiles()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(onDisk);
        }

        @Test
        void names_the_id_of_each_schema() {
            for (JsonNode entry : ContractSchemas.resourceTree("index.json").get("schemas")) {
                String file = entry.get("file").textValue();
                assertThat(entry.get("$id").textValue()).as(file)
                        .isEqualTo(ContractSchemas.resourceTree(file).get("$id").textValue());
            }
        }

        @Test
        void names_the_contract_version_base_uri_and_resource_path() {
            JsonNode index = ContractSchemas.resourceTree("index.json");
            assertThat(index.get("contract").textValue()).isEqualTo("tongban/credit-repair");
            assertThat(index.get("version").textValue()).isEqualTo("1.0");
            assertThat(index.get("baseUri").textValue()).isEqualTo(ContractSchemas.BASE_URI);
            assertThat(index.get("resourcePath").textValue()).isEqualTo(ContractSchemas.RESOURCE_PATH);
        }
    }

    @Nested
    class Packaging {
        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaResourcesTest#schemaFiles")
        void loads_through_the_class_loader_by_resource_path(String file) throws IOException {
            String path = "org/tongban/contracts/schema/v1/" + file;
            try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
                assertThat(in).as(path).isNotNull();
                assertThat(in.readAllBytes()).isNotEmpty();
            }
        }

        @Test
        void the_index_itself_is_a_class_path_resource() {
            assertThat(getClass().getClassLoader().getResource("org/tongban/contracts/schema/v1/index.json")).isNotNull();
        }
    }

    @Nested
    class Validity {
        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaResourcesTest#schemaFiles")
        void is_valid_against_the_2020_12_meta_schema(String file) {
            JsonNode schema = ContractSchemas.resourceTree(file);
            assertThat(schema.get("$schema").textValue()).isEqualTo(ContractSchemas.META_SCHEMA);
            assertThat(ContractSchemas.describe(ContractSchemas.metaSchema().validate(schema))).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaResourcesTest#schemaFiles")
        void compiles_and_resolves_every_ref_from_the_class_path(String file) {
            assertThat(ContractSchemas.schema(file).getValidators()).isNotEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaResourcesTest#schemaFiles")
        void has_an_id_under_the_contract_base_named_after_its_file(String file) {
            assertThat(ContractSchemas.resourceTree(file).get("$id").textValue()).isEqualTo(ContractSchemas.BASE_URI + file);
        }

        @Test
        void a_contract_schema_missing_from_the_class_path_is_an_error() {
            assertThatThrownBy(() -> ContractSchemas.schema("no-such.schema.json")).isInstanceOf(RuntimeException.class);
        }

        @Test
        void a_schema_elsewhere_is_never_fetched_from_the_network() {
            assertThatThrownBy(() -> ContractSchemas.schemaAt("https://schemas.example.org/other.schema.json"))
                    .hasStackTraceContaining("never fetch schemas from the network");
        }
    }

    @Nested
    class Style {
        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaResourcesTest#schemaFiles")
        void refs_are_relative_so_they_resolve_against_the_contract_base(String file) {
            List<String> absolute = new ArrayList<>();
            walk(ContractSchemas.resourceTree(file), "", (pointer, node) -> {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.textValue().contains("://")) {
                    absolute.add(pointer + " -> " + ref.textValue());
                }
            });
            assertThat(absolute).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaResourcesTest#schemaFiles")
        void every_property_has_a_description(String file) {
            List<String> undocumented = new ArrayList<>();
            walk(ContractSchemas.resourceTree(file), "", (pointer, node) -> {
                JsonNode properties = node.get("properties");
                if (properties == null || !properties.isObject() || isConditional(pointer)) {
                    return;
                }
                properties.fields().forEachRemaining(p -> {
                    if (!p.getValue().has("description")) {
                        undocumented.add(pointer + "/properties/" + p.getKey());
                    }
                });
            });
            assertThat(undocumented).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.tongban.contracts.schema.SchemaResourcesTest#schemaFiles")
        void every_object_schema_refuses_unknown_members(String file) {
            List<String> open = new ArrayList<>();
            walk(ContractSchemas.resourceTree(file), "", (pointer, node) -> {
                if (node.has("properties") && !isConditional(pointer)
                        && !node.path("additionalProperties").isBoolean()) {
                    open.add(pointer);
                }
                if (node.has("additionalProperties") && node.get("additionalProperties").asBoolean(true)) {
                    open.add(pointer + " (additionalProperties is not false)");
                }
            });
            assertThat(open).isEmpty();
        }

        /** Subschemas of if/then only narrow members that the enclosing schema declares. */
        private static boolean isConditional(String pointer) {
            return pointer.contains("/if") || pointer.contains("/then");
        }
    }

    interface Visitor {
        void visit(String pointer, JsonNode objectNode);
    }

    static void walk(JsonNode node, String pointer, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(pointer, node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), pointer + "/" + e.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
