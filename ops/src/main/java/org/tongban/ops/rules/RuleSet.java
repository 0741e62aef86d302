package org.tongban.ops.rules;

import org.tongban.contracts.message.PenaltyCategory;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned set of publicity rules (e.g. {@code cn-2025}: NDRC Order No. 36, effective
 * 2026-04-01): one {@link PublicityRule} per category it defines. Which set applies to a
 * penalty is decided by its decision date ({@link RuleBook#ruleSetFor}).
 */
public record RuleSet(String id, LocalDate effectiveFrom, Map<PenaltyCategory, PublicityRule> rules) {
    private static final Pattern YEAR_ID = Pattern.compile("[a-z]+-(\\d{4})");

    public RuleSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        rules = Collections.unmodifiableMap(new EnumMap<>(rules));
    }

    public Optional<PublicityRule> rule(PenaltyCategory category) {
        return Optional.ofNullable(rules.get(category));
    }

    /** How a clerk names the set in English: "the 2019 rules" for {@code cn-2019}. */
    public String labelEn() {
        Matcher m = YEAR_ID.matcher(id);
        return m.matches() ? "the " + m.group(1) + " rules" : "the rules " + id;
    }

    /** How a clerk names the set in Chinese: "2019年规定" for {@code cn-2019}. */
    public String labelZh() {
        Matcher m = YEAR_ID.matcher(id);
        return m.matches() ? m.group(1) + "年规定" : "规则" + id;
    }
}
