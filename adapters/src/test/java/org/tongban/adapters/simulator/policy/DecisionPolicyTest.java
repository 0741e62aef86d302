package org.tongban.adapters.simulator.policy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionPolicyTest {

    @Nested
    class CommandLineForm {
        @Test
        void steps_with_and_without_delays_are_read_in_order() {
            DecisionPolicy p = DecisionPolicy.parse("ACCEPT@300ms, ask-materials@2s,REPAIR,END_PUBLICITY@1m");

            assertThat(p.steps()).containsExactly(PolicyStep.of(Action.ACCEPT, Duration.ofMillis(300)),
                    PolicyStep.of(Action.ASK_MATERIALS, Duration.ofSeconds(2)), PolicyStep.of(Action.REPAIR, Duration.ZERO),
                    PolicyStep.of(Action.END_PUBLICITY, Duration.ofMinutes(1)));
            assertThat(p.toString()).isEqualTo("ACCEPT@300ms,ASK_MATERIALS@2s,REPAIR@0ms,END_PUBLICITY@1m");
        }

        @Test
        void manual_and_empty_mean_no_step() {
            assertThat(DecisionPolicy.parse("manual").steps()).isEmpty();
            assertThat(DecisionPolicy.parse(" ").steps()).isEmpty();
        }

        @Test
        void an_unknown_action_is_refused_with_the_known_ones() {
            assertThatThrownBy(() -> DecisionPolicy.parse("ACCEPT,APPROVE"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APPROVE")
                    .hasMessageContaining("END_PUBLICITY");
        }

        @Test
        void a_malformed_delay_is_refused() {
            assertThatThrownBy(() -> DecisionPolicy.parse("ACCEPT@soon"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soon");
        }
    }

    @Nested
    class JsonForm {
        @Test
        void round_trips_with_reason_and_material() {
            DecisionPolicy p = new DecisionPolicy(List.of(PolicyStep.of(Action.ACCEPT, Duration.ofMillis(10)),
                    new PolicyStep(Action.ASK_MATERIALS, Duration.ofMillis(20), "MATERIALS_INCOMPLETE", "请补充",
                            "PROOF_OF_FULFILMENT")));

            assertThat(DecisionPolicy.fromJson(new JsonObject(p.toJson().encode()))).isEqualTo(p);
        }

        @Test
        void unknown_members_are_refused() {
            assertThatThrownBy(() -> DecisionPolicy.fromJson(new JsonObject()
                    .put("steps", new io.vertx.core.json.JsonArray().add(new JsonObject().put("action", "ACCEPT")
                            .put("delay", 5)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        }

        @Test
        void negative_delays_are_refused() {
            assertThatThrownBy(() -> PolicyStep.fromJson(new JsonObject().put("action", "ACCEPT").put("delayMs", -1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_credit_code_policy_wins_over_the_default_until_reset() {
        Policies policies = new Policies(DecisionPolicy.standard(), java.util.Map.of());
        DecisionPolicy special = DecisionPolicy.parse("NOT_ACCEPT");
        policies.setFor("91330100716105852F", special);

        assertThat(policies.forCreditCode("91330100716105852F")).isEqualTo(special);
        assertThat(policies.forCreditCode("91230100MA1B2C3D4X")).isEqualTo(DecisionPolicy.standard());

        policies.reset();
        assertThat(policies.forCreditCode("91330100716105852F")).isEqualTo(DecisionPolicy.standard());
    }
}
