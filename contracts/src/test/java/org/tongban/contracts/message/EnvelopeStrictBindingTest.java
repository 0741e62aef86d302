package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.id.CreditCode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tongban.contracts.message.WireDocs.NODES;
import static org.tongban.contracts.message.WireDocs.read;
import static org.tongban.contracts.message.WireDocs.remove;
import static org.tongban.contracts.message.WireDocs.set;
import static org.tongban.contracts.message.WireDocs.violations;
import static org.tongban.contracts.message.WireDocs.wire;

/** Members of an envelope are bound strictly, and each problem is reported with a JSON Pointer. */
class EnvelopeStrictBindingTest {

    private static void assertOnly(ObjectNode doc, ErrorCode code, String pointer) {
        assertThat(violations(doc)).extracting(Violation::code, Violation::pointer).containsExactly(tuple(code, pointer));
    }

    @Nested
    class Unknown_members {
        @Test
        void rejects_member_not_defined_in_version_1_0() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/enterprise/nickname", "龙运");

            assertOnly(doc, ErrorCode.FIELD_UNKNOWN, "/payload/enterprise/nickname");
        }

        @ParameterizedTest
        @EnumSource(MessageType.class)
        void rejects_an_unknown_payload_member_of_every_type(MessageType type) {
            ObjectNode doc = set(wire(type), "/payload/priority", "high");

            assertOnly(doc, ErrorCode.FIELD_UNKNOWN, "/payload/priority");
        }

        @ParameterizedTest
        @EnumSource(MessageType.class)
        void rejects_an_unknown_envelope_member_of_every_type(MessageType type) {
            ObjectNode doc = set(wire(type), "/traceparent", "00-abc-def-01");

            assertOnly(doc, ErrorCode.FIELD_UNKNOWN, "/traceparent");
        }

        @Test
        void rejects_an_unknown_member_inside_a_list_item() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/contacts/1/wechat", "li-na");

            assertOnly(doc, ErrorCode.FIELD_UNKNOWN, "/payload/contacts/1/wechat");
        }

        @Test
        void escapes_the_unknown_name_in_the_pointer() {
            ObjectNode doc = set(wire(MessageType.WITHDRAWAL), "/payload/a~1b", "x");

            assertOnly(doc, ErrorCode.FIELD_UNKNOWN, "/payload/a~1b");
        }
    }

    @Nested
    class Required_members {
        @ParameterizedTest(name = "{0} without {1}")
        @CsvSource({
                "REPAIR_APPLICATION,   /payload/penalty/decisionDate",
                "REPAIR_APPLICATION,   /payload/enterprise/creditCode",
                "REPAIR_APPLICATION,   /payload/contacts",
                "RECEIPT,              /payload/receivedSha256",
                "ACCEPTANCE,           /payload/decidedAt",
                "MATERIALS_REQUEST,    /payload/requested",
                "MATERIALS_SUPPLEMENT, /payload/materials/0/sha256",
                "REPAIR_DECISION,      /payload/outcome",
                "PUBLICITY_ENDED,      /payload/endedOn",
                "PENALTY_NOTICE,       /payload/enterprise/name",
                "PENALTY_NOTICE_BATCH, /payload/batchId",
                "STATUS_REPORT,        /payload/state",
                "WITHDRAWAL,           /payload/reason",
                "ESCALATION,           /payload/message",
                "ESCALATION,           /payload/deadline",
                "STATUS_QUERY,         /legId",
                "ACCEPTANCE,           /caseId",
                "RECEIPT,              /messageId",
                "RECEIPT,              /from",
                "PENALTY_NOTICE,       /sentAt",
                "PENALTY_NOTICE,       /expiresAt",
                "WITHDRAWAL,           /payload",
        })
        void reports_the_missing_member_at_its_pointer(MessageType type, String pointer) {
            ObjectNode doc = remove(wire(type), pointer);

            assertOnly(doc, ErrorCode.FIELD_REQUIRED, pointer);
        }

        @Test
        void an_empty_required_list_is_reported_as_missing_items() {
            ObjectNode doc = set(wire(MessageType.MATERIALS_REQUEST), "/payload/requested", NODES.arrayNode());

            assertOnly(doc, ErrorCode.FIELD_REQUIRED, "/payload/requested");
        }

        @Test
        void a_contact_without_any_way_to_reach_it_is_reported_at_the_contact() {
            ObjectNode doc = remove(remove(wire(MessageType.REPAIR_APPLICATION), "/payload/contacts/0/phone"),
                    "/payload/contacts/0/email");

            assertOnly(doc, ErrorCode.FIELD_REQUIRED, "/payload/contacts/0");
        }

        @Test
        void optional_members_may_be_left_out() {
            ObjectNode doc = remove(remove(wire(MessageType.REPAIR_APPLICATION), "/payload/statement"),
                    "/payload/deferredMaterials");

            assertThat(read(doc).payload()).isInstanceOfSatisfying(RepairApplication.class, a -> {
                assertThat(a.statement()).isNull();
                assertThat(a.deferredMaterials()).isEmpty();
            });
        }
    }

    @Nested
    class Values {
        @Test
        void rejects_a_value_outside_an_enumeration() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/penalty/category", "VERY_SERIOUS");

            assertOnly(doc, ErrorCode.ENUM_INVALID, "/payload/penalty/category");
        }

        @Test
        void enumeration_values_are_case_sensitive() {
            ObjectNode doc = set(wire(MessageType.WITHDRAWAL), "/payload/reason", "enterprise_request");

            assertOnly(doc, ErrorCode.ENUM_INVALID, "/payload/reason");
        }

        @Test
        void rejects_a_bad_value_inside_an_enum_list() {
            ObjectNode doc = set(wire(MessageType.PUBLICITY_ENDED), "/payload/channels/1", "WEIBO");

            assertOnly(doc, ErrorCode.ENUM_INVALID, "/payload/channels/1");
        }

        @Test
        void rejects_a_bad_credit_code_inside_the_payload_at_its_pointer() {
            ObjectNode doc = set(wire(MessageType.PENALTY_NOTICE), "/payload/enterprise/creditCode", "91330100716105852E");

            List<Violation> violations = violations(doc);
            assertThat(violations).extracting(Violation::code, Violation::pointer)
                    .containsExactly(tuple(ErrorCode.CREDIT_CODE_INVALID, "/payload/enterprise/creditCode"));
            assertThat(violations.get(0).detail()).isEqualTo(CreditCode.problemWith("91330100716105852E"));
        }

        @Test
        void rejects_a_bad_identifier_at_its_pointer() {
            ObjectNode doc = set(wire(MessageType.RECEIPT), "/payload/receivedMessageId",
                    "f47ac10b-58cc-4372-a567-0e02b2c3d479");

            assertOnly(doc, ErrorCode.IDENTIFIER_INVALID, "/payload/receivedMessageId");
        }

        @Test
        void rejects_a_text_that_breaks_its_format() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/materials/2/sha256", "ABCDEF");

            assertOnly(doc, ErrorCode.FIELD_FORMAT, "/payload/materials/2/sha256");
        }

        @Test
        void rejects_a_string_longer_than_the_contract_allows() {
            ObjectNode doc = set(wire(MessageType.WITHDRAWAL), "/payload/note", "撤".repeat(2001));

            assertOnly(doc, ErrorCode.STRING_TOO_LONG, "/payload/note");
        }

        @Test
        void rejects_a_number_outside_its_range() {
            ObjectNode doc = set(wire(MessageType.MATERIALS_SUPPLEMENT), "/payload/materials/0/size", NODES.numberNode(-1));

            assertOnly(doc, ErrorCode.NUMBER_OUT_OF_RANGE, "/payload/materials/0/size");
        }
    }

    @Nested
    class Dates_and_times {
        @ParameterizedTest
        @ValueSource(strings = {"2026-11-20T09:30:00", "2026-11-20T09:30", "2026-11-20 09:30:00", "2026-11-20T09:30:00.250"})
        void rejects_a_timestamp_without_offset(String text) {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/sentAt", text);

            List<Violation> violations = violations(doc);
            assertThat(violations).extracting(Violation::code, Violation::pointer)
                    .containsExactly(tuple(ErrorCode.DATE_TIME_OFFSET_MISSING, "/sentAt"));
            assertThat(violations.get(0).detail()).contains("+08:00");
        }

        @Test
        void suggests_a_timestamp_that_is_itself_valid_when_seconds_and_offset_are_missing() {
            ObjectNode doc = set(wire(MessageType.ACCEPTANCE), "/payload/decidedAt", "2026-11-20 09:30");

            List<Violation> violations = violations(doc);
            assertThat(violations).extracting(Violation::code).containsExactly(ErrorCode.DATE_TIME_OFFSET_MISSING);
            assertThat(violations.get(0).detail()).contains("'2026-11-20T09:30:00+08:00'");
            Envelope fixed = WireDocs.read(set(wire(MessageType.ACCEPTANCE), "/payload/decidedAt", "2026-11-20T09:30:00+08:00"));
            assertThat(((Acceptance) fixed.payload()).decidedAt()).as("the suggestion is accepted")
                    .isEqualTo("2026-11-20T09:30:00+08:00");
        }

        @Test
        void rejects_a_payload_timestamp_without_offset() {
            ObjectNode doc = set(wire(MessageType.ACCEPTANCE), "/payload/decidedAt", "2026-11-20T13:02:11");

            assertOnly(doc, ErrorCode.DATE_TIME_OFFSET_MISSING, "/payload/decidedAt");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "2026-1-5",
                "20261120", "2026/11/20", "2026-11-20T00:00:00+08:00"})
        void rejects_an_impossible_or_misformatted_date(String text) {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/appliedOn", text);

            assertOnly(doc, ErrorCode.DATE_INVALID, "/payload/appliedOn");
        }

        @Test
        void accepts_a_leap_day() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/appliedOn", "2028-02-29");

            assertThat(((RepairApplication) read(doc).payload()).appliedOn()).hasYear(2028).hasMonthValue(2).hasDayOfMonth(29);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30T09:30:00+08:00", "2026-11-20T24:30:00+08:00", "2026-11-20T09:60:00+08:00",
                "2026-11-20t09:30:00+08:00", "2026-11-20T09:30:00z", "2026-11-20T09:30:00+0800",
                "2026-11-20T09:30:00+19:00", "yesterday"})
        void rejects_an_impossible_or_misformatted_timestamp(String text) {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/sentAt", text);

            assertOnly(doc, ErrorCode.DATE_INVALID, "/sentAt");
        }
    }

    @Nested
    class Json_types {
        @ParameterizedTest
        @CsvSource({
                "REPAIR_APPLICATION, /payload/statement",
                "RECEIPT,            /inReplyTo",
                "PENALTY_NOTICE,     /payload/summary",
                "ESCALATION,         /payload/addressee",
                "WITHDRAWAL,         /signature",
        })
        void rejects_null_for_an_optional_member(MessageType type, String pointer) {
            ObjectNode doc = set(wire(type), pointer, NODES.nullNode());

            assertOnly(doc, ErrorCode.FIELD_TYPE, pointer);
        }

        @Test
        void rejects_a_number_given_as_a_string() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/materials/0/size", "284113");

            assertOnly(doc, ErrorCode.FIELD_TYPE, "/payload/materials/0/size");
        }

        @Test
        void rejects_an_object_where_a_list_belongs() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/contacts", NODES.objectNode());

            assertOnly(doc, ErrorCode.FIELD_TYPE, "/payload/contacts");
        }

        @Test
        void rejects_a_list_item_that_is_not_an_object() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/payload/materials/1", "m2");

            assertOnly(doc, ErrorCode.FIELD_TYPE, "/payload/materials/1");
        }

        @Test
        void rejects_a_string_where_a_boolean_belongs() {
            ObjectNode doc = set(wire(MessageType.STATUS_QUERY), "/payload/includeEvents", "true");

            assertOnly(doc, ErrorCode.FIELD_TYPE, "/payload/includeEvents");
        }

        @Test
        void rejects_a_document_that_is_not_an_object() {
            assertThat(violations(NODES.arrayNode())).extracting(Violation::code).containsExactly(ErrorCode.FIELD_TYPE);
        }
    }

    @Nested
    class Several_problems {
        @Test
        void reports_every_problem_at_once() {
            ObjectNode doc = wire(MessageType.REPAIR_APPLICATION);
            set(doc, "/payload/enterprise/nickname", "龙运");
            set(doc, "/payload/penalty/category", "VERY_SERIOUS");
            set(doc, "/payload/appliedOn", "2026-02-30");
            remove(doc, "/payload/contacts/1/role");
            set(doc, "/expiresAt", "2026-12-20T09:30:00");
            set(doc, "/payload/materials/0/kind", NODES.nullNode());

            assertThat(violations(doc)).extracting(Violation::code, Violation::pointer).containsExactlyInAnyOrder(
                    tuple(ErrorCode.FIELD_UNKNOWN, "/payload/enterprise/nickname"),
                    tuple(ErrorCode.ENUM_INVALID, "/payload/penalty/category"),
                    tuple(ErrorCode.DATE_INVALID, "/payload/appliedOn"),
                    tuple(ErrorCode.FIELD_REQUIRED, "/payload/contacts/1/role"),
                    tuple(ErrorCode.DATE_TIME_OFFSET_MISSING, "/expiresAt"),
                    tuple(ErrorCode.FIELD_REQUIRED, "/payload/materials/0/kind"));
        }

        @Test
        void reports_problems_in_several_list_items() {
            ObjectNode doc = wire(MessageType.REPAIR_APPLICATION);
            for (int i = 0; i < 3; i++) {
                set(doc, "/payload/materials/" + i + "/mediaType", "PDF");
            }

            assertThat(violations(doc)).extracting(Violation::code, Violation::pointer).containsExactly(
                    tuple(ErrorCode.FIELD_FORMAT, "/payload/materials/0/mediaType"),
                    tuple(ErrorCode.FIELD_FORMAT, "/payload/materials/1/mediaType"),
                    tuple(ErrorCode.FIELD_FORMAT, "/payload/materials/2/mediaType"));
        }

        @Test
        void caps_the_list_of_problems_of_a_hostile_document() {
            ObjectNode doc = wire(MessageType.REPAIR_APPLICATION);
            for (int i = 0; i < 500; i++) {
                set(doc, "/payload/x" + i, "y");
            }

            assertThat(violations(doc)).hasSizeBetween(1, 100).allSatisfy(v -> assertThat(v.code()).isEqualTo(ErrorCode.FIELD_UNKNOWN));
        }
    }
}
