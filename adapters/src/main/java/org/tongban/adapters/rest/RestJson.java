package org.tongban.adapters.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.events.PlatformValues;
import org.tongban.adapters.events.PushedEvent;
import org.tongban.adapters.spi.LegRef;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rest-oauth2} wire form: snake_case JSON, dates {@code yyyyMMdd}, times
 * {@code yyyyMMddHHmmss} in China Standard Time. Absent optional values are left out.
 */
final class RestJson {
    static final DateTimeFormatter DATE = PlatformValues.pattern("yyyyMMdd");
    static final DateTimeFormatter TIME = PlatformValues.pattern("yyyyMMddHHmmss");

    private RestJson() {
    }

    static JsonObject application(LegRef leg, RepairApplication a, String callbackUrl) {
        JsonObject o = new JsonObject()
                .put("external_id", leg.legId().toString())
                .put("case_id", leg.caseId().toString())
                .put("home_member", leg.homeMember().value())
                .put("credit_code", a.enterprise().creditCode().value())
                .put("enterprise_name", a.enterprise().name())
                .put("decision_number", a.penalty().decisionNumber())
                .put("deciding_authority", a.penalty().authority())
                .put("decision_date", DATE.format(a.penalty().decisionDate()))
                .put("category", a.penalty().category().name())
                .put("rule_set", a.penalty().ruleSet())
                .put("applied_on", DATE.format(a.appliedOn()))
                .put("contacts", contacts(a.contacts()))
                .put("materials", materials(a.materials()))
                .put("deferred_materials", deferred(a.deferredMaterials()));
        putIfPresent(o, "statement", a.statement());
        return o.put("callback_url", callbackUrl);
    }

    static JsonObject supplement(LegRef leg, MaterialsSupplement s) {
        JsonObject o = new JsonObject().put("external_id", leg.legId().toString()).put("materials", materials(s.materials()));
        return putIfPresent(o, "note", s.note());
    }

    static JsonObject withdrawal(LegRef leg, Withdrawal w) {
        JsonObject o = new JsonObject().put("external_id", leg.legId().toString()).put("reason", w.reason().name());
        return putIfPresent(o, "note", w.note());
    }

    private static JsonArray contacts(List<Contact> contacts) {
        JsonArray out = new JsonArray();
        for (Contact c : contacts) {
            JsonObject o = new JsonObject().put("name", c.name()).put("role", c.role().name());
            putIfPresent(o, "phone", c.phone());
            putIfPresent(o, "email", c.email());
            out.add(o);
        }
        return out;
    }

    private static JsonArray materials(List<Attachment> materials) {
        JsonArray out = new JsonArray();
        for (Attachment m : materials) {
            out.add(new JsonObject()
                    .put("attachment_id", m.id())
                    .put("file_name", m.fileName())
                    .put("media_type", m.mediaType())
                    .put("size", m.size())
                    .put("sha256", m.sha256())
                    .put("kind", m.kind().name()));
        }
        return out;
    }

    private static JsonArray deferred(List<DeferredMaterial> deferred) {
        JsonArray out = new JsonArray();
        for (DeferredMaterial d : deferred) {
            out.add(new JsonObject().put("kind", d.kind().name()).put("description", d.description())
                    .put("promised_date", DATE.format(d.promisedDate())));
        }
        return out;
    }

    private static JsonObject putIfPresent(JsonObject o, String key, String value) {
        return value == null ? o : o.put(key, value);
    }

    /** Reads a pushed event; a body that is not such a JSON object is a {@link ContractException}. */
    static PushedEvent event(Buffer body) {
        JsonObject o = object(body);
        List<PushedEvent.Requested> requested = new ArrayList<>();
        JsonArray materials = array(o, "requested_materials");
        for (int i = 0; i < materials.size(); i++) {
            if (!(materials.getValue(i) instanceof JsonObject)) {
                throw new ContractException(ErrorCode.FIELD_TYPE, "requested_materials/" + i, "expected an object");
            }
            JsonObject m = materials.getJsonObject(i);
            requested.add(new PushedEvent.Requested(string(m, "kind"), string(m, "description")));
        }
        List<String> channels = new ArrayList<>();
        JsonArray ch = array(o, "channels");
        for (int i = 0; i < ch.size(); i++) {
            if (!(ch.getValue(i) instanceof String)) {
                throw new ContractException(ErrorCode.FIELD_TYPE, "channels/" + i, "expected a string");
            }
            channels.add(ch.getString(i));
        }
        String occurred = string(o, "occurred_at");
        return new PushedEvent(string(o, "event_id"), string(o, "application_no"), string(o, "external_id"),
                string(o, "case_id"), string(o, "home_member"), string(o, "event_type"),
                occurred == null ? null : PlatformValues.dateTime(occurred, TIME, "occurred_at"),
                string(o, "reason_code"), string(o, "reason_text"), requested,
                PlatformValues.optionalDate(string(o, "respond_by"), DATE, "respond_by"), string(o, "decision_no"),
                PlatformValues.optionalDate(string(o, "ended_on"), DATE, "ended_on"), channels);
    }

    /** The body as a JSON object, or a {@link ContractException}. */
    static JsonObject object(Buffer body) {
        Object v;
        try {
            v = body == null || body.length() == 0 ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new ContractException(ErrorCode.JSON_MALFORMED, "", "the body is not JSON");
        }
        if (!(v instanceof JsonObject)) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "", "the body is not a JSON object");
        }
        return (JsonObject) v;
    }

    /** A string member, {@code null} when absent; another type is a {@link ContractException}. */
    static String string(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw new ContractException(ErrorCode.FIELD_TYPE, key, key + ": expected a string");
        }
        return (String) v;
    }

    static JsonArray array(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) {
            return new JsonArray();
        }
        if (!(v instanceof JsonArray)) {
            throw new ContractException(ErrorCode.FIELD_TYPE, key, key + ": expected a list");
        }
        return (JsonArray) v;
    }
}
