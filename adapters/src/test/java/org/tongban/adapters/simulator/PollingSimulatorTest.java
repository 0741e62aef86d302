package org.tongban.adapters.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The polling platform over real HTTP: idempotent PUT, change feed with an opaque cursor, API key. */
class PollingSimulatorTest {
    static final String[] KEY = {"X-Api-Key", "k-440100"};

    SimulatorFixture platform;

    @BeforeEach
    void start() {
        platform = SimulatorFixture.start(SimulatorOptions.builder(Dialect.POLLING, "440100").apiKey("k-440100")
                .policy(DecisionPolicy.parse("ACCEPT@10ms,REPAIR@10ms,END_PUBLICITY@10ms"))
                .penalty(new PenaltyEntry(Samples.FIRM, "咸宁通达运输有限公司", "穗交罚〔2026〕88号", "广州市交通运输局",
                        LocalDate.of(2026, 5, 20), "GENERAL", "cn-2025", "超限运输", null)).build());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void put_creates_once_and_answers_the_same_id_again() {
        SimulatorFixture.Answer first = platform.putJson("/v2/applications/leg-1", Samples.pollingApplication(Samples.FIRM), KEY);
        SimulatorFixture.Answer again = platform.putJson("/v2/applications/leg-1", Samples.pollingApplication(Samples.FIRM), KEY);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(platform.application("leg-1").getString("homeMember")).isEqualTo("421200");
    }

    @Test
    void a_wrong_api_key_is_401_and_a_bad_date_is_400() {
        SimulatorFixture.Answer a = platform.putJson("/v2/applications/leg-2", Samples.pollingApplication(Samples.FIRM),
                "X-Api-Key", "wrong");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().getString("message")).isNotBlank();

        SimulatorFixture.Answer b = platform.putJson("/v2/applications/leg-2",
                Samples.pollingApplication(Samples.FIRM).put("decisionDate", "20260520"), KEY);
        assertThat(b.status()).isEqualTo(400);
        assertThat(b.json().getString("message")).contains("decisionDate");
    }

    @Test
    void the_change_feed_lists_every_event_once_in_order_across_pages() {
        platform.putJson("/v2/applications/leg-3", Samples.pollingApplication(Samples.FIRM), KEY);
        platform.putJson("/v2/applications/leg-4", Samples.pollingApplication(Samples.OTHER_FIRM), KEY);
        await().atMost(Duration.ofSeconds(10)).until(() -> platform.admin("/stats").getLong("events") >= 6);

        List<JsonObject> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            SimulatorFixture.Answer a = platform.get("/v2/changes?limit=4" + (cursor == null ? "" : "&after=" + cursor), KEY);
            assertThat(a.status()).isEqualTo(200);
            a.json().getJsonArray("changes").forEach(c -> seen.add((JsonObject) c));
            cursor = a.json().getString("cursor");
            if (!a.json().getBoolean("more")) {
                break;
            }
        }

        assertThat(seen).hasSize(6);
        assertThat(seen.stream().map(c -> c.getString("changeId")).distinct()).hasSize(6);
        assertThat(seen.stream().filter(c -> c.getString("externalId").equals("leg-3")).map(c -> c.getString("type")))
                .containsExactly("ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        JsonObject accepted = seen.get(0);
        assertThat(accepted.getString("at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00");
        assertThat(accepted.getString("applicationId")).isEqualTo(platform.application(accepted.getString("externalId"))
                .getString("applicationNo"));
        JsonObject ended = seen.stream().filter(c -> c.getString("type").equals("PUBLICITY_ENDED")).findFirst().orElseThrow();
        assertThat(ended.getString("endedOn")).matches("\\d{4}-\\d{2}-\\d{2}");

        // reading from the last cursor gives nothing new and the same cursor
        SimulatorFixture.Answer tail = platform.get("/v2/changes?after=" + cursor, KEY);
        assertThat(tail.json().getJsonArray("changes")).isEmpty();
        assertThat(tail.json().getString("cursor")).isEqualTo(cursor);
    }

    @Test
    void a_cursor_that_is_not_the_platforms_is_400() {
        assertThat(platform.get("/v2/changes?after=%21%21", KEY).status()).isEqualTo(400);
    }

    @Test
    void materials_resume_a_paused_policy_and_withdrawal_of_a_decided_application_is_409() {
        platform.simulator().policies().setDefault(DecisionPolicy.parse("ASK_MATERIALS@10ms,REPAIR@10ms"));
        String id = platform.putJson("/v2/applications/leg-5", Samples.pollingApplication(Samples.FIRM), KEY).json().getString("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> platform.application("leg-5").getString("status")
                .equals("MATERIALS_REQUESTED"));

        SimulatorFixture.Answer m = platform.postJson("/v2/applications/" + id + "/materials", new JsonObject()
                .put("materials", new JsonArray().add(Samples.pollingMaterial("att-9"))).put("note", "补正"), KEY);
        assertThat(m.status()).as(m.text()).isEqualTo(200);
        assertThat(m.json().getString("id")).isEqualTo(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> platform.application("leg-5").getString("status").equals("REPAIRED"));

        SimulatorFixture.Answer w = platform.postJson("/v2/applications/" + id + "/withdrawal",
                new JsonObject().put("reason", "ENTERPRISE_REQUEST"), KEY);
        assertThat(w.status()).isEqualTo(409);
        assertThat(platform.postJson("/v2/applications/nope/withdrawal", new JsonObject().put("reason", "OTHER"), KEY)
                .status()).isEqualTo(404);
    }

    @Test
    void penalties_seeded_and_published_later_are_listed_then_ping() {
        SimulatorFixture.Answer p = platform.get("/v2/penalties", KEY);
        assertThat(p.json().getJsonArray("penalties").getJsonObject(0).getString("decisionDate")).isEqualTo("2026-05-20");
        assertThat(p.json().getBoolean("more")).isFalse();

        platform.simulator().publish(new PenaltyEntry(Samples.OTHER_FIRM, "哈尔滨乙公司", "穗交罚〔2026〕99号", "广州市交通运输局",
                LocalDate.of(2026, 6, 1), "SERIOUS", "cn-2025", null, LocalDate.of(2026, 6, 2)));
        SimulatorFixture.Answer next = platform.get("/v2/penalties?after=" + p.json().getString("cursor"), KEY);
        assertThat(next.json().getJsonArray("penalties")).hasSize(1);
        assertThat(next.json().getJsonArray("penalties").getJsonObject(0).getString("category")).isEqualTo("SERIOUS");

        assertThat(platform.get("/v2/ping", KEY).status()).isEqualTo(200);
        assertThat(platform.get("/v2/ping").status()).isEqualTo(401);
    }
}
