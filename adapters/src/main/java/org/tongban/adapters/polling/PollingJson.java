package org.tongban.adapters.polling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.feed.ChangePage;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.events.PushedEvent;
import org.tongban.adapters.spi.LegRef;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.DeferredMaterial;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.MaterialsSupplement;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.message.Withdrawal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code polling} dialect's JSON: camelCase, dates {@code yyyy-MM-dd}, instants RFC 3339
 * with offset. Absent optional values are left out rather than written as {@code null}.
 */
final class PollingJson {
    private PollingJson() {
    }

    // ---- requests ------------------------------------------------------------------------------

    static JsonObject application(LegRef leg, RepairApplication a) {
        PenaltyReference p = a.penalty();
        JsonObject o = new JsonObject()
                .put("caseId", leg.caseId().toString())
                .put("homeMember", leg.homeMember().value())
                .put("creditCode", a.enterprise().creditCode().toString())
                .put("enterpriseName", a.enterprise().name())
                .put("decisionNumber", p.decisionNumber())
                .put("decidingAuthority", p.authority())
                .put("decisionDate", p.decisionDate().toString())
                .put("category", p.category().name())
                .put("ruleSet", p.ruleSet())
                .put("appliedOn", a.appliedOn().toString());
        JsonArray contacts = new JsonArray();
        for (Contact c : a.contacts()) {
            JsonObject contact = new JsonObject().put("name", c.name()).put("role", c.role().name());
            contacts.add(putIfPresent(putIfPresent(contact, "phone", c.phone()), "email", c.email()));
        }
        o.put("contacts", contacts);
        o.put("materials", materials(a.materials()));
        JsonArray deferred = new JsonArray();
        for (DeferredMaterial d : a.deferredMaterials()) {
            deferred.add(new JsonObject().put("kind", d.kind().name()).put("description", d.description())
                    .put("promisedDate", d.promisedDate().toString()));
        }
        o.put("deferredMaterials", deferred);
        return putIfPresent(o, "statement", a.statement());
    }

    static JsonObject supplement(MaterialsSupplement s) {
        return putIfPresent(new JsonObject().put("materials", materials(s.materials())), "note", s.note());
    }

    static JsonObject withdrawal(Withdrawal w) {
        return putIfPresent(new JsonObject().put("reason", w.reason().name()), "note", w.note());
    }

    private static JsonArray materials(List<Attachment> materials) {
        JsonArray out = new JsonArray();
        for (Attachment m : materials) {
            out.add(new JsonObject().put("attachmentId", m.id()).put("fileName", m.fileName())
                    .put("mediaType", m.mediaType()).put("size", m.size()).put("sha256", m.sha256())
                    .put("kind", m.kind().name()));
        }
        return out;
    }

    /** Puts {@code value} unless it is null: absent optional values are left out. */
    private static JsonObject putIfPresent(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
        return o;
    }

    // ---- answers -------------------------------------------------------------------------------

    /** The page of changes; a malformed page fails as a whole, a malformed change alone. */
    static ChangePage changes(JsonObject body) {
        JsonArray list = array(body, "changes", "");
        String cursor = string(body, "cursor", "", true);
        boolean more = bool(body, "more");
        List<ChangePage.Item> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/changes/" + i;
            Object v = list.getValue(i);
            String id = v instanceof JsonObject && ((JsonObject) v).getValue("changeId") instanceof String
                    ? ((JsonObject) v).getString("changeId") : null;
            try {
                if (!(v instanceof JsonObject)) {
                    throw new ContractException(ErrorCode.FIELD_TYPE, at, "a change is a JSON object");
                }
                items.add(ChangePage.Item.of(change((JsonObject) v, at)));
            } catch (ContractException e) {
                items.add(ChangePage.Item.unreadable(id == null ? "#" + i + " of the page after the saved cursor" : id, e));
            }
        }
        return new ChangePage(items, cursor, more);
    }

    private static PushedEvent change(JsonObject c, String at) {
        List<PushedEvent.Requested> requested = new ArrayList<>();
        JsonArray req = c.getValue("requestedMaterials") == null ? new JsonArray() : array(c, "requestedMaterials", at);
        for (int i = 0; i < req.size(); i++) {
            if (!(req.getValue(i) instanceof JsonObject)) {
                throw new ContractException(ErrorCode.FIELD_TYPE, at + "/requestedMaterials/" + i, "expected an object");
            }
            JsonObject m = req.getJsonObject(i);
            requested.add(new PushedEvent.Requested(string(m, "kind", at + "/requestedMaterials/" + i, true),
                    string(m, "description", at + "/requestedMaterials/" + i, true)));
        }
        List<String> channels = new ArrayList<>();
        JsonArray ch = c.getValue("channels") == null ? new JsonArray() : array(c, "channels", at);
        for (int i = 0; i < ch.size(); i++) {
            if (!(ch.getValue(i) instanceof String)) {
                throw new ContractException(ErrorCode.FIELD_TYPE, at + "/channels/" + i, "expected a string");
            }
            channels.add(ch.getString(i));
        }
        // times travel as China Standard Time, whatever offset the platform wrote them with
        java.time.LocalDateTime occurred = instant(c, "at", at).atZoneSameInstant(EventTranslator.CHINA).toLocalDateTime();
        return new PushedEvent(string(c, "changeId", at, true), string(c, "applicationId", at, false),
                string(c, "externalId", at, true), string(c, "caseId", at, true), string(c, "homeMember", at, true),
                string(c, "type", at, true), occurred, string(c, "reasonCode", at, false),
                string(c, "reasonText", at, false), requested, date(c, "respondBy", at, false),
                string(c, "decisionNo", at, false), date(c, "endedOn", at, false), channels);
    }

    /** The penalties of a page that can be read, and the ones that cannot, with why. */
    record Penalties(List<PenaltyNotice> notices, List<ContractException> unreadable, String cursor, boolean more) {
    }

    static Penalties penalties(JsonObject body, MemberId penalizing) {
        JsonArray list = array(body, "penalties", "");
        String cursor = string(body, "cursor", "", true);
        boolean more = bool(body, "more");
        List<PenaltyNotice> notices = new ArrayList<>();
        List<ContractException> unreadable = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/penalties/" + i;
            try {
                if (!(list.getValue(i) instanceof JsonObject)) {
                    throw new ContractException(ErrorCode.FIELD_TYPE, at, "a penalty is a JSON object");
                }
                notices.add(penalty(list.getJsonObject(i), at, penalizing));
            } catch (ContractException e) {
                unreadable.add(e);
            }
        }
        return new Penalties(notices, unreadable, cursor, more);
    }

    private static PenaltyNotice penalty(JsonObject p, String at, MemberId penalizing) {
        String category = string(p, "category", at, true);
        PenaltyCategory cat;
        try {
            cat = PenaltyCategory.valueOf(category);
        } catch (IllegalArgumentException e) {
            throw new ContractException(ErrorCode.ENUM_INVALID, at + "/category", "'" + category
                    + "' is not a penalty category; allowed: " + java.util.Arrays.toString(PenaltyCategory.values()));
        }
        return new PenaltyNotice(new Enterprise(CreditCode.of(string(p, "creditCode", at, true)),
                string(p, "enterpriseName", at, true)),
                new PenaltyReference(string(p, "decisionNumber", at, true), string(p, "decidingAuthority", at, true),
                        penalizing, date(p, "decisionDate", at, true), cat, string(p, "ruleSet", at, true)),
                string(p, "summary", at, false), date(p, "publishedOn", at, false));
    }

    // ---- field readers ---------------------------------------------------------------------------

    private static String string(JsonObject o, String key, String at, boolean required) {
        Object v = o.getValue(key);
        if (v == null) {
            if (required) {
                throw new ContractException(ErrorCode.FIELD_REQUIRED, at + "/" + key, key + " is missing");
            }
            return null;
        }
        if (!(v instanceof String)) {
            throw new ContractException(ErrorCode.FIELD_TYPE, at + "/" + key, key + " must be a string");
        }
        return (String) v;
    }

    private static JsonArray array(JsonObject o, String key, String at) {
        Object v = o.getValue(key);
        if (!(v instanceof JsonArray)) {
            throw new ContractException(v == null ? ErrorCode.FIELD_REQUIRED : ErrorCode.FIELD_TYPE, at + "/" + key,
                    key + " must be a list");
        }
        return (JsonArray) v;
    }

    private static boolean bool(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v != null && !(v instanceof Boolean)) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "/" + key, key + " must be true or false");
        }
        return Boolean.TRUE.equals(v);
    }

    private static LocalDate date(JsonObject o, String key, String at, boolean required) {
        String s = string(o, key, at, required);
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ContractException(ErrorCode.DATE_INVALID, at + "/" + key, "'" + s + "' is not a date yyyy-MM-dd");
        }
    }

    private static OffsetDateTime instant(JsonObject o, String key, String at) {
        String s = string(o, key, at, true);
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new ContractException(ErrorCode.DATE_INVALID, at + "/" + key, "'" + s
                    + "' is not an RFC 3339 time with offset");
        }
    }
}
