package org.tongban.adapters.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How to read a platform's penalty feed (行政处罚决定) into penalty notices for sharing. */
final class PenaltyMapping {
    private static final List<String> REQUIRED = List.of("creditCode", "enterpriseName", "decisionNumber", "authority",
            "decisionDate", "category", "ruleSet");
    private static final List<String> OPTIONAL = List.of("summary", "publishedOn");

    private final FeedPaths paths;
    private final Map<String, Source> item;

    private PenaltyMapping(FeedPaths paths, Map<String, Source> item) {
        this.paths = paths;
        this.item = item;
    }

    static PenaltyMapping parse(JsonNode node, String key, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(key, "required with endpoints.penalties: list, cursor and item of the penalty feed");
            return null;
        }
        ChangeMapping.unknownKeys(node, key, Set.of("list", "cursor", "more", "item"), problems);
        FeedPaths paths = FeedPaths.parse(node, key, problems);
        JsonNode it = node.get("item");
        if (it == null || !it.isObject()) {
            problems.add(key + ".item", "required: where each penalty keeps " + REQUIRED);
            return null;
        }
        List<String> all = new ArrayList<>(REQUIRED);
        all.addAll(OPTIONAL);
        ChangeMapping.unknownKeys(it, key + ".item", Set.copyOf(all), problems);
        Map<String, Source> item = new LinkedHashMap<>();
        for (String f : all) {
            if (it.get(f) == null) {
                if (REQUIRED.contains(f)) {
                    problems.add(key + ".item." + f, "required");
                }
                continue;
            }
            Source s = Source.parse(it.get(f), key + ".item." + f, problems);
            if (s != null) {
                item.put(f, s);
            }
        }
        Source category = item.get("category");
        if (category != null && category.map() != null) {
            List<String> names = ChangeMapping.names(PenaltyCategory.class);
            category.map().forEach((k, v) -> {
                if (!names.contains(String.valueOf(v))) {
                    problems.add(category.key() + ".map." + k, "'" + v + "' is none of " + names);
                }
            });
        }
        return paths == null ? null : new PenaltyMapping(paths, item);
    }

    /** The decisions that can be read, the problems of those that cannot, the next cursor and whether more is ready. */
    record Page(List<PenaltyNotice> notices, List<ContractException> unreadable, String cursor, boolean more) {
    }

    Page page(JsonObject body, String asked, int limit, MemberId penalizing) {
        JsonArray list = paths.items(body);
        List<PenaltyNotice> notices = new ArrayList<>();
        List<ContractException> unreadable = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                if (!(list.getValue(i) instanceof JsonObject)) {
                    throw new ContractException(ErrorCode.FIELD_TYPE, "/" + paths.list() + "/" + i, "a penalty is an object");
                }
                notices.add(notice(list.getJsonObject(i), penalizing));
            } catch (ContractException e) {
                unreadable.add(e);
            }
        }
        return new Page(notices, unreadable, paths.next(body, asked, list.size()), paths.more(body, list.size(), limit));
    }

    private PenaltyNotice notice(JsonObject p, MemberId penalizing) {
        String category = required(p, "category");
        PenaltyCategory cat;
        try {
            cat = PenaltyCategory.valueOf(category);
        } catch (IllegalArgumentException e) {
            throw new ContractException(ErrorCode.ENUM_INVALID, "/category", "'" + category + "' is not a penalty category");
        }
        LocalDate decided = item.get("decisionDate").localDate(p);
        if (decided == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/decisionDate", "the penalty has no decision date");
        }
        Source published = item.get("publishedOn");
        Source summary = item.get("summary");
        return new PenaltyNotice(new Enterprise(CreditCode.of(required(p, "creditCode")), required(p, "enterpriseName")),
                new PenaltyReference(required(p, "decisionNumber"), required(p, "authority"), penalizing, decided, cat,
                        required(p, "ruleSet")),
                summary == null ? null : summary.text(p), published == null ? null : published.localDate(p));
    }

    private String required(JsonObject p, String field) {
        String v = item.get(field).text(p);
        if (v == null || v.isBlank()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/" + item.get(field).key(), field + " is missing");
        }
        return v;
    }
}
