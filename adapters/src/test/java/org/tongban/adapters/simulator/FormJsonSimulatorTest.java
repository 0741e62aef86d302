package org.tongban.adapters.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The form-json demo platform over real HTTP: pinyin fields, success envelopes, Chinese states. */
class FormJsonSimulatorTest {
    static final String[] KEY = {"appcode", "jh-code"};

    SimulatorFixture platform;

    @BeforeEach
    void start() {
        platform = SimulatorFixture.start(SimulatorOptions.builder(Dialect.FORM_JSON, "330700").apiKey("jh-code")
                .policy(DecisionPolicy.parse("ACCEPT@10ms,ASK_MATERIALS@10ms,REPAIR@10ms,END_PUBLICITY@10ms")).build());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    List<JsonObject> changes() {
        SimulatorFixture.Answer a = platform.get("/openapi/xyxf/bgjl?size=50", KEY);
        assertThat(a.json().getBoolean("success")).isTrue();
        return a.json().getJsonObject("data").getJsonArray("list").stream().map(o -> (JsonObject) o).toList();
    }

    @Test
    void an_application_is_taken_and_its_changes_read_in_chinese_states_until_publicity_ends() {
        SimulatorFixture.Answer a = platform.postJson("/openapi/xyxf/sqxx", Samples.formApplication("leg-1", Samples.FIRM), KEY);
        assertThat(a.json().getBoolean("success")).as(a.text()).isTrue();
        String sqbh = a.json().getJsonObject("data").getString("sqbh");
        assertThat(platform.postJson("/openapi/xyxf/sqxx", Samples.formApplication("leg-1", Samples.FIRM), KEY).json()
                .getJsonObject("data").getString("sqbh")).isEqualTo(sqbh);
        assertThat(platform.application("leg-1").getJsonObject("received").getString("cflb")).isEqualTo("一般");

        await().atMost(Duration.ofSeconds(5)).until(() -> changes().size() >= 2);
        JsonObject asked = changes().get(1);
        assertThat(asked.getString("zt")).isEqualTo("需补正");
        assertThat(asked.getString("bzcl")).isNotBlank();
        assertThat(asked.getString("bzqx")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(asked.getString("bgsj")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(asked.getString("wbbh")).isEqualTo("leg-1");
        assertThat(asked.getString("sqdq")).isEqualTo("330100");

        SimulatorFixture.Answer s = platform.postJson("/openapi/xyxf/bzcl", new JsonObject().put("sqbh", sqbh).put("wbbh", "leg-1")
                .put("cl", new JsonArray().add(new JsonObject().put("mc", "承诺书.pdf").put("lx", "CREDIT_COMMITMENT")
                        .put("hash", Samples.SHA))), KEY);
        assertThat(s.json().getBoolean("success")).as(s.text()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> changes().size() >= 4);
        assertThat(changes().stream().map(c -> c.getString("zt"))).containsExactly("已受理", "需补正", "已修复", "已终止公示");
    }

    @Test
    void a_category_outside_the_three_and_a_wrong_appcode_are_refused() {
        SimulatorFixture.Answer a = platform.postJson("/openapi/xyxf/sqxx",
                Samples.formApplication("leg-2", Samples.FIRM).put("cflb", "GENERAL"), KEY);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().getBoolean("success")).isFalse();
        assertThat(a.json().getString("errCode")).isEqualTo("E1001");
        assertThat(a.json().getString("errMsg")).contains("cflb");

        SimulatorFixture.Answer b = platform.postJson("/openapi/xyxf/sqxx", Samples.formApplication("leg-2", Samples.FIRM),
                "appcode", "nope");
        assertThat(b.status()).isEqualTo(401);
        assertThat(b.json().getString("errCode")).startsWith("E1");
    }

    @Test
    void withdrawing_stops_the_policy() {
        platform.simulator().policies().setDefault(DecisionPolicy.parse("ACCEPT@10ms,REPAIR@10s"));
        String sqbh = platform.postJson("/openapi/xyxf/sqxx", Samples.formApplication("leg-3", Samples.FIRM), KEY).json()
                .getJsonObject("data").getString("sqbh");
        await().atMost(Duration.ofSeconds(5)).until(() -> changes().size() == 1);

        SimulatorFixture.Answer w = platform.postJson("/openapi/xyxf/ch", new JsonObject().put("sqbh", sqbh).put("wbbh", "leg-3")
                .put("yy", "企业申请撤回"), KEY);

        assertThat(w.json().getBoolean("success")).isTrue();
        assertThat(platform.application("leg-3").getString("status")).isEqualTo("WITHDRAWN");
        assertThat(platform.postJson("/openapi/xyxf/ch", new JsonObject().put("sqbh", "none").put("wbbh", "x"), KEY).json()
                .getString("errCode")).isEqualTo("E1004");
    }
}
