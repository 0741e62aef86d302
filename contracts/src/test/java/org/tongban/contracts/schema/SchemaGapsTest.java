package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.contracts.error.ErrorCode.*;
import static org.tongban.contracts.message.MessageType.*;
import static org.tongban.contracts.schema.JsonEdits.at;
import static org.tongban.contracts.schema.JsonEdits.set;

/**
 * Where schema and codec knowingly differ. JSON Schema judges one document member by member;
 * it cannot compute a check character or a Merkle root, compare two members, decode a curve
 * point or see the bytes before parsing. Each rule below is one the codec enforces and the
 * schema cannot express: the schema accepts the example, the codec refuses it. Receivers must
 * therefore always run the codec; the schema is documentation and a first filter for partners.
 */
class SchemaGapsTest {

    record Gap(String rule, Codec codec, Supplier<JsonNode> document, ErrorCode codecCode) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static Gap envelope(String rule, MessageType sample, Consumer<ObjectNode> edit, ErrorCode code) {
        return new Gap(rule, Codec.ENVELOPE, () -> {
            ObjectNode doc = Examples.json(sample);
            edit.accept(doc);
            return doc;
        }, code);
    }

    private static Gap directory(String rule, Consumer<ObjectNode> edit, ErrorCode code) {
        return new Gap(rule, Codec.DIRECTORY, () -> {
            ObjectNode doc = TestDirectory.signed().toJson();
            edit.accept(doc);
            return doc;
        }, code);
    }

    private static Gap keyFile(String rule, SignatureAlgorithm algorithm, Consumer<ObjectNode> edit, ErrorCode code) {
        return new Gap(rule, Codec.KEY_FILE, () -> {
            ObjectNode doc = TestKeys.member("230100", algorithm).toJson();
            edit.accept(doc);
            return doc;
        }, code);
    }

    static Stream<Gap> codecOnlyRules() {
        String code = SampleMessages.HARBIN_FIRM.value();
        char wrongCheck = code.charAt(17) == '0' ? '1' : '0';
        return Stream.of(
                envelope("the 18th character of a credit code is its check character", PENALTY_NOTICE,
                        d -> set(d, "/payload/enterprise/creditCode", code.substring(0, 17) + wrongCheck), CREDIT_CODE_INVALID),
                envelope("a RepairApplication goes to the penalizing member", REPAIR_APPLICATION,
                        d -> set(d, "/payload/penalty/penalizingMember", TestDirectory.TIANJIN.value()), MESSAGE_INCONSISTENT),
                envelope("a PenaltyNotice comes from the penalizing member", PENALTY_NOTICE,
                        d -> set(d, "/payload/penalty/penalizingMember", TestDirectory.TIANJIN.value()), MESSAGE_INCONSISTENT),
                envelope("a PenaltyNotice goes to the home member of the enterprise's credit code", PENALTY_NOTICE,
                        d -> d.put("to", TestDirectory.TIANJIN.value()), MESSAGE_INCONSISTENT),
                envelope("every notice of a batch is routed like a single notice", PENALTY_NOTICE_BATCH, d -> {
                    set(d, "/payload/notices/1/penalty/penalizingMember", TestDirectory.TIANJIN.value());
                    JsonEdits.reroot(d);
                }, MESSAGE_INCONSISTENT),
                envelope("a member does not send to itself", WITHDRAWAL,
                        d -> d.put("to", d.get("from").textValue()), MESSAGE_INCONSISTENT),
                envelope("expiresAt is after sentAt", WITHDRAWAL,
                        d -> d.put("expiresAt", d.get("sentAt").textValue()), MESSAGE_INCONSISTENT),
                envelope("the tree root of a batch is the Merkle tree head of its notices", PENALTY_NOTICE_BATCH,
                        d -> set(d, "/payload/treeRoot", "0".repeat(64)), BATCH_ROOT_MISMATCH),
                envelope("attachment ids are unique within an application", REPAIR_APPLICATION,
                        d -> set(d, "/payload/materials/1/id", "m1"), MESSAGE_INCONSISTENT),
                envelope("attachment ids are unique within a supplement", MATERIALS_SUPPLEMENT,
                        d -> JsonEdits.array(d, "/payload/materials").add(at(d, "/payload/materials/0").deepCopy()),
                        MESSAGE_INCONSISTENT),
                envelope("string lengths count UTF-16 code units, not code points", REPAIR_APPLICATION,
                        d -> set(d, "/payload/enterprise/name", "\uD840\uDC00" + "企".repeat(199)), STRING_TOO_LONG),
                envelope("a document has at most 4 MiB", PENALTY_NOTICE_BATCH, d -> {
                    var notices = JsonEdits.array(d, "/payload/notices");
                    ObjectNode big = ((ObjectNode) notices.get(0).deepCopy()).put("summary", "超".repeat(2000));
                    notices.removeAll();
                    for (int i = 0; i < 1000; i++) {
                        notices.add(big);
                    }
                    JsonEdits.reroot(d);
                }, DOCUMENT_TOO_LARGE),
                directory("node ids are unique", d -> set(d, "/nodes/1/id", "north"), DIRECTORY_INVALID),
                directory("member ids are unique", d -> set(d, "/members/1/id", TestDirectory.HARBIN.value()), DIRECTORY_INVALID),
                directory("every member's node is listed", d -> set(d, "/members/0/node", "west"), DIRECTORY_INVALID),
                directory("key ids are unique in the federation",
                        d -> set(d, "/members/1/keys/0/keyId", at(d, "/members/0/keys/0/keyId").textValue()), DIRECTORY_INVALID),
                directory("a directory's validUntil is after its issuedAt",
                        d -> d.put("validUntil", d.get("issuedAt").textValue()), DIRECTORY_INVALID),
                directory("a key's validUntil is after its validFrom",
                        d -> set(d, "/members/0/keys/0/validUntil", at(d, "/members/0/keys/0/validFrom").textValue()), DIRECTORY_INVALID),
                directory("an Ed25519 public key is a point of the curve",
                        d -> set(d, "/members/0/keys/0/publicKey", "A".repeat(43)), KEY_INVALID),
                directory("an SM2 public key is a point of the curve",
                        d -> set(d, "/members/0/keys/1/publicKey", "B" + "A".repeat(86)), KEY_INVALID),
                directory("a node URL is a java.net.URI: its path has no malformed escapes",
                        d -> set(d, "/nodes/0/url", "https://north.tongban.test:8443/%zz"), FIELD_FORMAT),
                keyFile("the public key of a key file belongs to its private key", SignatureAlgorithm.ED25519,
                        d -> d.put("publicKey", TestKeys.member("330100", SignatureAlgorithm.ED25519).toJson()
                                .get("publicKey").textValue()), KEY_INVALID),
                keyFile("an SM2 private key is a scalar in [1, n-2]", SignatureAlgorithm.SM2_SM3,
                        d -> d.put("privateKey", "A".repeat(43)), KEY_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecOnlyRules")
    void the_schema_accepts_and_the_codec_refuses(Gap gap) {
        JsonNode document = gap.document().get();
        assertThat(ContractSchemas.errors(gap.codec().schemaFile(), document)).as("schema errors").isEmpty();
        List<Violation> violations = gap.codec().violations(document);
        assertThat(Codec.codes(violations)).as("codec violations %s", violations).contains(gap.codecCode());
    }

    @Test
    void duplicate_member_names_pass_a_lenient_parser_and_the_schema_but_not_the_strict_codec() throws Exception {
        String json = Examples.json(WITHDRAWAL).toString();
        byte[] duplicated = json.replaceFirst("^\\{", "{\"from\":\"" + TestDirectory.HANGZHOU.value() + "\",")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode lenient = new ObjectMapper().readTree(duplicated);
        assertThat(ContractSchemas.errors(ContractSchemas.ENVELOPE, lenient)).isEmpty();
        assertThat(Codec.codes(Codec.ENVELOPE.violations(duplicated))).containsExactly(JSON_DUPLICATE_KEY);
    }

    /** The other direction: the 1.0 schemas describe exactly version 1.0, the codec reads every 1.x. */
    @Nested
    class SchemaStricterThanCodec {
        @Test
        void an_envelope_of_a_newer_minor_version_fails_the_1_0_schema_and_its_new_members_are_ignored_by_the_codec() {
            ObjectNode doc = Examples.signedJson(WITHDRAWAL, SignatureAlgorithm.ED25519);
            doc.put("version", "1.3");
            doc.put("priority", "high");
            set(doc, "/payload/reasonText", "added in 1.3");
            assertThat(ContractSchemas.errors(ContractSchemas.ENVELOPE, doc)).isNotEmpty();
            assertThat(Codec.ENVELOPE.violations(doc)).isEmpty();
        }

        @Test
        void a_directory_of_a_newer_minor_version_fails_the_1_0_schema_and_is_read_by_the_codec() {
            ObjectNode doc = TestDirectory.signed().toJson();
            doc.put("version", "1.1");
            assertThat(ContractSchemas.errors(ContractSchemas.DIRECTORY, doc)).isNotEmpty();
            assertThat(Codec.DIRECTORY.violations(doc)).isEmpty();
        }
    }
}
