package org.tongban.ops.rules;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.ReasonCode;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.contracts.message.PenaltyCategory.GENERAL;
import static org.tongban.contracts.message.PenaltyCategory.MINOR;
import static org.tongban.contracts.message.PenaltyCategory.SERIOUS;
import static org.tongban.contracts.message.PenaltyCategory.SPECIFIC_SERIOUS;

/**
 * Eligibility on the shipped rules, each answer worked out by hand in the comment above it.
 * Periods run from the decision date (认定之日), which is not counted; N months end on the
 * corresponding day N months later, or on that month's last day when it has none.
 */
class EligibilityRulesTest {
    private final EligibilityRules rules = new EligibilityRules(RuleBook.shipped());

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static PenaltyReference penalty(String decided, PenaltyCategory category, String ruleSet) {
        return new PenaltyReference("杭交执罚〔2026〕第417号", "杭州市交通运输行政执法队", MemberId.of("330100"),
                d(decided), category, ruleSet);
    }

    @Nested
    class MinimumPeriod {
        @Test
        void a_general_penalty_of_september_2026_waits_for_its_three_months() {
            // cn-2025 (from 2026-04-01), GENERAL 3–12 months. Decided 2026-09-03:
            // minimum ends 2026-09-03 + 3 months = 2026-12-03; repair from 2026-12-04;
            // maximum ends 2027-09-03; publicity ends by itself on 2027-09-04.
            Eligibility e = rules.evaluate(penalty("2026-09-03", GENERAL, "cn-2025"), d("2026-11-21"));

            assertThat(e.canApplyNow()).isFalse();
            PublicityTerms t = e.terms().orElseThrow();
            assertThat(t.ruleSet().id()).isEqualTo("cn-2025");
            assertThat(t.minimumPeriodEnds()).isEqualTo(d("2026-12-03"));
            assertThat(t.earliestApplication()).isEqualTo(d("2026-12-04"));
            assertThat(t.maximumPeriodEnds()).isEqualTo(d("2027-09-03"));
            assertThat(t.automaticEnd()).isEqualTo(d("2027-09-04"));
            assertThat(e.reasons()).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo(EligibilityCode.MIN_PERIOD_NOT_REACHED);
                assertThat(r.en()).startsWith("minimum publicity period ends on 2026-12-03");
                assertThat(r.zh()).contains("2026-12-03").contains("2026-12-04");
            });
            assertThat(e.notes()).isEmpty();
        }

        @Test
        void the_last_day_of_the_minimum_period_is_still_inside_it() {
            assertThat(rules.evaluate(penalty("2026-09-03", GENERAL, "cn-2025"), d("2026-12-03")).canApplyNow()).isFalse();
            assertThat(rules.evaluate(penalty("2026-09-03", GENERAL, "cn-2025"), d("2026-12-04")).canApplyNow()).isTrue();
        }

        @Test
        void a_decision_on_the_31st_of_january_ends_three_months_later_on_the_30th_of_april() {
            // Decided 2026-01-31 (before 2026-04-01: cn-2023, GENERAL 3–12 months). April has no 31st,
            // so the minimum ends on its last day, 2026-04-30; repair from 2026-05-01.
            // Twelve months: 2027-01-31; publicity ends by itself on 2027-02-01.
            Eligibility onLastDay = rules.evaluate(penalty("2026-01-31", GENERAL, "cn-2023"), d("2026-04-30"));
            Eligibility dayAfter = rules.evaluate(penalty("2026-01-31", GENERAL, "cn-2023"), d("2026-05-01"));

            assertThat(onLastDay.terms().orElseThrow().minimumPeriodEnds()).isEqualTo(d("2026-04-30"));
            assertThat(onLastDay.canApplyNow()).isFalse();
            assertThat(dayAfter.canApplyNow()).isTrue();
            assertThat(dayAfter.earliestApplication()).contains(d("2026-05-01"));
            assertThat(dayAfter.terms().orElseThrow().maximumPeriodEnds()).isEqualTo(d("2027-01-31"));
            assertThat(dayAfter.automaticEnd()).contains(d("2027-02-01"));
        }

        @Test
        void a_decision_on_the_30th_of_november_ends_on_the_last_day_of_february() {
            // Decided 2025-11-30 (cn-2023, GENERAL): + 3 months = February 2026, which has 28 days: 2026-02-28.
            PublicityTerms t = rules.evaluate(penalty("2025-11-30", GENERAL, "cn-2023"), d("2026-11-21")).terms().orElseThrow();
            assertThat(t.minimumPeriodEnds()).isEqualTo(d("2026-02-28"));
            assertThat(t.earliestApplication()).isEqualTo(d("2026-03-01"));
        }

        @Test
        void a_decision_on_the_29th_of_february_ends_on_the_28th_a_year_later() {
            // Decided 2024-02-29 (cn-2023, SERIOUS 12–36 months): 2025 has no 29 February: 2025-02-28;
            // maximum: 2027-02-28; publicity ends by itself on 2027-03-01.
            PublicityTerms t = rules.evaluate(penalty("2024-02-29", SERIOUS, "cn-2023"), d("2026-11-21")).terms().orElseThrow();
            assertThat(t.minimumPeriodEnds()).isEqualTo(d("2025-02-28"));
            assertThat(t.maximumPeriodEnds()).isEqualTo(d("2027-02-28"));
            assertThat(t.automaticEnd()).isEqualTo(d("2027-03-01"));
        }

        @Test
        void a_serious_penalty_under_the_2019_rules_waits_six_months() {
            // cn-2019 SERIOUS 6–36 months. Decided 2021-08-31: + 6 months = February 2022 → 2022-02-28.
            Eligibility e = rules.evaluate(penalty("2021-08-31", SERIOUS, "cn-2019"), d("2022-02-28"));
            assertThat(e.terms().orElseThrow().minimumPeriodEnds()).isEqualTo(d("2022-02-28"));
            assertThat(e.reasons()).extracting(EligibilityReason::code).containsExactly(EligibilityCode.MIN_PERIOD_NOT_REACHED);
            assertThat(rules.evaluate(penalty("2021-08-31", SERIOUS, "cn-2019"), d("2022-03-01")).canApplyNow()).isTrue();
        }

        @Test
        void a_minor_penalty_has_no_minimum_and_may_be_repaired_from_its_decision_day() {
            // cn-2025 MINOR 0–3 months. Decided 2026-05-15: repair from that day; maximum ends 2026-08-15.
            Eligibility e = rules.evaluate(penalty("2026-05-15", MINOR, "cn-2025"), d("2026-05-15"));
            assertThat(e.canApplyNow()).isTrue();
            assertThat(e.terms().orElseThrow().minimumPeriodEnds()).isNull();
            assertThat(e.earliestApplication()).contains(d("2026-05-15"));
            assertThat(e.automaticEnd()).contains(d("2026-08-16"));
        }
    }

    @Nested
    class NotRepairable {
        @Test
        void a_specific_serious_penalty_under_the_2019_rules_waits_for_the_full_three_years() {
            // cn-2019 SPECIFIC_SERIOUS 36–36 months, not repairable. Decided 2020-05-10: publicity
            // ends 2023-05-10 (last day), by itself on 2023-05-11.
            Eligibility e = rules.evaluate(penalty("2020-05-10", SPECIFIC_SERIOUS, "cn-2019"), d("2022-01-01"));

            assertThat(e.canApplyNow()).isFalse();
            assertThat(e.earliestApplication()).isEmpty();
            assertThat(e.automaticEnd()).contains(d("2023-05-11"));
            assertThat(e.reasons()).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo(EligibilityCode.NOT_REPAIRABLE);
                assertThat(r.en()).startsWith("not repairable under the 2019 rules (特定严重)").contains("2023-05-10");
                assertThat(r.zh()).contains("2019年规定").contains("特定严重");
                assertThat(r.code().contractReason()).isEqualTo(ReasonCode.NOT_REPAIRABLE);
            });
        }

        @Test
        void after_the_maximum_period_publicity_has_ended_by_itself() {
            Eligibility e = rules.evaluate(penalty("2020-05-10", SPECIFIC_SERIOUS, "cn-2019"), d("2023-05-11"));
            assertThat(e.reasons()).extracting(EligibilityReason::code)
                    .containsExactly(EligibilityCode.PUBLICITY_ALREADY_ENDED);
            // GENERAL decided 2026-01-31: maximum ends 2027-01-31; on 2027-02-01 nothing is left to repair.
            assertThat(rules.evaluate(penalty("2026-01-31", GENERAL, "cn-2023"), d("2027-01-31")).canApplyNow()).isTrue();
            assertThat(rules.evaluate(penalty("2026-01-31", GENERAL, "cn-2023"), d("2027-02-01")).reasons())
                    .extracting(EligibilityReason::code).containsExactly(EligibilityCode.PUBLICITY_ALREADY_ENDED);
        }
    }

    @Nested
    class RuleSetChoice {
        @Test
        void the_decision_date_chooses_the_rule_set() {
            assertThat(rules.evaluate(penalty("2026-03-31", GENERAL, "cn-2023"), d("2026-11-21")).terms().orElseThrow()
                    .ruleSet().id()).isEqualTo("cn-2023");
            assertThat(rules.evaluate(penalty("2026-04-01", GENERAL, "cn-2025"), d("2026-11-21")).terms().orElseThrow()
                    .ruleSet().id()).isEqualTo("cn-2025");
            assertThat(rules.evaluate(penalty("2019-07-01", GENERAL, "cn-2019"), d("2019-12-01")).terms().orElseThrow()
                    .ruleSet().id()).isEqualTo("cn-2019");
        }

        @Test
        void a_different_rule_set_named_by_the_penalty_is_a_note_not_a_refusal() {
            Eligibility e = rules.evaluate(penalty("2026-03-31", GENERAL, "cn-2025"), d("2026-11-21"));
            assertThat(e.canApplyNow()).isTrue();
            assertThat(e.notes()).singleElement().satisfies(n -> {
                assertThat(n.code()).isEqualTo(EligibilityCode.RULE_SET_DIFFERS);
                assertThat(n.en()).contains("cn-2025").contains("cn-2023");
            });
        }

        @Test
        void a_decision_before_every_rule_set_cannot_be_judged() {
            Eligibility e = rules.evaluate(penalty("2019-06-30", GENERAL, "cn-2019"), d("2026-11-21"));
            assertThat(e.terms()).isEmpty();
            assertThat(e.reasons()).extracting(EligibilityReason::code).containsExactly(EligibilityCode.NO_RULE_SET);
            assertThat(e.reasons().get(0).en()).contains("cn-2019").contains("2019-07-01");
        }

        @Test
        void a_category_the_rule_set_does_not_define_cannot_be_judged() {
            assertThat(rules.evaluate(penalty("2025-05-15", MINOR, "cn-2023"), d("2026-11-21")).reasons())
                    .extracting(EligibilityReason::code).containsExactly(EligibilityCode.CATEGORY_NOT_IN_RULE_SET);
            assertThat(rules.evaluate(penalty("2026-05-15", SPECIFIC_SERIOUS, "cn-2025"), d("2026-11-21")).reasons())
                    .extracting(EligibilityReason::code).containsExactly(EligibilityCode.CATEGORY_NOT_IN_RULE_SET);
        }

        @Test
        void a_decision_in_the_future_is_refused() {
            Eligibility e = rules.evaluate(penalty("2026-12-01", MINOR, "cn-2025"), d("2026-11-21"));
            assertThat(e.reasons()).extracting(EligibilityReason::code)
                    .containsExactly(EligibilityCode.DECISION_DATE_IN_FUTURE);
        }
    }
}
