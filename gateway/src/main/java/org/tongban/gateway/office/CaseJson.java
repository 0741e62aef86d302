package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.contracts.json.StrictJson;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.SlaTimer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The office API's JSON of a case: its legs and, in the full view, the application details and
 * the timeline. Times are RFC 3339 in China Standard Time ({@code +08:00}), as clerks read them;
 * absent optional members are left out, as in the contract.
 */
final class CaseJson {
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final List<String> APPLICATION_MEMBERS = List.of("contacts", "materials", "deferredMaterials",
            "statement");

    private CaseJson() {
    }

    /** A case with legs, application details and timeline ({@code GET /office/v1/cases/{caseId}}). */
    static ObjectNode full(CaseView v) {
        ObjectNode o = summary(v);
        JsonNode detail = detail(v.record());
        for (String name : APPLICATION_MEMBERS) {
            if (detail.has(name)) {
                o.set(name, detail.get(name));
            }
        }
        ArrayNode timeline = o.putArray("timeline");
        for (LegEvent e : v.timeline()) {
            timeline.add(event(e));
        }
        ArrayNode deadlines = o.putArray("deadlines");
        for (SlaTimer t : v.deadlines()) {
            deadlines.add(deadline(t));
        }
        return o;
    }

    /** One service-level clock of a leg: its profile and limit, where it stands, when it is due. */
    private static ObjectNode deadline(SlaTimer t) {
        return JsonObjectWriter.create()
                .putText("legId", t.legId())
                .put("clock", t.clock())
                .put("profile", t.run().profile())
                .put("within", t.run().limit().text())
                .put("escalate", t.run().escalate())
                .put("status", t.run().status())
                .put("startedAt", time(t.run().startedAt()))
                .put("dueAt", t.dueAt() == null ? null : time(t.dueAt()))
                .put("breachedAt", t.firedAt() == null ? null : time(t.firedAt()))
                .node();
    }

    /** A case with its legs, as listed. */
    static ObjectNode summary(CaseView v) {
        CaseRecord c = v.record();
        ObjectNode o = JsonObjectWriter.create()
                .putText("caseId", c.caseId())
                .putText("homeMember", c.homeMember())
                .put("enterprise", JsonObjectWriter.create().putText("creditCode", c.creditCode())
                        .put("name", c.enterpriseName()).node())
                .put("status", c.status())
                .put("appliedOn", c.appliedOn())
                .put("homeReference", c.homeReference())
                .put("createdBy", c.createdBy())
                .put("createdAt", time(c.createdAt()))
                .put("updatedAt", time(c.updatedAt()))
                .node();
        ArrayNode legs = o.putArray("legs");
        for (LegRecord l : v.legs()) {
            legs.add(JsonObjectWriter.create()
                    .putText("legId", l.legId())
                    .putText("penalizingMember", l.penalizingMember())
                    .put("state", l.state())
                    .put("stateSince", time(l.stateSince()))
                    .put("penalty", l.penalty().write().node())
                    .put("platformReference", l.platformReference())
                    .node());
        }
        return o;
    }

    private static ObjectNode event(LegEvent e) {
        return JsonObjectWriter.create()
                .put("seq", e.seq())
                .putText("legId", e.legId())
                .put("at", time(e.at()))
                .put("kind", e.kind())
                .put("fromState", e.fromState())
                .put("toState", e.toState())
                .putText("messageId", e.messageId())
                .put("actor", e.actor())
                .put("detail", e.detail())
                .node();
    }

    static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t, CST);
    }

    private static JsonNode detail(CaseRecord c) {
        if (c.detail() == null || c.detail().isEmpty()) {
            return JsonObjectWriter.create().node();
        }
        try {
            return StrictJson.defaults().parse(c.detail().getBytes(StandardCharsets.UTF_8));
        } catch (ContractException e) {
            // The node wrote this itself; unreadable means a bug or a damaged store, not bad input.
            throw new IllegalStateException("case " + c.caseId() + " has unreadable stored details", e);
        }
    }
}
