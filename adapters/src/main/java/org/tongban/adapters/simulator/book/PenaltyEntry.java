package org.tongban.adapters.simulator.book;

import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

/**
 * A penalty decision (行政处罚决定) the platform published, as its penalty feed lists it.
 *
 * @param category the contract's category name ({@code MINOR}, {@code GENERAL}, {@code SERIOUS})
 */
public record PenaltyEntry(String creditCode, String enterpriseName, String decisionNumber, String decidingAuthority,
                           LocalDate decisionDate, String category, String ruleSet, String summary,
                           LocalDate publishedOn) {
    private static final Set<String> KEYS = Set.of("creditCode", "enterpriseName", "decisionNumber",
            "decidingAuthority", "decisionDate", "category", "ruleSet", "summary", "publishedOn");
    public static final Set<String> CATEGORIES = Set.of("MINOR", "GENERAL", "SERIOUS", "SPECIFIC_SERIOUS");

    public PenaltyEntry {
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(enterpriseName, "enterpriseName");
        Objects.requireNonNull(decisionNumber, "decisionNumber");
        Objects.requireNonNull(decidingAuthority, "decidingAuthority");
        Objects.requireNonNull(decisionDate, "decisionDate");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleSet, "ruleSet");
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("category is one of " + CATEGORIES + ", not " + category);
        }
    }

    /** The admin API's form (camelCase, dates {@code yyyy-MM-dd}); unknown fields are refused. */
    public static PenaltyEntry fromJson(JsonObject json) {
        for (String key : json.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown penalty field '" + key + "'; allowed: " + KEYS);
            }
        }
        String code = required(json, "creditCode");
        String problem = org.tongban.contracts.id.CreditCode.problemWith(code);
        if (problem != null) {
            throw new IllegalArgumentException("creditCode: " + problem);
        }
        String published = optional(json, "publishedOn");
        return new PenaltyEntry(code, required(json, "enterpriseName"), required(json, "decisionNumber"),
                required(json, "decidingAuthority"), date(required(json, "decisionDate"), "decisionDate"),
                required(json, "category"), json.getString("ruleSet", "cn-2025"), optional(json, "summary"),
                published == null ? null : date(published, "publishedOn"));
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("creditCode", creditCode).put("enterpriseName", enterpriseName)
                .put("decisionNumber", decisionNumber).put("decidingAuthority", decidingAuthority)
                .put("decisionDate", decisionDate.toString()).put("category", category).put("ruleSet", ruleSet);
        if (summary != null) {
            o.put("summary", summary);
        }
        if (publishedOn != null) {
            o.put("publishedOn", publishedOn.toString());
        }
        return o;
    }

    private static String required(JsonObject json, String key) {
        Object v = json.getValue(key);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new IllegalArgumentException("\"" + key + "\" is required (a string)");
        }
        return (String) v;
    }

    private static String optional(JsonObject json, String key) {
        Object v = json.getValue(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("\"" + key + "\" is a string");
        }
        return (String) v;
    }

    private static LocalDate date(String text, String key) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + key + "\" is a date yyyy-MM-dd, not '" + text + "'");
        }
    }
}
