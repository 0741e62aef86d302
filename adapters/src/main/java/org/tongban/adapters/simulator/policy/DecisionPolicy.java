package org.tongban.adapters.simulator.policy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the simulated platform decides an application: its steps, played in order from the
 * moment the application arrives. An {@link Action#ASK_MATERIALS} step pauses the policy until
 * the supplement (补正材料) arrives. An empty policy decides nothing by itself: the application
 * waits for an operator to advance it through the admin API.
 */
public record DecisionPolicy(List<PolicyStep> steps) {
    private static final Set<String> KEYS = Set.of("steps");

    public DecisionPolicy {
        steps = List.copyOf(steps);
    }

    /** Accepted, repaired and publicity ended, each half a second after the previous step. */
    public static DecisionPolicy standard() {
        return new DecisionPolicy(List.of(PolicyStep.of(Action.ACCEPT, Duration.ofMillis(500)),
                PolicyStep.of(Action.REPAIR, Duration.ofMillis(500)),
                PolicyStep.of(Action.END_PUBLICITY, Duration.ofMillis(500))));
    }

    /** No step: every application waits for an operator. */
    public static DecisionPolicy manual() {
        return new DecisionPolicy(List.of());
    }

    /**
     * The command-line form: steps separated by commas, each {@code ACTION[@delay]}, e.g.
     * {@code ACCEPT@300ms,ASK_MATERIALS@1s,REPAIR@1s,END_PUBLICITY}; {@code manual} or an empty
     * text for no step.
     */
    public static DecisionPolicy parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("manual")) {
            return manual();
        }
        if (t.equalsIgnoreCase("standard")) {
            return standard();
        }
        List<PolicyStep> steps = new ArrayList<>();
        for (String part : t.split(",")) {
            steps.add(PolicyStep.parse(part));
        }
        return new DecisionPolicy(steps);
    }

    /** {@code {"steps":[{"action":"ACCEPT","delayMs":300}, …]}}. */
    public static DecisionPolicy fromJson(JsonObject json) {
        for (String key : json.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown policy field '" + key + "'; allowed: " + KEYS);
            }
        }
        Object steps = json.getValue("steps");
        if (!(steps instanceof JsonArray)) {
            throw new IllegalArgumentException("a policy needs \"steps\", an array (empty: decided by hand)");
        }
        List<PolicyStep> out = new ArrayList<>();
        for (Object s : (JsonArray) steps) {
            if (!(s instanceof JsonObject)) {
                throw new IllegalArgumentException("each step is an object such as {\"action\":\"ACCEPT\",\"delayMs\":300}");
            }
            out.add(PolicyStep.fromJson((JsonObject) s));
        }
        return new DecisionPolicy(out);
    }

    public JsonObject toJson() {
        return new JsonObject().put("steps", new JsonArray(steps.stream().map(PolicyStep::toJson).collect(Collectors.toList())));
    }

    @Override
    public String toString() {
        return steps.isEmpty() ? "manual" : steps.stream().map(PolicyStep::toString).collect(Collectors.joining(","));
    }
}
