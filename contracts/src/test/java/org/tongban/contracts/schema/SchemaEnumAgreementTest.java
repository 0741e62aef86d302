package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.ContactRole;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.EscalationReason;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.ReasonCode;
import org.tongban.contracts.message.SlaClock;
import org.tongban.contracts.message.WithdrawalReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The schemas' enumerations and type dispatch list exactly what the codec knows. */
class SchemaEnumAgreementTest {

    /** Where each codec enum is spelled out in the schemas (file and JSON Pointer of the subschema). */
    private static final Map<String, List<String>> ENUMS = Map.ofEntries(
            entry("common.schema.json#/$defs/penaltyCategory", names(PenaltyCategory.values(), Enum::name)),
            entry("common.schema.json#/$defs/materialKind", names(MaterialKind.values(), Enum::name)),
            entry("common.schema.json#/$defs/contactRole", names(ContactRole.values(), Enum::name)),
            entry("common.schema.json#/$defs/reasonCode", names(ReasonCode.values(), Enum::name)),
            entry("common.schema.json#/$defs/legState", names(LegState.values(), Enum::name)),
            entry("common.schema.json#/$defs/messageType", names(MessageType.values(), MessageType::wireName)),
            entry("common.schema.json#/$defs/signatureAlgorithm", names(SignatureAlgorithm.values(), SignatureAlgorithm::wireName)),
            entry("Acceptance.schema.json#/properties/outcome", names(AcceptanceOutcome.values(), Enum::name)),
            entry("RepairDecision.schema.json#/properties/outcome", names(DecisionOutcome.values(), Enum::name)),
            entry("PublicityEnded.schema.json#/properties/cause", names(PublicityEndCause.values(), Enum::name)),
            entry("PublicityEnded.schema.json#/properties/channels/items", names(PublicityChannel.values(), Enum::name)),
            entry("Withdrawal.schema.json#/properties/reason", names(WithdrawalReason.values(), Enum::name)),
            entry("Escalation.schema.json#/properties/reason", names(EscalationReason.values(), Enum::name)),
            entry("Escalation.schema.json#/properties/clock", names(SlaClock.values(), Enum::name)));

    /** The one enum that is not a codec enum but a subset of one: the case-bound message types. */
    private static final String CASE_BOUND = "envelope.schema.json#/allOf/13/if/properties/type";

    private static <E> List<String> names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    static Stream<Arguments> enums() {
        return ENUMS.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static JsonNode subschema(String location) {
        String[] parts = location.split("#", 2);
        return JsonEdits.at(ContractSchemas.resourceTree(parts[0]), parts[1]);
    }

    private static List<String> enumOf(JsonNode schema) {
        List<String> out = new ArrayList<>();
        schema.get("enum").forEach(v -> out.add(v.textValue()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void schema_enum_lists_the_codec_values_in_order(String location, List<String> codecValues) {
        assertThat(enumOf(subschema(location))).containsExactlyElementsOf(codecValues);
    }

    @Test
    void every_enum_in_the_schemas_is_tied_to_a_codec_enum() {
        List<String> untied = new ArrayList<>();
        for (String file : ContractSchemas.indexedFiles()) {
            SchemaResourcesTest.walk(ContractSchemas.resourceTree(file), "", (pointer, node) -> {
                String location = file + "#" + pointer;
                if (node.has("enum") && !ENUMS.containsKey(location) && !location.equals(CASE_BOUND)) {
                    untied.add(location);
                }
            });
        }
        assertThat(untied).isEmpty();
    }

    @Test
    void case_bound_types_are_those_of_the_codec() {
        List<String> caseBound = Arrays.stream(MessageType.values()).filter(MessageType::caseBound)
                .map(MessageType::wireName).toList();
        JsonNode rule = JsonEdits.at(ContractSchemas.resourceTree(ContractSchemas.ENVELOPE), "/allOf/13");
        assertThat(enumOf(subschema(CASE_BOUND))).containsExactlyElementsOf(caseBound);
        assertThat(rule.at("/then/required").toString()).isEqualTo("[\"caseId\",\"legId\"]");
    }

    @Test
    void envelope_chooses_the_payload_schema_of_every_type_by_its_wire_name() {
        JsonNode allOf = ContractSchemas.resourceTree(ContractSchemas.ENVELOPE).get("allOf");
        List<String> dispatched = new ArrayList<>();
        for (JsonNode rule : allOf) {
            JsonNode type = rule.at("/if/properties/type/const");
            if (!type.isMissingNode()) {
                assertThat(rule.at("/then/properties/payload/$ref").textValue()).isEqualTo(type.textValue() + ".schema.json");
                dispatched.add(type.textValue());
            }
        }
        assertThat(dispatched).containsExactlyElementsOf(names(MessageType.values(), MessageType::wireName));
        assertThat(ContractSchemas.indexedFiles()).containsAll(dispatched.stream().map(t -> t + ".schema.json").toList());
    }

    static Stream<Arguments> everyEnumValueInASample() {
        return Stream.of(
                values(MessageType.STATUS_REPORT, "/payload/state", LegState.values()),
                values(MessageType.STATUS_REPORT, "/payload/events/0/state", LegState.values()),
                values(MessageType.PENALTY_NOTICE, "/payload/penalty/category", PenaltyCategory.values()),
                values(MessageType.MATERIALS_SUPPLEMENT, "/payload/materials/0/kind", MaterialKind.values()),
                values(MessageType.MATERIALS_REQUEST, "/payload/requested/0/kind", MaterialKind.values()),
                values(MessageType.REPAIR_APPLICATION, "/payload/contacts/0/role", ContactRole.values()),
                values(MessageType.WITHDRAWAL, "/payload/reason", WithdrawalReason.values()),
                values(MessageType.ESCALATION, "/payload/reason", EscalationReason.values()),
                values(MessageType.ESCALATION, "/payload/clock", SlaClock.values()),
                values(MessageType.PUBLICITY_ENDED, "/payload/cause", PublicityEndCause.values()),
                values(MessageType.PUBLICITY_ENDED, "/payload/channels/0", PublicityChannel.values()),
                values(MessageType.ACCEPTANCE, "/payload/outcome", AcceptanceOutcome.values()),
                values(MessageType.REPAIR_DECISION, "/payload/outcome", DecisionOutcome.values()),
                values(MessageType.RECEIPT, "/payload/receivedType", MessageType.values())
        ).flatMap(s -> s);
    }

    private static Stream<Arguments> values(MessageType sample, String pointer, Enum<?>[] values) {
        return Arrays.stream(values).map(v -> Arguments.of(sample, pointer,
                v instanceof MessageType t ? t.wireName() : v.name()));
    }

    /**
     * Each value put into a sample: schema and codec give the same verdict (a value that makes the
     * sample inconsistent, like a second CREDIT_CHINA or NOT_ACCEPTED without reasons, is refused
     * by both; every other value is accepted by both).
     */
    @ParameterizedTest(name = "{1} = {2}")
    @MethodSource("everyEnumValueInASample")
    void schema_and_codec_agree_on_each_enum_value(MessageType sample, String pointer, String value) {
        ObjectNode doc = Examples.json(sample);
        JsonEdits.set(doc, pointer, value);
        List<String> schemaErrors = ContractSchemas.errors(ContractSchemas.ENVELOPE, doc);
        var violations = Codec.ENVELOPE.violations(doc);
        assertThat(schemaErrors.isEmpty()).as("schema %s / codec %s", schemaErrors, violations)
                .isEqualTo(violations.isEmpty());
    }
}
