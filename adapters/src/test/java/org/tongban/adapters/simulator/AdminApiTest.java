package org.tongban.adapters.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admin API over real HTTP, on a polling platform whose applications wait for an operator. */
class AdminApiTest {
    static final String[] KEY = {"X-Api-Key", "k"};

    SimulatorFixture p;

    @BeforeEach
    void start() {
        p = SimulatorFixture.start(SimulatorOptions.builder(Dialect.POLLING, "130100").apiKey("k")
                .policy(DecisionPolicy.manual()).build());
    }

    @AfterEach
    void stop() {
        p.close();
    }

    SimulatorFixture.Answer send(String method, String path, JsonObject body) {
        return p.send(p.request("/admin" + path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    String apply(String legId, String creditCode) {
        return p.putJson("/v2/applications/" + legId, Samples.pollingApplication(creditCode), KEY).json().getString("id");
    }

    @Test
    void describes_the_platform_it_simulates() {
        JsonObject d = p.admin("");
        assertThat(d.getString("dialect")).isEqualTo("polling");
        assertThat(d.getString("member")).isEqualTo("130100");
        assertThat(d.getString("baseUrl")).isEqualTo(p.simulator().baseUrl());
        assertThat(d.getString("policy")).isEqualTo("manual");
    }

    @Nested
    class ByHand {
        @Test
        void an_operator_advances_an_application_and_the_event_reaches_the_feed() {
            String id = apply("leg-1", Samples.FIRM);

            SimulatorFixture.Answer a = send("POST", "/applications/" + id + "/advance", new JsonObject().put("action", "ACCEPT"));
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            assertThat(a.json().getString("type")).isEqualTo("ACCEPTED");
            SimulatorFixture.Answer r = send("POST", "/applications/" + id + "/advance", new JsonObject().put("action", "REFUSE")
                    .put("reasonCode", "OBLIGATIONS_NOT_FULFILLED").put("text", "罚款未缴清"));
            assertThat(r.json().getString("reasonCode")).isEqualTo("OBLIGATIONS_NOT_FULFILLED");

            JsonObject view = p.admin("/applications/" + id);
            assertThat(view.getString("status")).isEqualTo("REFUSED");
            assertThat(view.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
                    .containsExactly("ACCEPTED", "REFUSED");
            JsonArray changes = p.get("/v2/changes", KEY).json().getJsonArray("changes");
            assertThat(changes.getJsonObject(1).getString("reasonText")).isEqualTo("罚款未缴清");
        }

        @Test
        void a_step_the_status_does_not_allow_is_a_conflict() {
            String id = apply("leg-2", Samples.FIRM);
            SimulatorFixture.Answer a = send("POST", "/applications/" + id + "/advance",
                    new JsonObject().put("action", "END_PUBLICITY"));
            assertThat(a.status()).isEqualTo(409);
            assertThat(a.json().getString("code")).isEqualTo("NOT_ALLOWED_NOW");
            assertThat(send("POST", "/applications/none/advance", new JsonObject().put("action", "ACCEPT")).status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Policies {
        @Test
        void a_credit_codes_policy_applies_to_its_applications_only() {
            SimulatorFixture.Answer set = send("PUT", "/policy/" + Samples.OTHER_FIRM,
                    DecisionPolicy.parse("NOT_ACCEPT@10ms").toJson());
            assertThat(set.status()).as(set.text()).isEqualTo(200);
            assertThat(set.json().getJsonObject("byCreditCode").containsKey(Samples.OTHER_FIRM)).isTrue();

            apply("leg-3", Samples.OTHER_FIRM);
            apply("leg-4", Samples.FIRM);

            await().atMost(Duration.ofSeconds(5)).until(() -> p.application("leg-3").getString("status").equals("NOT_ACCEPTED"));
            assertThat(p.application("leg-4").getString("status")).isEqualTo("RECEIVED");
            assertThat(send("DELETE", "/policy/" + Samples.OTHER_FIRM, null).status()).isEqualTo(200);
            assertThat(send("DELETE", "/policy/" + Samples.OTHER_FIRM, null).status()).isEqualTo(404);
        }

        @Test
        void a_new_default_policy_applies_to_later_applications() {
            send("PUT", "/policy", DecisionPolicy.parse("ACCEPT@5ms,REPAIR@5ms").toJson());
            apply("leg-5", Samples.FIRM);
            await().atMost(Duration.ofSeconds(5)).until(() -> p.application("leg-5").getString("status").equals("REPAIRED"));
        }

        @Test
        void a_malformed_policy_is_a_problem_naming_the_field() {
            SimulatorFixture.Answer a = send("PUT", "/policy", new JsonObject().put("steps", new JsonArray()
                    .add(new JsonObject().put("action", "APPROVE"))));
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().getString("detail")).contains("APPROVE");
        }
    }

    @Test
    void a_published_penalty_appears_in_the_feed() {
        SimulatorFixture.Answer a = send("POST", "/penalties", new JsonObject().put("creditCode", Samples.FIRM)
                .put("enterpriseName", "石家庄甲公司").put("decisionNumber", "石罚1号").put("decidingAuthority", "石家庄市交通运输局")
                .put("decisionDate", "2026-06-01").put("category", "GENERAL").put("summary", "超载"));
        assertThat(a.status()).as(a.text()).isEqualTo(201);

        JsonObject feed = p.get("/v2/penalties", KEY).json();
        assertThat(feed.getJsonArray("penalties")).hasSize(1);
        assertThat(feed.getJsonArray("penalties").getJsonObject(0).getString("ruleSet")).isEqualTo("cn-2025");

        SimulatorFixture.Answer bad = send("POST", "/penalties", new JsonObject().put("creditCode", "91330100MA2KX0001E"));
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void reset_forgets_applications_and_starts_a_new_feed_run() {
        String id = apply("leg-6", Samples.FIRM);
        send("POST", "/applications/" + id + "/advance", new JsonObject().put("action", "ACCEPT"));
        String oldCursor = p.get("/v2/changes", KEY).json().getString("cursor");

        assertThat(send("POST", "/reset", null).status()).isEqualTo(200);

        assertThat(p.admin("/applications").getJsonArray("items")).isEmpty();
        String newId = apply("leg-6", Samples.FIRM);
        assertThat(newId).isNotEqualTo(id);
        send("POST", "/applications/" + newId + "/advance", new JsonObject().put("action", "ACCEPT"));
        // the old cursor belongs to the forgotten run: it reads the new feed from its beginning
        JsonArray changes = p.get("/v2/changes?after=" + oldCursor, KEY).json().getJsonArray("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.getJsonObject(0).getString("applicationId")).isEqualTo(newId);
    }
}
