package org.tongban.ops.rules;

import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers "can this penalty be repaired now?" from a {@link RuleBook}. The rule set is the one
 * in effect on the decision date; the {@code ruleSet} a penalty names is only compared with it
 * (a difference is a note, not a refusal). Thread-safe.
 */
public final class EligibilityRules {
    private final RuleBook book;

    public EligibilityRules(RuleBook book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    public RuleBook book() {
        return book;
    }

    /** The publicity dates of a penalty, when a rule covers it; independent of today. */
    public Optional<PublicityTerms> terms(LocalDate decisionDate, PenaltyCategory category) {
        return book.ruleSetFor(decisionDate)
                .flatMap(set -> set.rule(category).map(rule -> PublicityTerms.of(set, rule, decisionDate)));
    }

    /** Whether {@code penalty} can be applied for on {@code today} (a date in China). */
    public Eligibility evaluate(PenaltyReference penalty, LocalDate today) {
        return evaluate(penalty.decisionDate(), penalty.category(), penalty.ruleSet(), today);
    }

    /**
     * As {@link #evaluate(PenaltyReference, LocalDate)}, from the parts of a penalty.
     *
     * @param namedRuleSet the rule set the penalty names, or null
     */
    public Eligibility evaluate(LocalDate decisionDate, PenaltyCategory category, String namedRuleSet, LocalDate today) {
        List<EligibilityReason> reasons = new ArrayList<>();
        List<EligibilityReason> notes = new ArrayList<>();
        if (decisionDate.isAfter(today)) {
            reasons.add(new EligibilityReason(EligibilityCode.DECISION_DATE_IN_FUTURE,
                    "处罚决定日期" + decisionDate + "晚于今天" + today,
                    "the decision date " + decisionDate + " is after today (" + today + ")"));
        }
        Optional<RuleSet> found = book.ruleSetFor(decisionDate);
        if (found.isEmpty()) {
            String first = book.ruleSets().isEmpty() ? "none is loaded"
                    : "the earliest is " + book.ruleSets().get(0).id() + " from " + book.ruleSets().get(0).effectiveFrom();
            reasons.add(new EligibilityReason(EligibilityCode.NO_RULE_SET,
                    "没有适用于" + decisionDate + "作出的处罚决定的公示规则",
                    "no rule set covers decisions made on " + decisionDate + " (" + first + ")"));
            return new Eligibility(today, Optional.empty(), reasons, notes);
        }
        RuleSet set = found.get();
        if (namedRuleSet != null && !namedRuleSet.equals(set.id())) {
            notes.add(new EligibilityReason(EligibilityCode.RULE_SET_DIFFERS,
                    "处罚信息标注规则" + namedRuleSet + "，但按决定日期" + decisionDate + "适用" + set.id() + "，按" + set.id() + "计算",
                    "the penalty names rule set " + namedRuleSet + ", but a decision of " + decisionDate + " falls under "
                            + set.id() + "; its periods apply"));
        }
        Optional<PublicityRule> rule = set.rule(category);
        if (rule.isEmpty()) {
            reasons.add(new EligibilityReason(EligibilityCode.CATEGORY_NOT_IN_RULE_SET,
                    set.labelZh() + "（" + set.id() + "）未规定" + category.name() + "类处罚信息",
                    set.labelEn() + " (" + set.id() + ") define no category " + category.name()));
            return new Eligibility(today, Optional.empty(), reasons, notes);
        }
        PublicityTerms terms = PublicityTerms.of(set, rule.get(), decisionDate);
        String zhCategory = rule.get().categoryZh();
        if (!today.isBefore(terms.automaticEnd())) {
            reasons.add(new EligibilityReason(EligibilityCode.PUBLICITY_ALREADY_ENDED,
                    "最长公示期已于" + terms.maximumPeriodEnds() + "届满，公示已自动停止（免申享），无需修复",
                    "the maximum publicity period ended on " + terms.maximumPeriodEnds()
                            + "; publicity has ended by itself and needs no repair"));
        } else if (!terms.repairable()) {
            reasons.add(new EligibilityReason(EligibilityCode.NOT_REPAIRABLE,
                    "依" + set.labelZh() + "（" + zhCategory + "）最长公示期届满前不可修复，公示期至" + terms.maximumPeriodEnds() + "届满",
                    "not repairable under " + set.labelEn() + " (" + zhCategory + "); publicity ends by itself after "
                            + terms.maximumPeriodEnds()));
        } else if (terms.minimumPeriodEnds() != null && today.isBefore(terms.earliestApplication())) {
            reasons.add(new EligibilityReason(EligibilityCode.MIN_PERIOD_NOT_REACHED,
                    "最短公示期至" + terms.minimumPeriodEnds() + "届满，" + terms.earliestApplication() + "起可申请修复",
                    "minimum publicity period ends on " + terms.minimumPeriodEnds() + "; repair can be applied for from "
                            + terms.earliestApplication()));
        }
        return new Eligibility(today, Optional.of(terms), reasons, notes);
    }
}
