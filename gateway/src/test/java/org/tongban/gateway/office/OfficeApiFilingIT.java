package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.TestHttp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.testing.TestNodeParts.HANGZHOU;
import static org.tongban.gateway.testing.TestNodeParts.HARBIN;
import static org.tongban.gateway.testing.TestNodeParts.TIANJIN;

/** Filing cases through {@code POST /office/v1/cases}, and what the edge refuses. */
class OfficeApiFilingIT {
    @TempDir
    Path dir;
    ApiHarness api;
    TestHttp office;
    String harbinClerk;

    @BeforeEach
    void start() {
        api = ApiHarness.start(dir);
        office = api.office();
        harbinClerk = api.parts().clerkToken(HARBIN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TestHttp.Response file(ObjectNode body) {
        return office.post(OfficeApi.CASES, harbinClerk, body.toString());
    }

    private static JsonNode leg(JsonNode caseJson, MemberId at) {
        for (JsonNode l : caseJson.get("legs")) {
            if (l.get("penalizingMember").asText().equals(at.value())) {
                return l;
            }
        }
        throw new AssertionError("no leg at " + at + " in " + caseJson);
    }

    @Nested
    class Filing {
        @Test
        void files_a_case_with_one_leg_per_penalty_delivered_locally_or_queued_for_the_peer() {
            TestHttp.Response r = file(CaseRequests.newCase(HARBIN, TIANJIN, HANGZHOU));

            assertThat(r.status()).as(r.body()).isEqualTo(201);
            JsonNode c = r.json();
            String caseId = c.get("caseId").asText();
            assertThat(r.headers().get("Location")).isEqualTo("/office/v1/cases/" + caseId);
            assertThat(c.get("homeMember").asText()).isEqualTo("230100");
            assertThat(c.get("status").asText()).isEqualTo("OPEN");
            assertThat(c.get("createdBy").asText()).isEqualTo("clerk:clerk-230100");
            assertThat(c.get("createdAt").asText()).endsWith("+08:00");
            // Tianjin is hosted here: the application was handed over and receipted in the same transaction.
            assertThat(leg(c, TIANJIN).get("state").asText()).isEqualTo("RECEIVED");
            // Hangzhou is on the east node: the application waits in the outbox.
            assertThat(leg(c, HANGZHOU).get("state").asText()).isEqualTo("FORWARDED");
            assertThat(c.get("contacts").get(0).get("name").asText()).isEqualTo("王建国");
            assertThat(c.get("deferredMaterials")).hasSize(1);

            List<OutboxRecord> east = api.parts().store().read(tx ->
                    tx.outboxOfLeg(org.tongban.contracts.id.LegId.parse(leg(c, HANGZHOU).get("legId").asText())));
            assertThat(east).singleElement().satisfies(o -> assertThat(o.destination()).isEqualTo("node:east"));
        }

        @Test
        void the_timeline_tells_what_happened_to_each_leg_with_messages_and_actors() {
            JsonNode c = file(CaseRequests.newCase(HARBIN, TIANJIN)).json();
            String legId = leg(c, TIANJIN).get("legId").asText();

            List<String> transitions = c.get("timeline").findValuesAsText("toState");
            assertThat(transitions).containsSubsequence("SUBMITTED", "FORWARDED", "RECEIVED");
            JsonNode forwarded = events(c, "TRANSITION").stream()
                    .filter(e -> "FORWARDED".equals(e.path("toState").asText())).findFirst().orElseThrow();
            assertThat(forwarded.get("legId").asText()).isEqualTo(legId);
            assertThat(forwarded.get("fromState").asText()).isEqualTo("SUBMITTED");
            assertThat(forwarded.get("messageId").asText()).matches("[0-9a-f-]{36}");
            assertThat(forwarded.get("actor").asText()).isEqualTo("node");
            assertThat(forwarded.get("at").asText()).endsWith("+08:00");
            assertThat(events(c, "MESSAGE_QUEUED")).isNotEmpty();
            assertThat(events(c, "RECEIPT_RECEIVED")).singleElement()
                    .satisfies(e -> assertThat(e.get("actor").asText()).isEqualTo("member:120000"));
            assertThat(c.get("timeline").findValuesAsText("seq")).doesNotHaveDuplicates();
        }

        private List<JsonNode> events(JsonNode c, String kind) {
            List<JsonNode> out = new java.util.ArrayList<>();
            c.get("timeline").forEach(e -> {
                if (e.get("kind").asText().equals(kind)) {
                    out.add(e);
                }
            });
            return out;
        }

        @Test
        void a_supervisor_files_too() {
            String supervisor = api.parts().token("zhang.wei", HARBIN, Clerk.Role.supervisor);

            TestHttp.Response r = office.post(OfficeApi.CASES, supervisor, CaseRequests.newCase(HARBIN, HANGZHOU).toString());

            assertThat(r.status()).isEqualTo(201);
            assertThat(r.json().get("createdBy").asText()).isEqualTo("supervisor:zhang.wei");
        }

        @Test
        void ops_does_not_file_cases() {
            TestHttp.Response r = office.post(OfficeApi.CASES, api.parts().opsToken(),
                    CaseRequests.newCase(HARBIN, HANGZHOU).toString());

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
        }

        @Test
        void a_clerk_of_a_member_not_hosted_here_is_misdirected() {
            MemberId shijiazhuang = MemberId.of("130100");
            TestHttp.Response r = office.post(OfficeApi.CASES, api.parts().clerkToken(shijiazhuang),
                    CaseRequests.newCase(shijiazhuang, HANGZHOU).toString());

            assertThat(r.status()).isEqualTo(421);
            assertThat(r.code()).isEqualTo("MEMBER_NOT_HOSTED");
        }

        @Test
        void without_a_token_the_answer_is_401_with_a_bearer_challenge() {
            TestHttp.Response r = office.post(OfficeApi.CASES, null, CaseRequests.newCase(HARBIN, HANGZHOU).toString());

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
            assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(r.headers().get("WWW-Authenticate")).startsWith("Bearer realm=\"tongban\"");
        }

        @Test
        void a_forged_token_is_refused_before_the_body_is_looked_at() {
            TestHttp.Response r = office.post(OfficeApi.CASES, harbinClerk + "x", "{not json");

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).contains("invalid_token");
        }
    }

    @Nested
    class Idempotency {
        @Test
        void a_replay_with_the_same_key_returns_the_same_case_with_200() {
            ObjectNode body = CaseRequests.newCase(HARBIN, TIANJIN, HANGZHOU);
            Map<String, String> key = Map.of("Idempotency-Key", "harbin-2026-118");

            TestHttp.Response first = office.post(OfficeApi.CASES, harbinClerk, body.toString(), key);
            // The same request reformatted is the same request.
            TestHttp.Response again = office.post(OfficeApi.CASES, harbinClerk, body.toPrettyString(), key);

            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("caseId")).isEqualTo(first.json().get("caseId"));
            assertThat(again.headers().get("Location")).isEqualTo(first.headers().get("Location"));
            TestHttp.Response list = office.get(OfficeApi.CASES, harbinClerk);
            assertThat(list.json().get("items")).hasSize(1);
        }

        @Test
        void the_same_key_with_a_different_body_is_a_conflict() {
            Map<String, String> key = Map.of("Idempotency-Key", "harbin-2026-119");
            office.post(OfficeApi.CASES, harbinClerk, CaseRequests.newCase(HARBIN, TIANJIN).toString(), key);

            TestHttp.Response r = office.post(OfficeApi.CASES, harbinClerk, CaseRequests.newCase(HARBIN, HANGZHOU).toString(), key);

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
        }

        @Test
        void without_a_key_each_request_files_a_new_case() {
            ObjectNode body = CaseRequests.newCase(HARBIN, HANGZHOU);

            String a = file(body).json().get("caseId").asText();
            String b = file(body).json().get("caseId").asText();

            assertThat(a).isNotEqualTo(b);
        }

        @Test
        void a_key_that_cannot_be_stored_is_refused() {
            TestHttp.Response r = office.post(OfficeApi.CASES, harbinClerk, CaseRequests.newCase(HARBIN, HANGZHOU).toString(),
                    Map.of("Idempotency-Key", "k".repeat(101)));

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("FIELD_FORMAT");
        }
    }

    @Nested
    class Validation {
        private JsonNode refused(ObjectNode body, String code) {
            TestHttp.Response r = file(body);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
            assertThat(r.code()).isEqualTo(code);
            return r.json();
        }

        private static List<String> pointers(JsonNode problem) {
            return problem.get("errors").findValuesAsText("pointer");
        }

        @Test
        void unknown_members_are_refused_with_their_pointer() {
            ObjectNode body = CaseRequests.newCase(HARBIN, HANGZHOU);
            body.put("priority", "high");
            ((ObjectNode) body.get("penalties").get(0)).put("fineYuan", 2000);

            JsonNode p = refused(body, "FIELD_UNKNOWN");

            assertThat(pointers(p)).containsExactlyInAnyOrder("/priority", "/penalties/0/fineYuan");
        }

        @Test
        void a_credit_code_with_a_wrong_check_character() {
            String valid = CaseRequests.creditCodeAt(HARBIN, "MA1B2C3D4");
            char wrong = valid.charAt(17) == '0' ? '1' : '0';
            ObjectNode body = CaseRequests.newCase(valid.substring(0, 17) + wrong, HANGZHOU);

            JsonNode p = refused(body, "CREDIT_CODE_INVALID");

            assertThat(pointers(p)).containsExactly("/enterprise/creditCode");
            assertThat(p.get("errors").get(0).get("detail").asText()).contains("check character");
        }

        @Test
        void missing_or_empty_penalties() {
            ObjectNode body = CaseRequests.newCase(HARBIN, HANGZHOU);
            body.remove("penalties");
            assertThat(pointers(refused(body, "FIELD_REQUIRED"))).containsExactly("/penalties");

            body.putArray("penalties");
            assertThat(pointers(refused(body, "FIELD_REQUIRED"))).containsExactly("/penalties");
        }

        @Test
        void a_penalising_member_that_is_not_a_division_code() {
            ObjectNode body = CaseRequests.newCase(HARBIN, HANGZHOU);
            ((ObjectNode) body.get("penalties").get(0)).put("penalizingMember", "Hangzhou");

            assertThat(pointers(refused(body, "DIVISION_CODE_INVALID"))).containsExactly("/penalties/0/penalizingMember");
        }

        @Test
        void every_violation_is_listed_at_once() {
            ObjectNode body = CaseRequests.newCase(HARBIN, HANGZHOU);
            body.put("appliedOn", "2026-11-19T09:00:00+08:00");
            body.remove("contacts");
            ((ObjectNode) body.get("materials").get(0)).put("sha256", "ABC");

            JsonNode p = refused(body, "DATE_INVALID");

            assertThat(pointers(p)).containsExactlyInAnyOrder("/appliedOn", "/contacts", "/materials/0/sha256");
        }

        @Test
        void a_penalty_imposed_at_home_is_not_forwarded() {
            assertThat(pointers(refused(CaseRequests.newCase(HARBIN, HARBIN), "MESSAGE_INCONSISTENT")))
                    .containsExactly("/penalties/0/penalizingMember");
        }

        @Test
        void malformed_json_and_duplicate_members() {
            TestHttp.Response broken = office.post(OfficeApi.CASES, harbinClerk, "{\"enterprise\": ");
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.code()).isEqualTo("JSON_MALFORMED");

            String twice = CaseRequests.newCase(HARBIN, HANGZHOU).toString().replaceFirst("\\{", "{\"statement\":\"x\",");
            TestHttp.Response dup = office.post(OfficeApi.CASES, harbinClerk, twice);
            assertThat(dup.status()).isEqualTo(400);
            assertThat(dup.code()).isEqualTo("JSON_DUPLICATE_KEY");
            assertThat(dup.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/statement");
        }

        @Test
        void a_body_that_is_not_json_or_too_large() {
            TestHttp.Response text = office.post(OfficeApi.CASES, harbinClerk, "enterprise=x",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            assertThat(text.status()).isEqualTo(415);
            assertThat(text.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

            ObjectNode huge = CaseRequests.newCase(HARBIN, HANGZHOU).put("statement", "长".repeat(OfficeApi.MAX_BODY_BYTES));
            TestHttp.Response large = file(huge);
            assertThat(large.status()).isEqualTo(413);
            assertThat(large.code()).isEqualTo("DOCUMENT_TOO_LARGE");
        }

        @Test
        void routes_and_methods_that_do_not_exist() {
            TestHttp.Response none = office.get("/office/v1/nothing", harbinClerk);
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.code()).isEqualTo("NOT_FOUND");

            TestHttp.Response method = office.send(HttpMethod.DELETE, OfficeApi.CASES, harbinClerk, null, Map.of());
            assertThat(method.status()).isEqualTo(405);
            assertThat(method.code()).isEqualTo("METHOD_NOT_ALLOWED");
        }
    }
}
