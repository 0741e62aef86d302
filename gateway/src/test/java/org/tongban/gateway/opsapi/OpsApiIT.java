package org.tongban.gateway.opsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.office.OfficeApi;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.TestHttp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.testing.TestNodeParts.HANGZHOU;
import static org.tongban.gateway.testing.TestNodeParts.HARBIN;
import static org.tongban.gateway.testing.TestNodeParts.TIANJIN;

/** The ops port: metrics, liveness, readiness, dead letters and the audit log. */
class OpsApiIT {
    @TempDir
    Path dir;
    ApiHarness api;
    TestHttp ops;
    String operator;

    @BeforeEach
    void start() {
        api = ApiHarness.start(dir);
        ops = api.ops();
        operator = api.parts().opsToken();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonNode fileCase(com.fasterxml.jackson.databind.node.ObjectNode body) {
        TestHttp.Response r = api.office().post(OfficeApi.CASES, api.parts().clerkToken(HARBIN), body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private TestHttp.Response post(String path, String token) {
        return ops.send(HttpMethod.POST, path, token, null, Map.of());
    }

    @Nested
    class Probes {
        @Test
        void metrics_are_prometheus_text_without_a_token_and_show_tongban_meters_after_traffic() {
            fileCase(CaseRequests.newCase(HARBIN, TIANJIN, HANGZHOU));

            TestHttp.Response r = ops.get(OpsApi.METRICS, null);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("text/plain");
            assertThat(r.body()).contains("# TYPE tongban_leg_transitions_total counter")
                    .containsPattern("tongban_leg_transitions_total\\{member=\"230100\",to=\"RECEIVED\"} 1\\.0")
                    .contains("tongban_messages_out_total");
        }

        @Test
        void metrics_named_with_name_parameters_are_the_only_ones_rendered() {
            fileCase(CaseRequests.newCase(HARBIN, TIANJIN, HANGZHOU));

            TestHttp.Response r = ops.get(OpsApi.METRICS + "?name[]=tongban_leg_transitions_total"
                    + "&name[]=tongban_messages_out_total", null);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).containsPattern("tongban_leg_transitions_total\\{member=\"230100\",to=\"RECEIVED\"} 1\\.0")
                    .contains("tongban_messages_out_total")
                    .doesNotContain("jvm_").doesNotContain("tongban_outbox_");
        }

        @Test
        void health_says_the_process_is_up() {
            TestHttp.Response r = ops.get(OpsApi.HEALTH, null);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("UP");
        }

        @Test
        void ready_checks_the_store_by_default() {
            TestHttp.Response r = ops.get(OpsApi.READY, null);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("UP");
            assertThat(r.json().get("checks").get("store").get("status").asText()).isEqualTo("UP");
        }

        @Test
        void ready_turns_503_naming_the_failing_check_and_why() {
            AtomicBoolean platformUp = new AtomicBoolean(true);
            api.health().register("platform-120000", () -> platformUp.get() ? HealthChecks.Result.up()
                    : HealthChecks.Result.down("Tianjin platform answered 502"));
            assertThat(ops.get(OpsApi.READY, null).status()).isEqualTo(200);

            platformUp.set(false);
            TestHttp.Response r = ops.get(OpsApi.READY, null);

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("status").asText()).isEqualTo("DOWN");
            JsonNode checks = r.json().get("checks");
            assertThat(checks.get("store").get("status").asText()).isEqualTo("UP");
            assertThat(checks.get("platform-120000").get("status").asText()).isEqualTo("DOWN");
            assertThat(checks.get("platform-120000").get("reason").asText()).isEqualTo("Tianjin platform answered 502");

            platformUp.set(true);
            assertThat(ops.get(OpsApi.READY, null).status()).isEqualTo(200);
        }

        @Test
        void a_check_that_throws_counts_as_down() {
            api.health().register("directory", () -> {
                throw new IllegalStateException("directory file unreadable");
            });

            TestHttp.Response r = ops.get(OpsApi.READY, null);

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("checks").get("directory").get("reason").asText()).contains("directory file unreadable");
        }
    }

    @Nested
    class Access {
        @Test
        void ops_endpoints_need_a_token() {
            for (TestHttp.Response r : new TestHttp.Response[] {ops.get(OpsApi.DEAD_LETTERS, null),
                    post(OpsApi.DEAD_LETTERS + "/1/redrive", null), post(OpsApi.DEAD_LETTERS + "/redrive?destination=node:east", null),
                    ops.get(OpsApi.AUDIT, null)}) {
                assertThat(r.status()).as(r.body()).isEqualTo(401);
                assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
                assertThat(r.headers().get("WWW-Authenticate")).startsWith("Bearer");
            }
        }

        @Test
        void ops_endpoints_need_the_ops_role() {
            for (Clerk.Role role : new Clerk.Role[] {Clerk.Role.clerk, Clerk.Role.supervisor}) {
                String token = api.parts().token("li.na", HARBIN, role);
                for (TestHttp.Response r : new TestHttp.Response[] {ops.get(OpsApi.DEAD_LETTERS, token),
                        post(OpsApi.DEAD_LETTERS + "/1/redrive", token), ops.get(OpsApi.AUDIT, token)}) {
                    assertThat(r.status()).as(role + " " + r.body()).isEqualTo(403);
                    assertThat(r.code()).isEqualTo("FORBIDDEN");
                }
            }
        }

        @Test
        void unknown_routes_are_problems_too() {
            TestHttp.Response r = ops.get("/ops/v1/secrets", operator);

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Nested
    class DeadLetters {
        @Test
        void lists_dead_letters_and_redrives_one() {
            JsonNode c = fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            assertThat(api.deadLetters().kill("node:east")).isEqualTo(1);

            TestHttp.Response list = ops.get(OpsApi.DEAD_LETTERS + "?destination=node:east&limit=10", operator);

            assertThat(list.status()).as(list.body()).isEqualTo(200);
            JsonNode dead = list.json().get("items").get(0);
            assertThat(dead.get("destination").asText()).isEqualTo("node:east");
            assertThat(dead.get("type").asText()).isEqualTo("RepairApplication");
            assertThat(dead.get("caseId").asText()).isEqualTo(c.get("caseId").asText());
            assertThat(dead.get("lastErrorKey").asText()).isEqualTo("http_503");
            assertThat(dead.get("deadSince").asText()).endsWith("+08:00");

            long seq = dead.get("seq").asLong();
            TestHttp.Response redriven = post(OpsApi.DEAD_LETTERS + "/" + seq + "/redrive", operator);
            assertThat(redriven.status()).as(redriven.body()).isEqualTo(200);
            assertThat(redriven.json().get("redriven").asBoolean()).isTrue();
            assertThat(ops.get(OpsApi.DEAD_LETTERS, operator).json().get("items")).isEmpty();

            TestHttp.Response again = post(OpsApi.DEAD_LETTERS + "/" + seq + "/redrive", operator);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.code()).isEqualTo("DEAD_LETTER_NOT_FOUND");
        }

        @Test
        void redrives_every_dead_letter_of_one_destination() {
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            api.deadLetters().kill("node:east");

            TestHttp.Response r = post(OpsApi.DEAD_LETTERS + "/redrive?destination=node:east", operator);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("redriven").asInt()).isEqualTo(2);
            assertThat(ops.get(OpsApi.DEAD_LETTERS, operator).json().get("items")).isEmpty();
        }

        @Test
        void refuses_bad_parameters() {
            TestHttp.Response noDestination = post(OpsApi.DEAD_LETTERS + "/redrive", operator);
            assertThat(noDestination.status()).isEqualTo(400);
            assertThat(noDestination.code()).isEqualTo("FIELD_REQUIRED");
            assertThat(noDestination.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/destination");

            TestHttp.Response badSeq = post(OpsApi.DEAD_LETTERS + "/first/redrive", operator);
            assertThat(badSeq.status()).isEqualTo(400);
            assertThat(badSeq.code()).isEqualTo("FIELD_FORMAT");

            TestHttp.Response badLimit = ops.get(OpsApi.DEAD_LETTERS + "?limit=100000", operator);
            assertThat(badLimit.code()).isEqualTo("NUMBER_OUT_OF_RANGE");
        }
    }

    @Nested
    class Audit {
        @Test
        void pages_through_the_log_with_the_chain_verified() {
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            fileCase(CaseRequests.newCase(HARBIN, TIANJIN));
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));

            TestHttp.Response first = ops.get(OpsApi.AUDIT + "?limit=2", operator);

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            JsonNode page = first.json();
            assertThat(page.get("chainValid").asBoolean()).isTrue();
            assertThat(page.get("items")).hasSize(2);
            JsonNode line = page.get("items").get(0);
            assertThat(line.get("seq").asLong()).isEqualTo(1);
            assertThat(line.get("action").asText()).isEqualTo("case.create");
            assertThat(line.get("actor").asText()).isEqualTo("clerk:clerk-230100");
            assertThat(line.get("prevHash").asText()).isEqualTo("0".repeat(64));
            assertThat(page.get("next").asLong()).isEqualTo(2);

            JsonNode rest = ops.get(OpsApi.AUDIT + "?after=2", operator).json();
            assertThat(rest.get("chainValid").asBoolean()).isTrue();
            assertThat(rest.get("items")).hasSize(1);
            assertThat(rest.get("items").get(0).get("prevHash").asText()).isEqualTo(page.get("items").get(1).get("hash").asText());
            assertThat(rest.get("next").isNull()).isTrue();
        }

        @Test
        void an_edited_line_breaks_the_chain() throws SQLException {
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db").toAbsolutePath());
                 Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE audit_log SET detail = '0 leg(s)' WHERE seq = 2");
            }

            JsonNode log = ops.get(OpsApi.AUDIT, operator).json();

            assertThat(log.get("chainValid").asBoolean()).isFalse();
            assertThat(log.get("brokenAt").asLong()).isEqualTo(2);
            assertThat(log.get("reason").asText()).contains("does not match its hash");
            assertThat(ops.get(OpsApi.AUDIT + "?after=2", operator).json().get("chainValid").asBoolean()).isTrue();
        }

        @Test
        void a_removed_line_breaks_the_chain() throws SQLException {
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db").toAbsolutePath());
                 Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM audit_log WHERE seq = 2");
            }

            JsonNode log = ops.get(OpsApi.AUDIT, operator).json();

            assertThat(log.get("chainValid").asBoolean()).isFalse();
            assertThat(log.get("brokenAt").asLong()).isEqualTo(3);
            assertThat(ops.get(OpsApi.AUDIT + "?after=2", operator).json().get("chainValid").asBoolean()).isFalse();
        }

        @Test
        void redrives_are_audited_with_the_operator() {
            fileCase(CaseRequests.newCase(HARBIN, HANGZHOU));
            api.deadLetters().kill("node:east");
            post(OpsApi.DEAD_LETTERS + "/redrive?destination=node:east", operator);

            JsonNode log = ops.get(OpsApi.AUDIT, operator).json();

            assertThat(log.get("items").findValuesAsText("action")).containsExactly("case.create", "outbox.redrive");
            assertThat(log.get("items").get(1).get("actor").asText()).isEqualTo("ops:operator");
            assertThat(log.get("chainValid").asBoolean()).isTrue();
        }
    }
}
