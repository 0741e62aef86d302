package org.tongban.adapters.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The rest-oauth2 platform over real HTTP on loopback, with a real callback server. */
class RestOauth2SimulatorTest {
    private static final String API = "/api/v1/repair-applications";

    SimulatorFixture platform;
    CallbackReceiver adapter;

    @BeforeEach
    void start() {
        platform = SimulatorFixture.start(SimulatorOptions.builder(Dialect.REST_OAUTH2, "330100")
                .clientId("tongban").clientSecret("s3cret").callbackToken("cb-token")
                .policy(DecisionPolicy.parse("ACCEPT@20ms,REPAIR@20ms,END_PUBLICITY@20ms"))
                .policyFor(Samples.OTHER_FIRM, DecisionPolicy.parse("ACCEPT@10ms,ASK_MATERIALS@10ms,REPAIR@10ms,END_PUBLICITY@10ms"))
                .penalty(new PenaltyEntry(Samples.FIRM, "杭州甲公司", "杭罚1号", "杭州市市场监督管理局", LocalDate.of(2026, 3, 1),
                        "GENERAL", "cn-2025", "虚假宣传", LocalDate.of(2026, 3, 2)))
                .penalty(new PenaltyEntry(Samples.OTHER_FIRM, "哈尔滨乙公司", "杭罚2号", "杭州市交通运输局", LocalDate.of(2026, 3, 5),
                        "SERIOUS", "cn-2025", null, null))
                .pushRetry(Duration.ofMillis(20), Duration.ofMillis(100)).build());
        adapter = CallbackReceiver.start(platform.vertx(), p -> new CallbackReceiver.Reply(200, "application/json",
                "{\"code\":0}".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        adapter.close();
        platform.close();
    }

    String token() {
        SimulatorFixture.Answer a = platform.send(platform.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=tongban&client_secret=s3cret")));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json().getString("access_token");
    }

    SimulatorFixture.Answer apply(String token, JsonObject body) {
        return platform.postJson(API, body, "Authorization", "Bearer " + token, "Idempotency-Key",
                body.getString("external_id"));
    }

    List<String> pushedTypes() {
        return adapter.pushes().stream().map(p -> new JsonObject(new String(p.body(), StandardCharsets.UTF_8))
                .getString("event_type")).toList();
    }

    @Nested
    class Token {
        @Test
        void client_credentials_give_a_bearer_token_with_its_lifetime() {
            SimulatorFixture.Answer a = platform.send(platform.request("/oauth2/token")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=tongban&client_secret=s3cret&scope=xyxf")));

            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().fieldNames()).containsExactlyInAnyOrder("access_token", "token_type", "expires_in");
            assertThat(a.json().getString("token_type")).isEqualTo("Bearer");
            assertThat(a.json().getLong("expires_in")).isEqualTo(7200);
        }

        @Test
        void a_wrong_secret_is_invalid_client() {
            SimulatorFixture.Answer a = platform.send(platform.request("/oauth2/token")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=tongban&client_secret=no")));

            assertThat(a.status()).isEqualTo(401);
            assertThat(a.json().getString("error")).isEqualTo("invalid_client");
        }

        @Test
        void calls_without_or_with_a_revoked_token_are_invalid_token() {
            assertThat(apply("nope", Samples.restApplication("leg-0", Samples.FIRM, adapter.url("/cb"))).status()).isEqualTo(401);

            String token = token();
            platform.send(platform.request("/admin/tokens/revoke").POST(HttpRequest.BodyPublishers.noBody()));
            SimulatorFixture.Answer a = apply(token, Samples.restApplication("leg-0", Samples.FIRM, adapter.url("/cb")));

            assertThat(a.status()).isEqualTo(401);
            assertThat(a.json().getString("error")).isEqualTo("invalid_token");
            assertThat(a.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(apply(token(), Samples.restApplication("leg-0", Samples.FIRM, adapter.url("/cb"))).status())
                    .isEqualTo(201);
        }
    }

    @Nested
    class Applications {
        @Test
        void an_application_is_created_once_and_a_repeat_answers_200_with_the_same_body() {
            String token = token();
            JsonObject body = Samples.restApplication("leg-1", Samples.FIRM, adapter.url("/callbacks/330100"));

            SimulatorFixture.Answer first = apply(token, body);
            SimulatorFixture.Answer again = apply(token, body);

            assertThat(first.status()).as(first.text()).isEqualTo(201);
            assertThat(first.json().getString("application_no")).startsWith("XF330100");
            assertThat(first.json().getString("received_at")).matches("\\d{14}");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json()).isEqualTo(first.json());
            assertThat(platform.admin("/applications").getJsonArray("items")).hasSize(1);
        }

        @Test
        void a_missing_field_or_a_bad_credit_code_is_invalid_request_naming_it() {
            String token = token();
            JsonObject body = Samples.restApplication("leg-2", Samples.FIRM, adapter.url("/cb"));
            body.remove("deciding_authority");
            SimulatorFixture.Answer a = apply(token, body);
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().getString("error")).isEqualTo("invalid_request");
            assertThat(a.json().getString("error_description")).contains("deciding_authority");

            SimulatorFixture.Answer bad = apply(token, Samples.restApplication("leg-3", "91330100MA2KX0001E", adapter.url("/cb")));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().getString("error_description")).contains("credit_code");
        }

        @Test
        void camel_case_fields_and_an_idempotency_key_other_than_the_external_id_are_refused() {
            String token = token();
            JsonObject body = Samples.restApplication("leg-4", Samples.FIRM, adapter.url("/cb")).put("creditCode", "x");
            assertThat(apply(token, body).json().getString("error_description")).contains("creditCode");

            SimulatorFixture.Answer a = platform.postJson(API, Samples.restApplication("leg-5", Samples.FIRM, adapter.url("/cb")),
                    "Authorization", "Bearer " + token, "Idempotency-Key", "other");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().getString("error_description")).contains("Idempotency-Key");
        }
    }

    @Nested
    class Events {
        @Test
        void decisions_are_pushed_in_order_with_the_callback_token_and_dates_in_the_dialects_format() {
            apply(token(), Samples.restApplication("leg-10", Samples.FIRM, adapter.url("/callbacks/330100")));

            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.pushes().size() >= 3);
            assertThat(pushedTypes()).containsExactly("ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
            CallbackReceiver.Push first = adapter.pushes().get(0);
            assertThat(first.path()).isEqualTo("/callbacks/330100");
            assertThat(first.header("X-Callback-Token")).isEqualTo("cb-token");
            JsonObject accepted = new JsonObject(new String(first.body(), StandardCharsets.UTF_8));
            assertThat(accepted.fieldNames()).containsExactlyInAnyOrder("event_id", "application_no", "external_id",
                    "case_id", "home_member", "event_type", "occurred_at");
            assertThat(accepted.getString("external_id")).isEqualTo("leg-10");
            assertThat(accepted.getString("case_id")).isEqualTo("case-leg-10");
            assertThat(accepted.getString("home_member")).isEqualTo("230100");
            assertThat(accepted.getString("occurred_at")).matches("\\d{14}");
            JsonObject ended = new JsonObject(new String(adapter.pushes().get(2).body(), StandardCharsets.UTF_8));
            assertThat(ended.getString("ended_on")).matches("\\d{8}");
            assertThat(ended.getJsonArray("channels")).contains("CREDIT_CHINA");
            JsonObject repaired = new JsonObject(new String(adapter.pushes().get(1).body(), StandardCharsets.UTF_8));
            assertThat(repaired.getString("decision_no")).isNotBlank();
        }

        @Test
        void an_unacknowledged_event_is_pushed_again_until_the_adapter_stores_it_and_no_later_event_overtakes_it() {
            adapter.thenAnswer(new CallbackReceiver.Reply(503, "application/json", "{}".getBytes()),
                    new CallbackReceiver.Reply(500, "text/plain", "boom".getBytes()),
                    new CallbackReceiver.Reply(200, "application/json", "{\"code\":1}".getBytes()));
            apply(token(), Samples.restApplication("leg-11", Samples.FIRM, adapter.url("/cb")));

            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.pushes().size() >= 6);
            assertThat(pushedTypes()).containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "REPAIRED",
                    "PUBLICITY_ENDED");
            List<String> ids = adapter.pushes().stream().map(p -> new JsonObject(new String(p.body(), StandardCharsets.UTF_8))
                    .getString("event_id")).distinct().toList();
            assertThat(ids).hasSize(3);
            JsonObject view = platform.application("leg-11");
            assertThat(view.getJsonArray("events").getJsonObject(0).getJsonObject("push").getInteger("attempts")).isEqualTo(4);
            assertThat(view.getJsonArray("events").getJsonObject(0).getJsonObject("push").getBoolean("delivered")).isTrue();
        }

        @Test
        void a_request_for_materials_waits_for_the_supplement_then_the_policy_goes_on() {
            String token = token();
            String no = apply(token, Samples.restApplication("leg-12", Samples.OTHER_FIRM, adapter.url("/cb")))
                    .json().getString("application_no");

            await().atMost(Duration.ofSeconds(10)).until(() -> pushedTypes().contains("MATERIALS_REQUESTED"));
            JsonObject asked = new JsonObject(new String(adapter.pushes().get(1).body(), StandardCharsets.UTF_8));
            assertThat(asked.getString("reason_code")).isEqualTo("MATERIALS_INCOMPLETE");
            assertThat(asked.getJsonArray("requested_materials").getJsonObject(0).getString("kind")).isEqualTo("CREDIT_COMMITMENT");
            assertThat(asked.getString("respond_by")).matches("\\d{8}");
            assertThat(platform.application("leg-12").getBoolean("awaitingSupplement")).isTrue();
            // the policy is paused: nothing more happens without the supplement
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> adapter.pushes().size() == 2);

            SimulatorFixture.Answer s = platform.postJson(API + "/" + no + "/materials", new JsonObject()
                    .put("external_id", "leg-12").put("materials", new JsonArray()
                            .add(Samples.restMaterial("att-2", "CREDIT_COMMITMENT"))).put("note", "补正"),
                    "Authorization", "Bearer " + token);
            assertThat(s.status()).as(s.text()).isEqualTo(200);
            assertThat(s.json().getString("application_no")).isEqualTo(no);

            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.pushes().size() >= 4);
            assertThat(pushedTypes()).containsExactly("ACCEPTED", "MATERIALS_REQUESTED", "REPAIRED", "PUBLICITY_ENDED");
        }

        @Test
        void a_withdrawn_application_gets_no_further_decision_and_refuses_materials() {
            platform.simulator().policies().setDefault(DecisionPolicy.parse("ACCEPT@10ms,REPAIR@10s"));
            String token = token();
            String no = apply(token, Samples.restApplication("leg-13", Samples.FIRM, adapter.url("/cb")))
                    .json().getString("application_no");
            await().atMost(Duration.ofSeconds(5)).until(() -> adapter.pushes().size() >= 1);

            SimulatorFixture.Answer w = platform.postJson(API + "/" + no + "/withdrawal", new JsonObject()
                    .put("external_id", "leg-13").put("reason", "ENTERPRISE_REQUEST"), "Authorization", "Bearer " + token);
            assertThat(w.status()).as(w.text()).isEqualTo(200);
            SimulatorFixture.Answer m = platform.postJson(API + "/" + no + "/materials", new JsonObject()
                    .put("external_id", "leg-13").put("materials", new JsonArray().add(Samples.restMaterial("a", "OTHER"))),
                    "Authorization", "Bearer " + token);

            assertThat(m.status()).isEqualTo(422);
            assertThat(m.json().getString("error")).isEqualTo("refused");
            assertThat(platform.application("leg-13").getString("status")).isEqualTo("WITHDRAWN");
            assertThat(pushedTypes()).containsExactly("ACCEPTED");
        }

        @Test
        void materials_for_an_unknown_application_are_not_found() {
            SimulatorFixture.Answer m = platform.postJson(API + "/XF-none/materials", new JsonObject()
                    .put("external_id", "x").put("materials", new JsonArray().add(Samples.restMaterial("a", "OTHER"))),
                    "Authorization", "Bearer " + token());
            assertThat(m.status()).isEqualTo(404);
            assertThat(m.json().getString("error")).isEqualTo("not_found");
        }
    }

    @Nested
    class Feeds {
        @Test
        void the_penalty_feed_pages_with_an_opaque_cursor_in_snake_case() {
            String token = token();
            SimulatorFixture.Answer first = platform.get("/api/v1/penalties?limit=1", "Authorization", "Bearer " + token);
            assertThat(first.status()).isEqualTo(200);
            JsonObject item = first.json().getJsonArray("items").getJsonObject(0);
            assertThat(item.getString("credit_code")).isEqualTo(Samples.FIRM);
            assertThat(item.getString("decision_date")).isEqualTo("20260301");
            assertThat(item.getString("published_on")).isEqualTo("20260302");
            assertThat(first.json().getBoolean("has_more")).isTrue();

            String cursor = first.json().getString("next_cursor");
            SimulatorFixture.Answer second = platform.get("/api/v1/penalties?since=" + cursor, "Authorization", "Bearer " + token);
            assertThat(second.json().getJsonArray("items")).hasSize(1);
            assertThat(second.json().getJsonArray("items").getJsonObject(0).getString("decision_number")).isEqualTo("杭罚2号");
            assertThat(second.json().getBoolean("has_more")).isFalse();

            SimulatorFixture.Answer empty = platform.get("/api/v1/penalties?since=" + second.json().getString("next_cursor"),
                    "Authorization", "Bearer " + token);
            assertThat(empty.json().getJsonArray("items")).isEmpty();
            assertThat(empty.json().getString("next_cursor")).isEqualTo(second.json().getString("next_cursor"));
        }

        @Test
        void health_answers_up() {
            SimulatorFixture.Answer h = platform.get("/api/v1/health");
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.json()).isEqualTo(new JsonObject().put("status", "UP"));
        }
    }
}
