package org.tongban.ops.rules;

import org.tongban.contracts.message.PenaltyCategory;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The publicity periods of one category of penalty under one rule set (one line of
 * {@code publicity-rules.csv}).
 *
 * @param ruleSet             the rule set's id, e.g. {@code cn-2025}
 * @param effectiveFrom       decisions made on or after this day follow the rule set (until a newer one)
 * @param categoryZh          the category's Chinese name as the rules say it (轻微, 一般, 严重, 特定严重)
 * @param minPublicityMonths  minimum publicity (最短公示期) in months; 0 means none
 * @param maxPublicityMonths  maximum publicity (最长公示期) in months, after which publicity ends by itself
 * @param repairableBeforeMax whether repair may end publicity before the maximum period
 * @param verified            whether the periods were checked against the text of the source
 * @param source              the instrument the periods come from
 */
public record PublicityRule(String ruleSet, LocalDate effectiveFrom, PenaltyCategory category, String categoryZh,
                            int minPublicityMonths, int maxPublicityMonths, boolean repairableBeforeMax,
                            boolean verified, String source) {
    public PublicityRule {
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(categoryZh, "categoryZh");
        Objects.requireNonNull(source, "source");
        if (minPublicityMonths < 0 || maxPublicityMonths < minPublicityMonths || maxPublicityMonths > 120) {
            throw new IllegalArgumentException("publicity months must satisfy 0 <= min <= max <= 120: "
                    + minPublicityMonths + ".." + maxPublicityMonths);
        }
    }
}
