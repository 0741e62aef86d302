package org.tongban.contracts.error;

import java.util.List;

/**
 * The one exception type the contracts library throws for bad input or failed verification.
 * It always carries at least one {@link Violation}; the first one gives {@link #code()}.
 * Parser and crypto exceptions from libraries never escape this module unwrapped.
 */
public final class ContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public ContractException(List<Violation> violations) {
        super(summary(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ContractException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public ContractException(ErrorCode code, String pointer, String detail) {
        this(List.of(new Violation(code, pointer, detail)));
    }

    public ContractException(ErrorCode code, String detail) {
        this(code, "", detail);
    }

    /** The code of the first (most relevant) violation. */
    public ErrorCode code() {
        return violations.get(0).code();
    }

    public List<Violation> violations() {
        return violations;
    }

    public Problem toProblem() {
        return Problem.of(this);
    }

    private static String summary(List<Violation> violations) {
        if (violations.isEmpty()) {
            return "no violation";
        }
        Violation first = violations.get(0);
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
        return first + more;
    }
}
