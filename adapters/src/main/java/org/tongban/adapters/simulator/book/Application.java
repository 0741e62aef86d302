package org.tongban.adapters.simulator.book;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One application on the simulated platform and its history. Changed only through
 * {@link PlatformBook}, whose lock guards it.
 */
public final class Application {
    private final String applicationNo;
    private final NewApplication request;
    private final OffsetDateTime receivedAt;
    private final DecisionPolicy policy;
    private ApplicationStatus status = ApplicationStatus.RECEIVED;
    private int nextStep;
    private boolean awaitingSupplement;
    private long timerId = -1;
    private final List<EventRecord> events = new ArrayList<>();
    private final List<JsonObject> history = new ArrayList<>();

    Application(String applicationNo, NewApplication request, OffsetDateTime receivedAt, DecisionPolicy policy) {
        this.applicationNo = applicationNo;
        this.request = request;
        this.receivedAt = receivedAt;
        this.policy = policy;
    }

    public String applicationNo() {
        return applicationNo;
    }

    public NewApplication request() {
        return request;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    /** The policy chosen when the application arrived. */
    public DecisionPolicy policy() {
        return policy;
    }

    ApplicationStatus status() {
        return status;
    }

    void status(ApplicationStatus s) {
        this.status = s;
    }

    int nextStep() {
        return nextStep;
    }

    void nextStep(int i) {
        this.nextStep = i;
    }

    boolean awaitingSupplement() {
        return awaitingSupplement;
    }

    void awaitingSupplement(boolean b) {
        this.awaitingSupplement = b;
    }

    long timerId() {
        return timerId;
    }

    void timerId(long id) {
        this.timerId = id;
    }

    List<EventRecord> events() {
        return events;
    }

    /** Submissions after the application (supplements, withdrawal) and notes, in order. */
    List<JsonObject> history() {
        return history;
    }

    JsonObject toJson(java.util.function.Function<EventRecord, JsonObject> eventJson) {
        NewApplication r = request;
        JsonObject o = new JsonObject()
                .put("applicationNo", applicationNo)
                .put("externalId", r.externalId())
                .put("caseId", r.caseId())
                .put("homeMember", r.homeMember())
                .put("creditCode", r.creditCode())
                .put("enterpriseName", r.enterpriseName())
                .put("decisionNumber", r.decisionNumber())
                .put("status", status.name())
                .put("receivedAt", receivedAt.toString())
                .put("policy", policy.toString())
                .put("nextStep", nextStep < policy.steps().size() ? policy.steps().get(nextStep).toString() : null)
                .put("awaitingSupplement", awaitingSupplement)
                .put("materials", new JsonArray(r.materials().stream().map(Material::toJson).toList()))
                .put("history", new JsonArray(List.copyOf(history)))
                .put("events", new JsonArray(events.stream().map(eventJson).toList()))
                .put("received", r.received());
        if (r.callbackUrl() != null) {
            o.put("callbackUrl", r.callbackUrl());
        }
        return o;
    }
}
