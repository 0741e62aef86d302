package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tongban.contracts.message.WireDocs.read;
import static org.tongban.contracts.message.WireDocs.remove;
import static org.tongban.contracts.message.WireDocs.sample;
import static org.tongban.contracts.message.WireDocs.set;
import static org.tongban.contracts.message.WireDocs.violations;
import static org.tongban.contracts.message.WireDocs.wire;

/** Contract name, version, message type and routing of an envelope, and lossless round trips. */
class EnvelopeContractTest {

    private static void assertOnly(ObjectNode doc, ErrorCode code, String pointer) {
        assertThat(violations(doc)).extracting(Violation::code, Violation::pointer).containsExactly(tuple(code, pointer));
    }

    @Nested
    class Round_trip {
        @Test
        void samples_cover_every_message_type() {
            assertThat(SampleMessages.everyType()).containsOnlyKeys(MessageType.values());
        }

        @ParameterizedTest
        @EnumSource(MessageType.class)
        void every_sample_survives_canonical_bytes_parse_and_read(MessageType type) {
            Envelope original = sample(type);

            byte[] bytes = original.canonicalBytes();
            Envelope back = Envelope.read(StrictJson.defaults().parse(bytes));

            assertThat(back).isEqualTo(original);
            assertThat(back.canonicalBytes()).isEqualTo(bytes);
            assertThat(back.signedBytes()).isEqualTo(original.signedBytes());
        }

        @Test
        void the_wire_form_names_contract_version_and_type() {
            JsonNode doc = wire(MessageType.PENALTY_NOTICE);

            assertThat(doc.get("contract").textValue()).isEqualTo("tongban/credit-repair");
            assertThat(doc.get("version").textValue()).isEqualTo("1.0");
            assertThat(doc.get("type").textValue()).isEqualTo("PenaltyNotice");
        }
    }

    @Nested
    class Versions {
        @Test
        void accepts_unknown_members_of_a_newer_minor_version() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/version", "1.3");
            set(doc, "/payload/enterprise/nickname", "龙运");
            set(doc, "/payload/contacts/0/wechat", "wang-jianguo");
            set(doc, "/priority", "high");

            Envelope envelope = read(doc);

            assertThat(envelope.version()).isEqualTo(new ContractVersion(1, 3));
            assertThat(envelope.payload()).isEqualTo(sample(MessageType.REPAIR_APPLICATION).payload());
            assertThat(envelope.messageId()).isEqualTo(sample(MessageType.REPAIR_APPLICATION).messageId());
        }

        @Test
        void a_newer_minor_version_still_checks_the_members_it_knows() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/version", "1.3");
            set(doc, "/payload/enterprise/nickname", "龙运");
            set(doc, "/payload/penalty/category", "VERY_SERIOUS");

            assertOnly(doc, ErrorCode.ENUM_INVALID, "/payload/penalty/category");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2.0", "0.9", "3.1"})
        void refuses_another_major_version(String version) {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/version", version);

            assertOnly(doc, ErrorCode.VERSION_UNSUPPORTED, "/version");
        }

        @Test
        void refuses_another_major_version_before_looking_at_anything_else() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/version", "2.0");
            set(doc, "/payload/enterprise/nickname", "龙运");
            set(doc, "/type", "RepairApplicationV2");
            remove(doc, "/sentAt");

            assertOnly(doc, ErrorCode.VERSION_UNSUPPORTED, "/version");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "1.0.0", "v1.0", "01.0", "1.00", " 1.0", "1.0 ", ""})
        void refuses_a_version_not_of_the_form_major_dot_minor(String version) {
            ObjectNode doc = set(wire(MessageType.WITHDRAWAL), "/version", version);

            assertOnly(doc, ErrorCode.VERSION_UNSUPPORTED, "/version");
        }

        @Test
        void requires_a_version() {
            assertOnly(remove(wire(MessageType.WITHDRAWAL), "/version"), ErrorCode.FIELD_REQUIRED, "/version");
        }
    }

    @Nested
    class Contract_and_type {
        @ParameterizedTest
        @ValueSource(strings = {"tongban/credit-repair-v2", "Tongban/Credit-Repair", "x-road/credit-repair", ""})
        void refuses_another_contract(String contract) {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/contract", contract);

            assertOnly(doc, ErrorCode.CONTRACT_UNKNOWN, "/contract");
        }

        @Test
        void requires_the_contract_name() {
            assertOnly(remove(wire(MessageType.RECEIPT), "/contract"), ErrorCode.FIELD_REQUIRED, "/contract");
        }

        @ParameterizedTest
        @ValueSource(strings = {"RepairRequest", "repairApplication", "REPAIR_APPLICATION", "RepairApplication "})
        void refuses_an_unknown_message_type(String type) {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/type", type);

            assertOnly(doc, ErrorCode.MESSAGE_TYPE_UNKNOWN, "/type");
        }

        @Test
        void refuses_a_payload_of_another_type() {
            ObjectNode doc = set(wire(MessageType.WITHDRAWAL), "/type", "StatusQuery");

            assertThat(violations(doc)).extracting(Violation::code, Violation::pointer)
                    .contains(tuple(ErrorCode.FIELD_UNKNOWN, "/payload/reason"));
        }
    }

    @Nested
    class Routing {
        @Test
        void refuses_an_application_sent_to_a_member_other_than_the_penalizing_one() {
            ObjectNode doc = set(wire(MessageType.REPAIR_APPLICATION), "/to", TestDirectory.TIANJIN.value());

            assertOnly(doc, ErrorCode.MESSAGE_INCONSISTENT, "/payload/penalty/penalizingMember");
        }

        @Test
        void refuses_a_penalty_notice_sent_to_a_member_other_than_the_enterprise_home() {
            ObjectNode doc = set(wire(MessageType.PENALTY_NOTICE), "/to", TestDirectory.TIANJIN.value());

            assertOnly(doc, ErrorCode.MESSAGE_INCONSISTENT, "/payload/enterprise/creditCode");
        }

        @Test
        void refuses_a_penalty_notice_for_an_enterprise_registered_elsewhere() {
            // A Tianjin enterprise (Binhai district, 120116) notified to Harbin.
            String tianjinFirm = "91120116MA05K8L2X";
            tianjinFirm += CreditCode.checkCharacter(tianjinFirm);
            ObjectNode doc = set(wire(MessageType.PENALTY_NOTICE), "/payload/enterprise/creditCode", tianjinFirm);

            assertOnly(doc, ErrorCode.MESSAGE_INCONSISTENT, "/payload/enterprise/creditCode");
        }

        @Test
        void accepts_a_penalty_notice_routed_by_the_district_of_registration() {
            // 咸安区 421202 belongs to member 咸宁市 421200.
            String xiananFirm = "91421202MA4F7G8H9";
            xiananFirm += CreditCode.checkCharacter(xiananFirm);
            ObjectNode doc = set(wire(MessageType.PENALTY_NOTICE), "/payload/enterprise/creditCode", xiananFirm);
            set(doc, "/to", TestDirectory.XIANNING.value());

            assertThat(read(doc).to()).isEqualTo(TestDirectory.XIANNING);
        }

        @Test
        void refuses_a_penalty_notice_not_sent_by_the_penalizing_member() {
            ObjectNode doc = set(wire(MessageType.PENALTY_NOTICE), "/from", TestDirectory.TIANJIN.value());

            assertOnly(doc, ErrorCode.MESSAGE_INCONSISTENT, "/payload/penalty/penalizingMember");
        }

        @Test
        void refuses_a_message_to_its_own_sender() {
            ObjectNode doc = set(wire(MessageType.STATUS_QUERY), "/to", TestDirectory.HARBIN.value());

            assertOnly(doc, ErrorCode.MESSAGE_INCONSISTENT, "/to");
        }

        @Test
        void refuses_a_message_that_expires_before_it_is_sent() {
            ObjectNode doc = set(wire(MessageType.WITHDRAWAL), "/expiresAt", "2026-11-20T09:29:59+08:00");

            assertOnly(doc, ErrorCode.MESSAGE_INCONSISTENT, "/expiresAt");
        }

        @Test
        void compares_instants_not_local_times_across_offsets() {
            // 09:30+08:00 is 01:30Z; an expiry at 02:00Z is after it although its clock reads earlier.
            ObjectNode doc = set(wire(MessageType.WITHDRAWAL), "/expiresAt", "2026-11-20T02:00:00Z");

            assertThat(read(doc).expiresAt().toInstant()).isAfter(read(doc).sentAt().toInstant());
        }
    }
}
