package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.contracts.error.ErrorCode.*;
import static org.tongban.contracts.message.MessageType.*;
import static org.tongban.contracts.schema.JsonEdits.NODES;
import static org.tongban.contracts.schema.JsonEdits.array;
import static org.tongban.contracts.schema.JsonEdits.at;
import static org.tongban.contracts.schema.JsonEdits.remove;
import static org.tongban.contracts.schema.JsonEdits.set;

/**
 * Schema and codec agree: each invalid variant of a sample envelope is refused by the envelope
 * schema and by {@code Envelope.read}, the latter for the reason the variant is about.
 */
class SchemaCodecAgreementTest {

    /**
     * An invalid variant: a sample (signed with Ed25519 when {@code signed}), one edit, and the
     * code the codec must report. Batch roots are recomputed after the edit, so that an edit
     * inside a notice is not refused as a root mismatch instead.
     */
    record Variant(String name, MessageType sample, boolean signed, Consumer<ObjectNode> edit, ErrorCode codecCode) {
        ObjectNode document() {
            ObjectNode doc = signed ? Examples.signedJson(sample, SignatureAlgorithm.ED25519) : Examples.json(sample);
            edit.accept(doc);
            if (!name.contains("tree root")) {
                JsonEdits.reroot(doc);
            }
            return doc;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Variant v(String name, MessageType sample, Consumer<ObjectNode> edit, ErrorCode code) {
        return new Variant(name, sample, false, edit, code);
    }

    static Variant signed(String name, MessageType sample, Consumer<ObjectNode> edit, ErrorCode code) {
        return new Variant(name, sample, true, edit, code);
    }

    static Stream<Variant> invalidVariants() {
        return Stream.of(
                // unknown members, at every depth
                v("unknown member in the envelope", WITHDRAWAL, d -> d.put("priority", "high"), FIELD_UNKNOWN),
                v("unknown member in a payload", REPAIR_APPLICATION, d -> set(d, "/payload/fee", NODES.numberNode(0)), FIELD_UNKNOWN),
                v("unknown member in a nested object", PUBLICITY_ENDED, d -> set(d, "/payload/enterprise/address", "哈尔滨"), FIELD_UNKNOWN),
                v("unknown member in an array item", REPAIR_APPLICATION, d -> set(d, "/payload/contacts/0/wechat", "wjg"), FIELD_UNKNOWN),
                v("unknown member in a batch notice", PENALTY_NOTICE_BATCH, d -> set(d, "/payload/notices/1/penalty/fine", NODES.numberNode(2000)), FIELD_UNKNOWN),
                v("unknown member in a status event", STATUS_REPORT, d -> set(d, "/payload/events/0/actor", "clerk"), FIELD_UNKNOWN),
                signed("unknown member in the signature block", RECEIPT, d -> set(d, "/signature/x5c", "MII"), FIELD_UNKNOWN),
                // required members
                v("missing messageId", RECEIPT, d -> d.remove("messageId"), FIELD_REQUIRED),
                v("missing payload", STATUS_QUERY, d -> d.remove("payload"), FIELD_REQUIRED),
                v("missing contract", RECEIPT, d -> d.remove("contract"), FIELD_REQUIRED),
                v("missing required payload member", REPAIR_APPLICATION, d -> remove(d, "/payload/contacts"), FIELD_REQUIRED),
                v("missing required member of a nested object", PENALTY_NOTICE, d -> remove(d, "/payload/penalty/ruleSet"), FIELD_REQUIRED),
                v("missing required member of an attachment", MATERIALS_SUPPLEMENT, d -> remove(d, "/payload/materials/0/sha256"), FIELD_REQUIRED),
                v("case-bound type without caseId", ACCEPTANCE, d -> d.remove("caseId"), FIELD_REQUIRED),
                v("case-bound type without legId", STATUS_QUERY, d -> d.remove("legId"), FIELD_REQUIRED),
                signed("signature without value", WITHDRAWAL, d -> remove(d, "/signature/value"), FIELD_REQUIRED),
                // enumerations
                v("unknown acceptance outcome", ACCEPTANCE, d -> set(d, "/payload/outcome", "MAYBE"), ENUM_INVALID),
                v("enum value in lower case", REPAIR_APPLICATION, d -> set(d, "/payload/materials/0/kind", "proof_of_fulfilment"), ENUM_INVALID),
                v("unknown penalty category", PENALTY_NOTICE, d -> set(d, "/payload/penalty/category", "SEVERE"), ENUM_INVALID),
                v("unknown leg state", STATUS_REPORT, d -> set(d, "/payload/events/1/state", "DONE"), ENUM_INVALID),
                v("unknown message type", WITHDRAWAL, d -> d.put("type", "RepairApplicationV2"), MESSAGE_TYPE_UNKNOWN),
                v("unknown received type in a receipt", RECEIPT, d -> set(d, "/payload/receivedType", "Ack"), MESSAGE_TYPE_UNKNOWN),
                signed("unsupported signature algorithm", RECEIPT, d -> set(d, "/signature/alg", "RS256"), ALGORITHM_UNSUPPORTED),
                v("unknown contract", RECEIPT, d -> d.put("contract", "tongban/other"), CONTRACT_UNKNOWN),
                v("unsupported major version", RECEIPT, d -> d.put("version", "2.0"), VERSION_UNSUPPORTED),
                v("version that is not MAJOR.MINOR", RECEIPT, d -> d.put("version", "1"), VERSION_UNSUPPORTED),
                // timestamps and dates
                v("timestamp without offset", WITHDRAWAL, d -> d.put("sentAt", "2026-11-20T09:30:00"), DATE_TIME_OFFSET_MISSING),
                v("timestamp with a space for T", WITHDRAWAL, d -> d.put("sentAt", "2026-11-20 09:30:00+08:00"), DATE_INVALID),
                v("timestamp in lower case", RECEIPT, d -> set(d, "/payload/receivedAt", "2026-11-20t10:02:11z"), DATE_INVALID),
                v("timestamp with a leap second", ACCEPTANCE, d -> set(d, "/payload/decidedAt", "2026-12-31T23:59:60Z"), DATE_INVALID),
                v("timestamp with an offset beyond 18 hours", ESCALATION, d -> set(d, "/payload/deadline", "2026-11-25T10:02:11+18:30"), DATE_INVALID),
                v("timestamp with ten fraction digits", STATUS_REPORT, d -> set(d, "/payload/since", "2026-11-20T13:02:11.2500000000+08:00"), DATE_INVALID),
                v("date that does not exist", PENALTY_NOTICE, d -> set(d, "/payload/penalty/decisionDate", "2026-02-29"), DATE_INVALID),
                v("date with a time", MATERIALS_REQUEST, d -> set(d, "/payload/respondBy", "2026-11-27T00:00:00+08:00"), DATE_INVALID),
                // identifiers
                v("message id in upper case", RECEIPT, d -> d.put("messageId", "019AA1B2-C3D4-7E64-8A6B-7C8D9E0F1A30"), IDENTIFIER_INVALID),
                v("case id of UUID version 4", ACCEPTANCE, d -> d.put("caseId", "019aa1b2-c3d4-4e5f-8a6b-7c8d9e0f1a2b"), IDENTIFIER_INVALID),
                v("leg id of the wrong variant", ACCEPTANCE, d -> d.put("legId", "019aa1b2-c3d4-7e60-ca6b-7c8d9e0f1a2c"), IDENTIFIER_INVALID),
                v("uuid without hyphens", RECEIPT, d -> set(d, "/payload/receivedMessageId", "019aa1b2c3d47e61aa6b7c8d9e0f1a2d"), IDENTIFIER_INVALID),
                v("member id of five digits", WITHDRAWAL, d -> d.put("from", "23010"), DIVISION_CODE_INVALID),
                v("credit code with a letter outside the alphabet", PENALTY_NOTICE, d -> set(d, "/payload/enterprise/creditCode", "91230100MA1B2C3DO0"), CREDIT_CODE_INVALID),
                v("credit code with letters in the division part", PUBLICITY_ENDED, d -> set(d, "/payload/enterprise/creditCode", "9123A100MA1B2C3D40"), CREDIT_CODE_INVALID),
                v("credit code of 17 characters", PUBLICITY_ENDED, d -> set(d, "/payload/enterprise/creditCode", "91230100MA1B2C3D4"), CREDIT_CODE_INVALID),
                signed("key id with a space", RECEIPT, d -> set(d, "/signature/keyId", "330100 test"), FIELD_FORMAT),
                v("attachment id with a trailing line feed", REPAIR_APPLICATION, d -> set(d, "/payload/materials/0/id", "m1\n"), FIELD_FORMAT),
                // lengths and blanks
                v("too long string", REPAIR_APPLICATION, d -> set(d, "/payload/enterprise/name", "企".repeat(201)), STRING_TOO_LONG),
                v("too long reason text", ACCEPTANCE, d -> {
                    set(d, "/payload/outcome", "NOT_ACCEPTED");
                    set(d, "/payload/reasons", NODES.arrayNode().add(NODES.objectNode().put("code", "OTHER").put("text", "x".repeat(501))));
                }, STRING_TOO_LONG),
                v("blank string", REPAIR_APPLICATION, d -> set(d, "/payload/homeReference", "   "), FIELD_FORMAT),
                v("string of ideographic spaces only", WITHDRAWAL, d -> set(d, "/payload/note", "\u3000\u3000"), FIELD_FORMAT),
                v("empty string", ESCALATION, d -> set(d, "/payload/message", ""), FIELD_FORMAT),
                v("phone of spaces only", REPAIR_APPLICATION, d -> set(d, "/payload/contacts/1/phone", "   "), FIELD_FORMAT),
                // arrays
                v("empty required array", REPAIR_APPLICATION, d -> set(d, "/payload/contacts", NODES.arrayNode()), FIELD_REQUIRED),
                v("empty batch", PENALTY_NOTICE_BATCH, d -> set(d, "/payload/notices", NODES.arrayNode()), FIELD_REQUIRED),
                v("empty list of channels", PUBLICITY_ENDED, d -> set(d, "/payload/channels", NODES.arrayNode()), FIELD_REQUIRED),
                v("too many contacts", REPAIR_APPLICATION, d -> fill(array(d, "/payload/contacts"), 11), ARRAY_TOO_LONG),
                v("too many materials", MATERIALS_SUPPLEMENT, d -> {
                    var materials = array(d, "/payload/materials");
                    for (int i = 1; i <= 50; i++) {
                        materials.add(((ObjectNode) materials.get(0).deepCopy()).put("id", "s" + (i + 1)));
                    }
                }, ARRAY_TOO_LONG),
                v("channel listed twice", PUBLICITY_ENDED, d -> set(d, "/payload/channels/1", "CREDIT_CHINA"), MESSAGE_INCONSISTENT),
                // null and types
                v("null optional member", REPAIR_APPLICATION, d -> set(d, "/payload/statement", NODES.nullNode()), FIELD_TYPE),
                v("null required member", PENALTY_NOTICE, d -> set(d, "/payload/enterprise", NODES.nullNode()), FIELD_REQUIRED),
                v("null envelope member", RECEIPT, d -> d.putNull("inReplyTo"), FIELD_TYPE),
                v("size as a string", REPAIR_APPLICATION, d -> set(d, "/payload/materials/0/size", "284113"), FIELD_TYPE),
                v("boolean as a string", STATUS_QUERY, d -> set(d, "/payload/includeEvents", "yes"), FIELD_TYPE),
                v("member id as a number", WITHDRAWAL, d -> d.put("to", 330100), FIELD_TYPE),
                v("payload as an array", WITHDRAWAL, d -> d.set("payload", NODES.arrayNode()), FIELD_TYPE),
                v("contact as a string", ESCALATION, d -> set(d, "/payload/addressee", "杭州市信用办"), FIELD_TYPE),
                v("fractional size", REPAIR_APPLICATION, d -> set(d, "/payload/materials/0/size", NODES.numberNode(1.5)), FIELD_TYPE),
                v("negative size", REPAIR_APPLICATION, d -> set(d, "/payload/materials/1/size", NODES.numberNode(-1)), NUMBER_OUT_OF_RANGE),
                v("size above 64 MiB", MATERIALS_SUPPLEMENT, d -> set(d, "/payload/materials/0/size", NODES.numberNode(64L * 1024 * 1024 + 1)), NUMBER_OUT_OF_RANGE),
                // conditional requirements
                v("NOT_ACCEPTED without reasons", ACCEPTANCE, d -> set(d, "/payload/outcome", "NOT_ACCEPTED"), FIELD_REQUIRED),
                v("NOT_ACCEPTED with an empty list of reasons", ACCEPTANCE, d -> {
                    set(d, "/payload/outcome", "NOT_ACCEPTED");
                    set(d, "/payload/reasons", NODES.arrayNode());
                }, FIELD_REQUIRED),
                v("REFUSED without reasons", REPAIR_DECISION, d -> set(d, "/payload/outcome", "REFUSED"), FIELD_REQUIRED),
                v("SLA_BREACH without clock", ESCALATION, d -> remove(d, "/payload/clock"), FIELD_REQUIRED),
                v("SLA_BREACH without deadline", ESCALATION, d -> remove(d, "/payload/deadline"), FIELD_REQUIRED),
                v("contact without phone and email", REPAIR_APPLICATION, d -> remove(d, "/payload/contacts/1/phone"), FIELD_REQUIRED),
                v("addressee without phone and email", ESCALATION, d -> remove(d, "/payload/addressee/phone"), FIELD_REQUIRED),
                // formats
                v("sha256 in upper case", REPAIR_APPLICATION, d -> set(d, "/payload/materials/0/sha256",
                        at(d, "/payload/materials/0/sha256").textValue().toUpperCase()), FIELD_FORMAT),
                v("sha256 of 63 digits", RECEIPT, d -> set(d, "/payload/receivedSha256",
                        at(d, "/payload/receivedSha256").textValue().substring(1)), FIELD_FORMAT),
                v("tree root that is not a sha256", PENALTY_NOTICE_BATCH, d -> set(d, "/payload/treeRoot", "root"), FIELD_FORMAT),
                v("media type in upper case", REPAIR_APPLICATION, d -> set(d, "/payload/materials/0/mediaType", "Application/PDF"), FIELD_FORMAT),
                v("media type without subtype", MATERIALS_SUPPLEMENT, d -> set(d, "/payload/materials/0/mediaType", "pdf"), FIELD_FORMAT),
                v("file name with a path", REPAIR_APPLICATION, d -> set(d, "/payload/materials/2/fileName", "scans/整改报告.jpg"), FIELD_FORMAT),
                v("file name with a control character", MATERIALS_SUPPLEMENT, d -> set(d, "/payload/materials/0/fileName", "回单\u0007.pdf"), FIELD_FORMAT),
                v("phone with letters", REPAIR_APPLICATION, d -> set(d, "/payload/contacts/0/phone", "138-WANG"), FIELD_FORMAT),
                v("email without a dot in the domain", REPAIR_APPLICATION, d -> set(d, "/payload/contacts/0/email", "wang@example"), FIELD_FORMAT),
                v("email with a space", REPAIR_APPLICATION, d -> set(d, "/payload/contacts/0/email", "wang jg@example.cn"), FIELD_FORMAT),
                v("rule set in upper case", PENALTY_NOTICE, d -> set(d, "/payload/penalty/ruleSet", "CN-2025"), FIELD_FORMAT),
                v("batch id with a space", PENALTY_NOTICE_BATCH, d -> set(d, "/payload/batchId", "hz feed"), FIELD_FORMAT),
                signed("signature value with padding", RECEIPT, d -> set(d, "/signature/value",
                        at(d, "/signature/value").textValue().substring(2) + "=="), SIGNATURE_INVALID),
                signed("signature value in standard base64", RECEIPT, d -> set(d, "/signature/value", "ab+/cd"), SIGNATURE_INVALID),
                signed("signature value with unused bits set", RECEIPT, d -> set(d, "/signature/value", "AB"), SIGNATURE_INVALID),
                signed("signature value of impossible length", RECEIPT, d -> set(d, "/signature/value", "AAAAA"), SIGNATURE_INVALID)
        );
    }

    private static void fill(com.fasterxml.jackson.databind.node.ArrayNode array, int size) {
        while (array.size() < size) {
            array.add(array.get(0).deepCopy());
        }
    }

    @Test
    void there_are_at_least_25_invalid_variants() {
        assertThat(invalidVariants().count()).isGreaterThanOrEqualTo(25);
        assertThat(invalidVariants().map(Variant::name)).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVariants")
    void invalid_variant_is_refused_by_schema_and_codec(Variant variant) {
        ObjectNode document = variant.document();
        assertThat(ContractSchemas.errors(ContractSchemas.ENVELOPE, document)).as("schema errors").isNotEmpty();
        List<Violation> violations = Codec.ENVELOPE.violations(document);
        assertThat(Codec.codes(violations)).as("codec violations %s", violations).contains(variant.codecCode());
    }

    /** An invalid variant of the signed test directory or of a test key file. */
    record DocumentVariant(String name, Codec codec, Consumer<ObjectNode> edit, ErrorCode codecCode) {
        ObjectNode document() {
            ObjectNode doc = codec == Codec.DIRECTORY ? TestDirectory.signed().toJson()
                    : TestKeys.member("330100", SignatureAlgorithm.SM2_SM3).toJson();
            edit.accept(doc);
            return doc;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static DocumentVariant dir(String name, Consumer<ObjectNode> edit, ErrorCode code) {
        return new DocumentVariant(name, Codec.DIRECTORY, edit, code);
    }

    static DocumentVariant key(String name, Consumer<ObjectNode> edit, ErrorCode code) {
        return new DocumentVariant(name, Codec.KEY_FILE, edit, code);
    }

    static Stream<DocumentVariant> invalidDirectoriesAndKeyFiles() {
        String ed25519Key = TestKeys.member("330100", SignatureAlgorithm.ED25519).toJson().get("publicKey").textValue();
        return Stream.of(
                dir("unknown member in the directory", d -> d.put("comment", "test"), FIELD_UNKNOWN),
                dir("unknown member in a node", d -> set(d, "/nodes/0/region", "north"), FIELD_UNKNOWN),
                dir("unknown member in a directory key", d -> set(d, "/members/3/keys/1/usage", "sign"), FIELD_UNKNOWN),
                dir("another format", d -> d.put("format", "tongban/directory"), DIRECTORY_INVALID),
                dir("directory version 2.0", d -> d.put("version", "2.0"), VERSION_UNSUPPORTED),
                dir("directory version with a trailing line feed", d -> d.put("version", "1.0\n"), VERSION_UNSUPPORTED),
                dir("directory version that is not MAJOR.MINOR", d -> d.put("version", "1.x"), VERSION_UNSUPPORTED),
                dir("serial 0", d -> d.put("serial", 0), NUMBER_OUT_OF_RANGE),
                dir("no members", d -> d.set("members", NODES.arrayNode()), FIELD_REQUIRED),
                dir("member without keys", d -> set(d, "/members/0/keys", NODES.arrayNode()), FIELD_REQUIRED),
                dir("node URL of another scheme", d -> set(d, "/nodes/0/url", "ftp://north.tongban.test"), DIRECTORY_INVALID),
                dir("node URL with the scheme in upper case", d -> set(d, "/nodes/0/url", "HTTPS://north.tongban.test"), DIRECTORY_INVALID),
                dir("node URL whose host has an underscore", d -> set(d, "/nodes/0/url", "https://north_node.tongban.test"), FIELD_FORMAT),
                dir("node URL with a port that is not a number", d -> set(d, "/nodes/0/url", "https://north.tongban.test:84x"), FIELD_FORMAT),
                dir("certificate fingerprint in upper case", d -> set(d, "/nodes/0/tlsCertificateSha256",
                        NODES.arrayNode().add("5F70BF18A086007016E948B04AED3B82103A36BEA41755B6CDDFAF10ACE3C6EF")), FIELD_FORMAT),
                dir("nine certificate fingerprints", d -> {
                    var pins = NODES.arrayNode();
                    for (int i = 0; i < 9; i++) {
                        pins.add(Integer.toString(i).repeat(64));
                    }
                    set(d, "/nodes/0/tlsCertificateSha256", pins);
                }, FIELD_TYPE),
                dir("Ed25519 key of SM2 length", d -> set(d, "/members/0/keys/0/publicKey",
                        at(d, "/members/0/keys/1/publicKey").textValue()), KEY_INVALID),
                dir("SM2 key of Ed25519 length", d -> set(d, "/members/0/keys/1/publicKey", ed25519Key), KEY_INVALID),
                dir("SLA profile in upper case", d -> set(d, "/members/0/slaProfile", "National"), FIELD_FORMAT),
                dir("member name of 101 characters", d -> set(d, "/members/0/name", "哈".repeat(101)), STRING_TOO_LONG),
                key("unsupported key algorithm", d -> d.put("alg", "RSA"), ALGORITHM_UNSUPPORTED),
                key("private key of 31 bytes", d -> d.put("privateKey", "A".repeat(41) + "Q"), KEY_INVALID),
                key("public key in standard base64", d -> d.put("publicKey", d.get("publicKey").textValue().replace('-', '+').replace('_', '/') + "+"), KEY_INVALID),
                key("owner that is not a division code", d -> d.put("member", "33010"), DIVISION_CODE_INVALID),
                key("unknown member in a key file", d -> d.put("comment", "test key"), FIELD_UNKNOWN),
                key("key file without validFrom", d -> d.remove("validFrom"), FIELD_REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDirectoriesAndKeyFiles")
    void invalid_directory_or_key_file_is_refused_by_schema_and_codec(DocumentVariant variant) {
        ObjectNode document = variant.document();
        assertThat(ContractSchemas.errors(variant.codec().schemaFile(), document)).as("schema errors").isNotEmpty();
        List<Violation> violations = variant.codec().violations(document);
        assertThat(Codec.codes(violations)).as("codec violations %s", violations).contains(variant.codecCode());
    }

    @Nested
    class Timestamps {
        /** Edge cases of RFC 3339 as the codec reads it (java.time, strict): the schema's pattern must agree. */
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "2026-11-20T09:30:00+08:00, true",
                "2026-11-20T09:30:00Z, true",
                "2026-11-20T09:30:00.123456789-05:00, true",
                "2026-11-20T09:30:00-00:00, true",
                "2026-11-20T09:30:00+18:00, true",
                "2026-11-20T09:30:00-18:00, true",
                "2026-11-20T09:30:00+17:59, true",
                "2028-02-29T00:00:00+08:00, true",
                "2000-02-29T00:00:00+08:00, true",
                "2026-12-31T23:59:59+08:00, true",
                "2026-11-20T09:30+08:00, false",
                "2026-11-20T09:30:00+0800, false",
                "2026-11-20T09:30:00+08, false",
                "2026-11-20T09:30:00.+08:00, false",
                "2026-11-20T09:30:00+18:01, false",
                "2026-11-20T09:30:00+05:60, false",
                "2026-11-20T24:00:00+08:00, false",
                "2026-11-20T09:60:00+08:00, false",
                "2026-13-20T09:30:00+08:00, false",
                "2026-00-20T09:30:00+08:00, false",
                "2026-11-00T09:30:00+08:00, false",
                "2026-04-31T09:30:00+08:00, false",
                "2026-02-29T09:30:00+08:00, false",
                "2100-02-29T09:30:00+08:00, false",
                "26-11-20T09:30:00+08:00, false",
                "+2026-11-20T09:30:00+08:00, false",
                "2026-11-20T09:30:00Z[Asia/Shanghai], false",
        })
        void schema_and_codec_agree_on_a_timestamp(String timestamp, boolean valid) {
            ObjectNode doc = Examples.json(WITHDRAWAL);
            doc.put("expiresAt", "9999-12-31T23:59:59Z");
            doc.put("sentAt", timestamp);
            assertAgreement(doc, valid);
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "2026-03-31, true",
                "2024-02-29, true",
                "2400-02-29, true",
                "0000-02-29, true",
                "1900-02-29, false",
                "2026-02-29, false",
                "2026-06-31, false",
                "2026-6-30, false",
                "2026-06-30Z, false",
                "20260630, false",
        })
        void schema_and_codec_agree_on_a_date(String date, boolean valid) {
            ObjectNode doc = Examples.json(PENALTY_NOTICE);
            set(doc, "/payload/publishedOn", date);
            assertAgreement(doc, valid);
        }
    }

    @Nested
    class CreditCodes {
        /**
         * Codes with a correct check character, so that only the other rules decide. The schema
         * must say what the codec says; when the codec gains a rule on positions 1-17 (say, that
         * positions 3-8 name a province), this table shows the pattern must follow.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "91230100MA1B2C3D4", "91330100MA2B3C4D5", "12100000400000000", "Y1120000ABCDEFGHJ",
                "91000000MA1B2C3D4", "91010100MA1B2C3D4", "9123010OMA1B2C3D4", "9I230100MA1B2C3D4",
        })
        void schema_and_codec_agree_on_a_credit_code(String first17) {
            String code = first17 + (first17.chars().allMatch(c -> CreditCode.ALPHABET.indexOf(c) >= 0)
                    ? CreditCode.checkCharacter(first17) : '0');
            ObjectNode doc = Examples.json(PUBLICITY_ENDED);
            set(doc, "/payload/enterprise/creditCode", code);
            List<String> schemaErrors = ContractSchemas.errors(ContractSchemas.ENVELOPE, doc);
            List<Violation> violations = Codec.ENVELOPE.violations(doc);
            assertThat(schemaErrors.isEmpty()).as("%s: schema %s, codec %s", code, schemaErrors, violations)
                    .isEqualTo(violations.isEmpty());
        }
    }

    @Nested
    class Base64Url {
        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource(value = {
                "'', true", "AA, true", "AQ, true", "Ag, true", "Ah, false", "AB, false", "AAA, true", "AAE, true", "AAB, false",
                "AAAA, true", "AAAAA, false", "AA==, false", "A-_z, true", "A+/z, false", "AAAAAA8, true", "AAAAAA9, false",
                "AAAAAA4, true", "'AAAA ', false"
        })
        void schema_and_codec_agree_on_a_signature_value(String value, boolean valid) {
            ObjectNode doc = Examples.signedJson(RECEIPT, SignatureAlgorithm.ED25519);
            set(doc, "/signature/value", value);
            assertAgreement(doc, valid);
        }
    }

    static void assertAgreement(JsonNode doc, boolean valid) {
        List<String> schemaErrors = ContractSchemas.errors(ContractSchemas.ENVELOPE, doc);
        List<Violation> violations = Codec.ENVELOPE.violations(doc);
        assertThat(schemaErrors.isEmpty()).as("schema accepts; errors %s", schemaErrors).isEqualTo(valid);
        assertThat(violations.isEmpty()).as("codec accepts; violations %s", violations).isEqualTo(valid);
    }
}
