package org.tongban.adapters.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.feed.ChangePage;
import org.tongban.adapters.events.EventTranslator;
import org.tongban.adapters.events.PushedEvent;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.ReasonCode;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to read a platform's change feed: where the list and the cursor are, and where each
 * change keeps the fields of DIALECTS.md ({@code id}, {@code type} with an enum map to the event
 * types, {@code legId}, {@code caseId}, {@code homeMember}, {@code at}, and the details a type needs).
 */
final class ChangeMapping {
    static final List<String> EVENT_TYPES = List.of("ACCEPTED", "NOT_ACCEPTED", "MATERIALS_REQUESTED", "REPAIRED",
            "REFUSED", "PUBLICITY_ENDED");
    private static final Set<String> REQUIRED = Set.of("id", "type", "legId", "caseId", "homeMember", "at",
            "platformReference");
    private static final List<String> FIELDS = List.of("id", "type", "legId", "caseId", "homeMember", "at",
            "platformReference", "reasonCode", "reasonText", "requestedMaterials", "respondBy", "decisionNo", "endedOn",
            "channels");

    private final FeedPaths paths;
    private final Map<String, Source> event;
    private final JsonPath requestedEach;
    private final Source requestedKind;
    private final Source requestedDescription;

    private ChangeMapping(FeedPaths paths, Map<String, Source> event, JsonPath requestedEach, Source requestedKind,
                          Source requestedDescription) {
        this.paths = paths;
        this.event = event;
        this.requestedEach = requestedEach;
        this.requestedKind = requestedKind;
        this.requestedDescription = requestedDescription;
    }

    static ChangeMapping parse(JsonNode node, String key, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(key, "required: list, cursor and event of the change feed");
            return null;
        }
        unknownKeys(node, key, Set.of("list", "cursor", "more", "event"), problems);
        FeedPaths paths = FeedPaths.parse(node, key, problems);
        JsonNode ev = node.get("event");
        String at = key + ".event";
        if (ev == null || !ev.isObject()) {
            problems.add(at, "required: where each change keeps " + REQUIRED.stream().sorted().toList());
            return null;
        }
        unknownKeys(ev, at, Set.copyOf(FIELDS), problems);
        Map<String, Source> event = new LinkedHashMap<>();
        for (String f : FIELDS) {
            JsonNode v = ev.get(f);
            if (f.equals("requestedMaterials")) {
                continue;
            }
            if (v == null) {
                if (REQUIRED.contains(f)) {
                    problems.add(at + "." + f, "required");
                }
                continue;
            }
            Source s = Source.parse(v, at + "." + f, problems);
            if (s != null) {
                event.put(f, s);
            }
        }
        checkMapTo(event.get("type"), EVENT_TYPES, problems);
        checkMapTo(event.get("reasonCode"), names(ReasonCode.class), problems);
        checkMapTo(event.get("channels"), names(PublicityChannel.class), problems);
        for (String f : List.of("at")) {
            if (event.get(f) != null && event.get(f).hasDate()) {
                problems.add(at + "." + f + ".date", "a point in time is read with time, not date");
            }
        }
        JsonPath each = null;
        Source kind = null;
        Source description = null;
        JsonNode req = ev.get("requestedMaterials");
        if (req != null) {
            String rk = at + ".requestedMaterials";
            JsonNode item = req;
            if (req.isObject() && req.has("each")) {
                unknownKeys(req, rk, Set.of("each", "item"), problems);
                each = FeedPaths.path(req, "each", rk, true, problems);
                item = req.get("item");
                rk = rk + ".item";
            }
            if (item == null || !item.isObject()) {
                problems.add(rk, "expected {kind: source, description: source}");
            } else {
                unknownKeys(item, rk, Set.of("kind", "description"), problems);
                kind = Source.parse(item.get("kind"), rk + ".kind", problems);
                description = Source.parse(item.get("description"), rk + ".description", problems);
                checkMapTo(kind, names(MaterialKind.class), problems);
            }
        }
        return paths == null ? null : new ChangeMapping(paths, event, each, kind, description);
    }

    /** The map (or constant) of {@code s} must give values the contract knows. */
    private static void checkMapTo(Source s, List<String> allowed, Problems problems) {
        if (s == null) {
            return;
        }
        if (s.map() != null) {
            for (Map.Entry<String, Object> e : s.map().entrySet()) {
                if (!allowed.contains(String.valueOf(e.getValue()))) {
                    problems.add(s.key() + ".map." + e.getKey(), "'" + e.getValue() + "' is none of " + allowed);
                }
            }
        }
        if (s.constant() != null) {
            List<Object> values = s.constant() instanceof JsonArray ? ((JsonArray) s.constant()).getList()
                    : List.of(s.constant());
            for (Object v : values) {
                if (!allowed.contains(String.valueOf(v))) {
                    problems.add(s.key() + ".const", "'" + v + "' is none of " + allowed);
                }
            }
        }
    }

    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    static void unknownKeys(JsonNode node, String key, Set<String> allowed, Problems problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                problems.add(key + "." + k, "unknown key; allowed: " + allowed.stream().sorted().toList());
            }
        }
    }

    /** The page in the answer: each change read on its own, so that one bad change does not stop the feed. */
    ChangePage page(JsonObject body, String asked, int limit, ZoneOffset zone) {
        JsonArray list = paths.items(body);
        List<ChangePage.Item> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object v = list.getValue(i);
            String id = null;
            try {
                if (!(v instanceof JsonObject)) {
                    throw new ContractException(ErrorCode.FIELD_TYPE, "/" + paths.list() + "/" + i, "a change is an object");
                }
                id = event.get("id").text((JsonObject) v);
                items.add(ChangePage.Item.of(change((JsonObject) v, zone)));
            } catch (ContractException e) {
                items.add(ChangePage.Item.unreadable(id == null ? "#" + i + " of the page after " + asked : id, e));
            }
        }
        return new ChangePage(items, paths.next(body, asked, list.size()), paths.more(body, list.size(), limit));
    }

    private PushedEvent change(JsonObject item, ZoneOffset zone) {
        String id = text(item, "id");
        if (id == null || id.isEmpty()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/" + event.get("id").key(), "the change has no id");
        }
        List<PushedEvent.Requested> requested = new ArrayList<>();
        if (requestedDescription != null) {
            if (requestedEach != null) {
                Object list = requestedEach.read(item);
                if (list instanceof JsonArray) {
                    for (Object m : (JsonArray) list) {
                        if (m instanceof JsonObject) {
                            requested.add(requested((JsonObject) m));
                        }
                    }
                }
            } else if (requestedDescription.text(item) != null) {
                requested.add(requested(item));
            }
        }
        Source at = event.get("at");
        Source respondBy = event.get("respondBy");
        Source endedOn = event.get("endedOn");
        Source channels = event.get("channels");
        java.time.OffsetDateTime when = at.offsetTime(item, zone);
        return new PushedEvent(id, text(item, "platformReference"), text(item, "legId"), text(item, "caseId"),
                text(item, "homeMember"), text(item, "type"),
                when == null ? null : when.atZoneSameInstant(EventTranslator.CHINA).toLocalDateTime(), text(item, "reasonCode"),
                text(item, "reasonText"), requested, respondBy == null ? null : respondBy.localDate(item),
                text(item, "decisionNo"), endedOn == null ? null : endedOn.localDate(item),
                channels == null ? List.of() : channels.texts(item));
    }

    private PushedEvent.Requested requested(JsonObject m) {
        return new PushedEvent.Requested(requestedKind == null ? null : requestedKind.text(m),
                requestedDescription.text(m));
    }

    private String text(JsonObject item, String field) {
        Source s = event.get(field);
        return s == null ? null : s.text(item);
    }
}
