package org.tongban.gateway.cases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.ErrorOrigin;
import org.tongban.contracts.error.Problem;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.gateway.http.ProblemExtension;
import org.tongban.ops.rules.EligibilityReason;

import java.util.ArrayList;
import java.util.List;

/**
 * A filing refused because penalties cannot be applied for now ({@code NOT_ELIGIBLE}, 422). The
 * problem lists each refused penalty under {@code penalties} with its dates and its reasons
 * (stable code, Chinese, English), and one violation per reason under {@code errors}.
 */
public final class NotEligibleException extends RuntimeException implements ProblemExtension {
    private static final long serialVersionUID = 1L;

    private final transient List<PenaltyEligibility.Checked> refused;

    public NotEligibleException(List<PenaltyEligibility.Checked> refused) {
        super(refused.size() + " penalt" + (refused.size() == 1 ? "y" : "ies") + " cannot be applied for now: "
                + refused.stream().map(c -> c.pointer() + " " + c.eligibility().reasons()).toList());
        if (refused.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one penalty");
        }
        this.refused = List.copyOf(refused);
    }

    public List<PenaltyEligibility.Checked> refused() {
        return refused;
    }

    @Override
    public Problem problem() {
        List<Violation> violations = new ArrayList<>();
        for (PenaltyEligibility.Checked c : refused) {
            for (EligibilityReason r : c.eligibility().reasons()) {
                violations.add(new Violation(ErrorCode.NOT_ELIGIBLE, c.pointer(), r.code() + ": " + r.en()));
            }
        }
        ErrorCode code = ErrorCode.NOT_ELIGIBLE;
        return new Problem(code.typeUri(), code.title(), code.httpStatus(), refused.size() + " penalt"
                + (refused.size() == 1 ? "y" : "ies") + " cannot be applied for now (see penalties); file "
                + (refused.size() == 1 ? "it" : "them") + " when eligible, or give override.reason to file anyway",
                null, code, code.category(), ErrorOrigin.CLIENT, violations);
    }

    @Override
    public void extend(ObjectNode problem) {
        ArrayNode penalties = problem.putArray("penalties");
        for (PenaltyEligibility.Checked c : refused) {
            JsonObjectWriter w = JsonObjectWriter.create()
                    .put("pointer", c.pointer())
                    .put("decisionNumber", c.penalty().decisionNumber())
                    .putText("penalizingMember", c.penalty().penalizingMember())
                    .put("decisionDate", c.penalty().decisionDate())
                    .put("category", c.penalty().category());
            c.eligibility().terms().ifPresent(t -> w.put("ruleSet", t.ruleSet().id())
                    .put("minimumPeriodEnds", t.minimumPeriodEnds())
                    .put("earliestApplication", t.earliestApplication())
                    .put("automaticEnd", t.automaticEnd()));
            w.putRequiredList("reasons", c.eligibility().reasons(), NotEligibleException::reason);
            w.putList("notes", c.eligibility().notes(), NotEligibleException::reason);
            penalties.add(w.node());
        }
    }

    static ObjectNode reason(EligibilityReason r) {
        return JsonObjectWriter.create().put("code", r.code()).put("zh", r.zh()).put("en", r.en()).node();
    }
}
