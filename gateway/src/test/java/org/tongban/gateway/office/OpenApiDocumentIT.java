package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.AbsoluteIri;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.message.ContactRole;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.WithdrawalReason;
import org.tongban.ops.rules.EligibilityCode;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.contracts.message.SlaClock;
import org.tongban.gateway.store.EventKind;
import org.tongban.ops.rules.EligibilityCode;
import org.tongban.ops.sla.ClockRun;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.TestHttp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.testing.TestNodeParts.HANGZHOU;
import static org.tongban.gateway.testing.TestNodeParts.HARBIN;
import static org.tongban.gateway.testing.TestNodeParts.TIANJIN;

/**
 * The office API's OpenAPI document against the router and against real answers: every route is
 * documented, every documented operation is routed, and what the API answers validates against
 * the document's schemas (a draft 2020-12 validator, formats asserted).
 */
class OpenApiDocumentIT {
    private static final String DOCUMENT = "classpath:" + OfficeApi.OPENAPI_RESOURCE;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaLoaders(l -> l.add(OpenApiDocumentIT::refuseNetwork)));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    @TempDir
    Path dir;
    ApiHarness api;
    TestHttp office;
    String harbin;
    JsonNode document;

    @BeforeEach
    void start() {
        api = ApiHarness.start(dir);
        office = api.office();
        harbin = api.parts().clerkToken(HARBIN);
        TestHttp.Response served = office.get(OfficeApi.OPENAPI, null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo("application/json");
        document = served.json();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static InputStreamSource refuseNetwork(AbsoluteIri iri) {
        String scheme = iri.getScheme();
        if ("http".equals(scheme) || "https".equals(scheme)) {
            return () -> {
                throw new IOException(iri + " is not on the class path; tests never fetch schemas from the network");
            };
        }
        return null;
    }

    private static JsonSchema schema(String name) {
        JsonSchema s = FACTORY.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/" + name), CONFIG);
        s.initializeValidators(); // every $ref resolves now, or fails here
        return s;
    }

    private static List<String> violations(String schemaName, JsonNode instance) {
        Collection<ValidationMessage> messages = schema(schemaName).validate(instance);
        return messages.stream().map(m -> m.getInstanceLocation() + " " + m.getMessage()).sorted().toList();
    }

    @Nested
    class Coverage {
        @Test
        void every_route_is_documented_and_every_documented_operation_is_routed() {
            Set<String> routed = new TreeSet<>();
            for (Route r : api.officeApi().router().getRoutes()) {
                if (r.getPath() == null) {
                    continue; // catch-alls carry no API
                }
                String path = r.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
                assertThat(r.methods()).as("route %s names its methods", path).isNotEmpty();
                r.methods().forEach(m -> routed.add(m.name() + " " + path));
            }
            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> p = paths.next();
                p.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + p.getKey()));
            }

            assertThat(routed).hasSize(10).isEqualTo(documented);
        }

        @Test
        void every_operation_documents_its_errors_as_problems() {
            for (JsonNode path : document.get("paths")) {
                for (JsonNode op : path) {
                    String id = op.get("operationId").asText();
                    JsonNode responses = op.get("responses");
                    assertThat(responses.has("500")).as(id).isTrue();
                    if (!op.has("security")) {
                        assertThat(responses.has("401")).as(id + " needs a token, so it documents 401").isTrue();
                    }
                    responses.fields().forEachRemaining(e -> {
                        if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                            String ref = e.getValue().get("$ref").asText();
                            JsonNode resolved = document.at(ref.substring(1));
                            assertThat(resolved.at("/content/application~1problem+json/schema/$ref").asText())
                                    .as(id + " " + e.getKey()).isEqualTo("#/components/schemas/Problem");
                        }
                    });
                }
            }
        }

        @Test
        void enumerations_agree_with_the_code() {
            assertEnum("ErrorCode", ErrorCode.values());
            assertEnum("LegState", LegState.values());
            assertEnum("EventKind", EventKind.values());
            assertEnum("CaseStatus", CaseStatus.values());
            assertEnum("PenaltyCategory", PenaltyCategory.values());
            assertEnum("MaterialKind", MaterialKind.values());
            assertEnum("ContactRole", ContactRole.values());
            assertEnum("WithdrawalReason", WithdrawalReason.values());
            assertEnum("EligibilityCode", EligibilityCode.values());
            assertEnum("SlaClock", SlaClock.values());
            assertEnum("ClockStatus", ClockRun.Status.values());
            assertEnum("PublicityEndCause", PublicityEndCause.values());
        }

        private void assertEnum(String schemaName, Enum<?>[] values) {
            List<String> documented = new ArrayList<>();
            document.at("/components/schemas/" + schemaName + "/enum").forEach(v -> documented.add(v.asText()));
            assertThat(documented).as(schemaName)
                    .containsExactlyElementsOf(Arrays.stream(values).map(Enum::name).collect(Collectors.toList()));
        }
    }

    @Nested
    class Answers {
        @Test
        void a_filed_case_and_a_case_after_actions_validate_as_Case() {
            TestHttp.Response filed = office.post(OfficeApi.CASES, harbin, CaseRequests.newCase(HARBIN, TIANJIN, HANGZHOU).toString());
            assertThat(filed.status()).isEqualTo(201);
            assertThat(violations("Case", filed.json())).isEmpty();

            String caseUri = filed.headers().get("Location");
            String leg = filed.json().get("legs").get(0).get("legId").asText();
            office.post(caseUri + "/legs/" + leg + "/withdrawal", harbin, CaseRequests.withdrawal().toString());
            TestHttp.Response read = office.get(caseUri, harbin);
            assertThat(violations("Case", read.json())).isEmpty();
        }

        @Test
        void a_page_of_cases_validates_as_CaseList() {
            office.post(OfficeApi.CASES, harbin, CaseRequests.newCase(HARBIN, HANGZHOU).toString());
            office.post(OfficeApi.CASES, harbin, CaseRequests.newCase(HARBIN, TIANJIN).toString());

            TestHttp.Response withNext = office.get(OfficeApi.CASES + "?limit=1", harbin);
            TestHttp.Response last = office.get(OfficeApi.CASES, harbin);

            assertThat(withNext.json().get("next").isTextual()).isTrue();
            assertThat(violations("CaseList", withNext.json())).isEmpty();
            assertThat(violations("CaseList", last.json())).isEmpty();
        }

        @Test
        void problems_validate_as_Problem() {
            com.fasterxml.jackson.databind.node.ObjectNode bad = CaseRequests.newCase(HARBIN, HANGZHOU).put("priority", "high");
            List<TestHttp.Response> problems = List.of(
                    office.post(OfficeApi.CASES, harbin, bad.toString()),
                    office.get(OfficeApi.CASES + "?createdSince=2026-11-21T09:00", harbin),
                    office.get(OfficeApi.CASES, null),
                    office.get(OfficeApi.CASES + "/019aa1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", harbin),
                    office.get("/office/v1/nowhere", harbin),
                    office.post(OfficeApi.CASES, harbin, notYetEligible().toString()));
            for (TestHttp.Response p : problems) {
                assertThat(p.contentType()).isEqualTo("application/problem+json");
                assertThat(violations("Problem", p.json())).as(p.body()).isEmpty();
            }
            assertThat(problems).extracting(TestHttp.Response::status).containsExactly(400, 400, 401, 404, 404, 422);
            assertThat(problems.get(5).json().has("penalties")).isTrue();
        }

        @Test
        void a_case_filed_with_an_override_and_its_deadlines_validate_as_Case() {
            com.fasterxml.jackson.databind.node.ObjectNode body = notYetEligible();
            body.putObject("override").put("reason", "法院判决");
            assertThat(violations("NewCase", body)).isEmpty();

            TestHttp.Response filed = office.post(OfficeApi.CASES, harbin, body.toString());
            assertThat(filed.status()).isEqualTo(201);
            assertThat(filed.json().get("deadlines")).as("Tianjin's national clocks").isNotEmpty();
            assertThat(violations("Case", filed.json())).isEmpty();
        }

        /** A case whose Tianjin penalty was decided a month ago, inside its minimum publicity period. */
        private com.fasterxml.jackson.databind.node.ObjectNode notYetEligible() {
            com.fasterxml.jackson.databind.node.ObjectNode body = CaseRequests.newCase(HARBIN);
            java.time.LocalDate decided = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1);
            ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("penalties")).add(CaseRequests.penalty(TIANJIN, "津交罚〔2026〕第1号", decided, "GENERAL", "cn-2025"));
            return body;
        }

        @Test
        void notices_validate_as_Notice_and_NoticeList_and_opening_a_case_takes_a_CaseFromNotice() {
            java.time.LocalDate decided = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(4);
            api.parts().receive(api.parts().signedBy(HANGZHOU, HARBIN, org.tongban.contracts.message.PenaltyNoticeBatch.of("b1",
                    List.of(Notices.notice(HANGZHOU, "230102", 1, decided), Notices.notice(HANGZHOU, "230102", 2, decided)))));
            TestHttp.Response page = office.get(OfficeApi.NOTICES + "?limit=1", harbin);
            assertThat(violations("NoticeList", page.json())).isEmpty();
            String id = page.json().get("items").get(0).get("noticeId").asText();
            JsonNode one = office.get(OfficeApi.NOTICES + "/" + id, harbin).json();
            assertThat(one.has("proof")).isTrue();
            assertThat(violations("Notice", one)).isEmpty();

            com.fasterxml.jackson.databind.node.ObjectNode body = CaseRequests.newCase(HARBIN, HANGZHOU);
            body.remove(List.of("enterprise", "penalties", "appliedOn"));
            assertThat(violations("CaseFromNotice", body)).isEmpty();
            assertThat(violations("CaseFromNotice", body.deepCopy().put("priority", "high"))).isNotEmpty();
            TestHttp.Response opened = office.post(OfficeApi.NOTICES + "/" + id + "/case", harbin, body.toString());
            assertThat(opened.status()).isEqualTo(201);
            assertThat(violations("Case", opened.json())).isEmpty();
            assertThat(violations("Notice", office.get(OfficeApi.NOTICES + "/" + id, harbin).json())).isEmpty();
        }

        @Test
        void the_schemas_are_strict_where_the_api_is() {
            assertThat(violations("NewCase", CaseRequests.newCase(HARBIN, HANGZHOU))).isEmpty();
            assertThat(violations("NewCase", CaseRequests.newCase(HARBIN, HANGZHOU).put("priority", "high"))).isNotEmpty();
            assertThat(violations("MaterialsSupplement", CaseRequests.supplement())).isEmpty();
            assertThat(violations("Withdrawal", CaseRequests.withdrawal())).isEmpty();
            // a time without +08:00 is not one the API writes
            JsonNode filed = office.post(OfficeApi.CASES, harbin, CaseRequests.newCase(HARBIN, HANGZHOU).toString()).json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) filed).put("createdAt", "2026-11-21T01:00:00Z");
            assertThat(violations("Case", filed)).isNotEmpty();
        }
    }
}
