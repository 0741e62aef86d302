package org.tongban.gateway.cases;

import org.tongban.contracts.message.PenaltyReference;
import org.tongban.ops.calendar.WorkingDayCalendar;
import org.tongban.ops.rules.Eligibility;
import org.tongban.ops.rules.EligibilityRules;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the penalties of a filing against the publicity rules on today's date in China: which
 * of them cannot be applied for now, and why.
 */
public final class PenaltyEligibility {
    private final EligibilityRules rules;
    private final Clock clock;

    public PenaltyEligibility(EligibilityRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** One penalty of a filing with its answer; {@code index} is its place in the request. */
    public record Checked(int index, PenaltyReference penalty, Eligibility eligibility) {
        public String pointer() {
            return "/penalties/" + index;
        }
    }

    /** Every penalty, checked, in request order. */
    public List<Checked> check(List<PenaltyReference> penalties) {
        LocalDate today = WorkingDayCalendar.dateOf(clock.instant());
        List<Checked> out = new ArrayList<>();
        for (int i = 0; i < penalties.size(); i++) {
            out.add(new Checked(i, penalties.get(i), rules.evaluate(penalties.get(i), today)));
        }
        return out;
    }

    /** The penalties that cannot be applied for now. */
    public static List<Checked> refused(List<Checked> checked) {
        return checked.stream().filter(c -> !c.eligibility().canApplyNow()).toList();
    }
}
