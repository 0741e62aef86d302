package org.tongban.ops.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a penalty can be repaired on a given day, and the dates behind the answer.
 *
 * @param asOf    the day the question was asked for (China time)
 * @param terms   the penalty's publicity dates, absent when no rule covers it
 * @param reasons why it cannot be applied for now (blocking codes); empty when it can
 * @param notes   what a clerk should know that does not stop the application
 */
public record Eligibility(LocalDate asOf, Optional<PublicityTerms> terms, List<EligibilityReason> reasons,
                          List<EligibilityReason> notes) {
    public Eligibility {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(terms, "terms");
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        if (reasons.stream().anyMatch(r -> !r.code().blocking()) || notes.stream().anyMatch(r -> r.code().blocking())) {
            throw new IllegalArgumentException("blocking codes are reasons, the others notes");
        }
    }

    /** Can apply now (可申请修复): no blocking reason. */
    public boolean canApplyNow() {
        return reasons.isEmpty();
    }

    /** The first day an application is possible, when the rules allow one at all. */
    public Optional<LocalDate> earliestApplication() {
        return terms.map(PublicityTerms::earliestApplication);
    }

    /** The day publicity ends by itself (免申享). */
    public Optional<LocalDate> automaticEnd() {
        return terms.map(PublicityTerms::automaticEnd);
    }
}
