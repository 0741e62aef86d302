package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.TestHttp;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.testing.TestNodeParts.HANGZHOU;
import static org.tongban.gateway.testing.TestNodeParts.HARBIN;
import static org.tongban.gateway.testing.TestNodeParts.TIANJIN;

/** Reading and listing cases, and what a clerk of another member cannot see or do. */
class OfficeApiQueryIT {
    private static final MemberId SHIJIAZHUANG = MemberId.of("130100");

    @TempDir
    Path dir;
    ApiHarness api;
    TestHttp office;
    String harbin;
    String tianjin;

    @BeforeEach
    void start() {
        api = ApiHarness.start(dir);
        office = api.office();
        harbin = api.parts().clerkToken(HARBIN);
        tianjin = api.parts().clerkToken(TIANJIN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonNode file(String token, MemberId home, MemberId... penalizing) {
        TestHttp.Response r = office.post(OfficeApi.CASES, token, CaseRequests.newCase(home, penalizing).toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static String id(JsonNode c) {
        return c.get("caseId").asText();
    }

    private static List<String> ids(TestHttp.Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        list.json().get("items").forEach(i -> out.add(id(i)));
        return out;
    }

    @Nested
    class Reading {
        @Test
        void a_case_with_legs_and_full_timeline() {
            JsonNode filed = file(harbin, HARBIN, TIANJIN, HANGZHOU);

            TestHttp.Response r = office.get(OfficeApi.CASES + "/" + id(filed), harbin);

            assertThat(r.status()).isEqualTo(200);
            JsonNode c = r.json();
            assertThat(c.get("legs")).hasSize(2);
            assertThat(c.get("timeline").size()).isEqualTo(filed.get("timeline").size());
            assertThat(c.get("enterprise").get("creditCode").asText()).isEqualTo(filed.get("enterprise").get("creditCode").asText());
            assertThat(c.get("legs").get(0).get("penalty").get("ruleSet").asText()).isEqualTo("cn-2025");
            assertThat(r.headers().get("Cache-Control")).isEqualTo("no-store");
        }

        @Test
        void the_penalising_member_sees_the_case_its_leg_belongs_to() {
            JsonNode filed = file(harbin, HARBIN, TIANJIN);

            assertThat(office.get(OfficeApi.CASES + "/" + id(filed), tianjin).status()).isEqualTo(200);
        }

        @Test
        void ops_sees_any_case() {
            JsonNode filed = file(harbin, HARBIN, HANGZHOU);

            assertThat(office.get(OfficeApi.CASES + "/" + id(filed), api.parts().opsToken()).status()).isEqualTo(200);
        }

        @Test
        void an_unknown_case_is_404_and_a_malformed_id_400() {
            TestHttp.Response unknown = office.get(OfficeApi.CASES + "/019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", harbin);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("CASE_NOT_FOUND");

            TestHttp.Response malformed = office.get(OfficeApi.CASES + "/case-1", harbin);
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.code()).isEqualTo("IDENTIFIER_INVALID");
            assertThat(malformed.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/caseId");
        }
    }

    @Nested
    class Isolation {
        @Test
        void a_clerk_of_another_member_gets_404_for_the_case_and_each_leg_action() {
            JsonNode c = file(tianjin, TIANJIN, HANGZHOU);
            String leg = c.get("legs").get(0).get("legId").asText();
            String base = OfficeApi.CASES + "/" + id(c);

            assertThat(office.get(base, harbin).code()).isEqualTo("CASE_NOT_FOUND");
            for (TestHttp.Response r : List.of(
                    office.post(base + "/legs/" + leg + "/supplements", harbin, CaseRequests.supplement().toString()),
                    office.post(base + "/legs/" + leg + "/withdrawal", harbin, CaseRequests.withdrawal().toString()),
                    office.post(base + "/legs/" + leg + "/status-query", harbin, null))) {
                assertThat(r.status()).as(r.body()).isEqualTo(404);
                assertThat(r.code()).isEqualTo("CASE_NOT_FOUND");
            }
            // and nothing happened to the leg
            JsonNode after = office.get(base, tianjin).json();
            assertThat(after.get("timeline").size()).isEqualTo(c.get("timeline").size());
        }

        @Test
        void a_clerk_lists_only_the_cases_of_their_own_member() {
            String fromHarbin = id(file(harbin, HARBIN, HANGZHOU));
            String fromTianjin = id(file(tianjin, TIANJIN, HANGZHOU));

            assertThat(ids(office.get(OfficeApi.CASES, harbin))).containsExactly(fromHarbin);
            assertThat(ids(office.get(OfficeApi.CASES, tianjin))).containsExactly(fromTianjin);
            assertThat(ids(office.get(OfficeApi.CASES, api.parts().clerkToken(SHIJIAZHUANG)))).isEmpty();
            assertThat(ids(office.get(OfficeApi.CASES, api.parts().opsToken()))).containsExactly(fromHarbin, fromTianjin);
        }

        @Test
        void a_supervisor_is_scoped_to_their_member_like_a_clerk() {
            file(tianjin, TIANJIN, HANGZHOU);
            String supervisor = api.parts().token("zhang.wei", HARBIN, Clerk.Role.supervisor);

            assertThat(ids(office.get(OfficeApi.CASES, supervisor))).isEmpty();
        }
    }

    @Nested
    class Listing {
        @Test
        void filters_by_leg_state_penalising_member_status_and_enterprise() {
            String local = id(file(harbin, HARBIN, TIANJIN));
            String remote = id(file(harbin, HARBIN, HANGZHOU));
            String other = CaseRequests.creditCodeAt(HARBIN, "MA9Y8X7W6");
            TestHttp.Response filedOther = office.post(OfficeApi.CASES, harbin,
                    CaseRequests.newCase(other, HANGZHOU).toString());
            String third = id(filedOther.json());

            assertThat(ids(office.get(OfficeApi.CASES + "?legState=RECEIVED", harbin))).containsExactly(local);
            assertThat(ids(office.get(OfficeApi.CASES + "?legState=FORWARDED", harbin))).containsExactly(remote, third);
            assertThat(ids(office.get(OfficeApi.CASES + "?penalizingMember=330100", harbin))).containsExactly(remote, third);
            assertThat(ids(office.get(OfficeApi.CASES + "?creditCode=" + other, harbin))).containsExactly(third);
            assertThat(ids(office.get(OfficeApi.CASES + "?status=OPEN&penalizingMember=120000", harbin))).containsExactly(local);
            assertThat(ids(office.get(OfficeApi.CASES + "?status=CLOSED", harbin))).isEmpty();
        }

        @Test
        void pages_with_a_keyset_cursor_until_next_is_null() {
            List<String> filed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                filed.add(id(file(harbin, HARBIN, HANGZHOU)));
            }

            List<String> seen = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                TestHttp.Response page = office.get(OfficeApi.CASES + "?limit=2" + (next == null ? "" : "&after=" + next), harbin);
                seen.addAll(ids(page));
                JsonNode n = page.json().get("next");
                next = n.isNull() ? null : n.asText();
                pages++;
            } while (next != null);

            assertThat(seen).containsExactlyElementsOf(filed);
            assertThat(pages).isEqualTo(3);
            TestHttp.Response exact = office.get(OfficeApi.CASES + "?limit=5", harbin);
            assertThat(exact.json().get("next").isNull()).as("a full last page has no next").isTrue();
        }

        @Test
        void lists_cases_filed_since_an_instant() {
            String early = id(file(harbin, HARBIN, HANGZHOU));
            JsonNode late = file(harbin, HARBIN, HANGZHOU);
            OffsetDateTime lateAt = OffsetDateTime.parse(late.get("createdAt").asText());

            String since = lateAt.withOffsetSameInstant(ZoneOffset.UTC).toString();
            assertThat(ids(office.get(OfficeApi.CASES + "?createdSince=" + since, harbin))).containsExactly(id(late))
                    .doesNotContain(early);
            assertThat(ids(office.get(OfficeApi.CASES + "?createdSince=2026-01-01T00:00:00%2B08:00", harbin)))
                    .containsExactly(early, id(late));
        }

        @Test
        void refuses_bad_queries_with_the_parameter_as_pointer() {
            assertRefused("?limit=0", "NUMBER_OUT_OF_RANGE", "/limit");
            assertRefused("?limit=201", "NUMBER_OUT_OF_RANGE", "/limit");
            assertRefused("?limit=ten", "FIELD_TYPE", "/limit");
            assertRefused("?legState=LOST", "ENUM_INVALID", "/legState");
            assertRefused("?penalizingMember=33", "DIVISION_CODE_INVALID", "/penalizingMember");
            assertRefused("?creditCode=91330100716105852E", "CREDIT_CODE_INVALID", "/creditCode");
            assertRefused("?after=42", "IDENTIFIER_INVALID", "/after");
            assertRefused("?createdSince=2026-11-21T09:00:00", "DATE_TIME_OFFSET_MISSING", "/createdSince");
            assertRefused("?sort=desc", "FIELD_UNKNOWN", "/sort");
            assertRefused("?limit=1&limit=2", "FIELD_TYPE", "/limit");
        }

        private void assertRefused(String query, String code, String pointer) {
            TestHttp.Response r = office.get(OfficeApi.CASES + query, harbin);
            assertThat(r.status()).as(query + " → " + r.body()).isEqualTo(400);
            assertThat(r.code()).as(query).isEqualTo(code);
            assertThat(r.json().get("errors").get(0).get("pointer").asText()).as(query).isEqualTo(pointer);
        }

        @Test
        void empty_parameters_count_as_absent() {
            String c = id(file(harbin, HARBIN, HANGZHOU));

            assertThat(ids(office.get(OfficeApi.CASES + "?status=&limit=&after=", harbin))).containsExactly(c);
        }
    }
}
