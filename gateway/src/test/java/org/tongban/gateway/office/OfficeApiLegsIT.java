package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.RequestedMaterial;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.TestHttp;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.testing.TestNodeParts.HANGZHOU;
import static org.tongban.gateway.testing.TestNodeParts.HARBIN;
import static org.tongban.gateway.testing.TestNodeParts.TIANJIN;

/** Supplements, withdrawals and status queries on the legs of a case, and the state rules they follow. */
class OfficeApiLegsIT {
    @TempDir
    Path dir;
    ApiHarness api;
    TestHttp office;
    String harbin;
    JsonNode filed;
    String caseUri;

    @BeforeEach
    void start() {
        api = ApiHarness.start(dir);
        office = api.office();
        harbin = api.parts().clerkToken(HARBIN);
        TestHttp.Response r = office.post(OfficeApi.CASES, harbin, CaseRequests.newCase(HARBIN, TIANJIN, HANGZHOU).toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        filed = r.json();
        caseUri = OfficeApi.CASES + "/" + filed.get("caseId").asText();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String legAt(MemberId member) {
        for (JsonNode l : filed.get("legs")) {
            if (l.get("penalizingMember").asText().equals(member.value())) {
                return l.get("legId").asText();
            }
        }
        throw new AssertionError("no leg at " + member);
    }

    private static String state(JsonNode c, String legId) {
        for (JsonNode l : c.get("legs")) {
            if (l.get("legId").asText().equals(legId)) {
                return l.get("state").asText();
            }
        }
        throw new AssertionError("no leg " + legId);
    }

    private TestHttp.Response supplement(String token, String legId) {
        return office.post(caseUri + "/legs/" + legId + "/supplements", token, CaseRequests.supplement().toString());
    }

    private TestHttp.Response withdraw(String token, String legId) {
        return office.post(caseUri + "/legs/" + legId + "/withdrawal", token, CaseRequests.withdrawal().toString());
    }

    private void tianjinAccepts(String legId) {
        api.parts().answerFromPenalizingMember(LegId.parse(legId), new Acceptance(AcceptanceOutcome.ACCEPTED,
                "TJ-XY-2026-0417", List.of(), OffsetDateTime.now(ZoneOffset.ofHours(8))));
    }

    @Nested
    class Supplements {
        @Test
        void are_refused_before_the_partner_accepted_the_application() {
            TestHttp.Response r = supplement(harbin, legAt(TIANJIN));

            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("TRANSITION_NOT_ALLOWED");
            assertThat(r.json().get("detail").asText()).contains("RECEIVED");
        }

        @Test
        void answer_a_materials_request_and_bring_the_leg_back_to_accepted() {
            String leg = legAt(TIANJIN);
            tianjinAccepts(leg);
            api.parts().answerFromPenalizingMember(LegId.parse(leg), new MaterialsRequest(
                    List.of(new RequestedMaterial(MaterialKind.RECTIFICATION_REPORT, "整改报告")),
                    LocalDate.of(2026, 12, 5), "请补交整改报告"));
            assertThat(state(office.get(caseUri, harbin).json(), leg)).isEqualTo("MATERIALS_REQUESTED");

            TestHttp.Response r = supplement(harbin, leg);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(state(r.json(), leg)).isEqualTo("ACCEPTED");
            assertThat(r.json().get("timeline").findValuesAsText("detail")).contains("materials handed in");
        }

        @Test
        void hand_in_deferred_materials_on_an_accepted_leg() {
            String leg = legAt(TIANJIN);
            tianjinAccepts(leg);

            TestHttp.Response r = supplement(harbin, leg);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(state(r.json(), leg)).isEqualTo("ACCEPTED");
        }

        @Test
        void are_bound_strictly() {
            String leg = legAt(TIANJIN);

            TestHttp.Response empty = office.post(caseUri + "/legs/" + leg + "/supplements", harbin, "{\"materials\":[]}");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.code()).isEqualTo("FIELD_REQUIRED");
            assertThat(empty.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/materials");

            String withExtra = CaseRequests.supplement().put("urgent", true).toString();
            TestHttp.Response extra = office.post(caseUri + "/legs/" + leg + "/supplements", harbin, withExtra);
            assertThat(extra.code()).isEqualTo("FIELD_UNKNOWN");
        }
    }

    @Nested
    class Withdrawals {
        @Test
        void withdraw_a_leg_and_close_the_case_when_every_leg_is_done() {
            TestHttp.Response first = withdraw(harbin, legAt(TIANJIN));
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(state(first.json(), legAt(TIANJIN))).isEqualTo("WITHDRAWN");
            assertThat(first.json().get("status").asText()).isEqualTo("OPEN");

            TestHttp.Response second = withdraw(harbin, legAt(HANGZHOU));

            assertThat(state(second.json(), legAt(HANGZHOU))).isEqualTo("WITHDRAWN");
            assertThat(second.json().get("status").asText()).isEqualTo("CLOSED");
        }

        @Test
        void a_withdrawn_leg_takes_no_supplement() {
            String leg = legAt(TIANJIN);
            withdraw(harbin, leg);

            TestHttp.Response r = supplement(harbin, leg);

            assertThat(r.status()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("TRANSITION_NOT_ALLOWED");
        }

        @Test
        void need_a_known_reason() {
            TestHttp.Response r = office.post(caseUri + "/legs/" + legAt(HANGZHOU) + "/withdrawal", harbin,
                    "{\"reason\":\"CHANGED_MIND\"}");

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("ENUM_INVALID");
            assertThat(r.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/reason");
        }
    }

    @Nested
    class StatusQueries {
        @Test
        void are_queued_for_the_partner_and_noted_in_the_timeline() {
            String leg = legAt(HANGZHOU);

            TestHttp.Response r = office.post(caseUri + "/legs/" + leg + "/status-query", harbin, null);

            assertThat(r.status()).as(r.body()).isEqualTo(202);
            assertThat(r.json().get("timeline").findValuesAsText("detail")).contains("StatusQuery");
            List<org.tongban.gateway.store.OutboxRecord> queued = api.parts().store().read(tx -> tx.outboxOfLeg(LegId.parse(leg)));
            assertThat(queued).extracting(o -> o.type().wireName()).containsExactly("RepairApplication", "StatusQuery");
        }

        @Test
        void take_no_body() {
            TestHttp.Response r = office.post(caseUri + "/legs/" + legAt(HANGZHOU) + "/status-query", harbin, "{}");

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("FIELD_UNKNOWN");
        }
    }

    @Nested
    class WhoMayAct {
        @Test
        void only_the_home_office_acts_on_a_leg_not_the_penalising_member() {
            TestHttp.Response r = withdraw(api.parts().clerkToken(TIANJIN), legAt(TIANJIN));

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
        }

        @Test
        void ops_looks_but_does_not_act() {
            TestHttp.Response r = withdraw(api.parts().opsToken(), legAt(HANGZHOU));

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
        }

        @Test
        void a_supervisor_of_the_home_member_acts() {
            String supervisor = api.parts().token("zhang.wei", HARBIN, Clerk.Role.supervisor);

            assertThat(withdraw(supervisor, legAt(HANGZHOU)).status()).isEqualTo(200);
        }

        @Test
        void a_leg_of_another_case_is_not_found() {
            TestHttp.Response other = office.post(OfficeApi.CASES, harbin, CaseRequests.newCase(HARBIN, HANGZHOU).toString());
            String foreignLeg = other.json().get("legs").get(0).get("legId").asText();

            TestHttp.Response r = withdraw(harbin, foreignLeg);

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("LEG_NOT_FOUND");
        }
    }
}
