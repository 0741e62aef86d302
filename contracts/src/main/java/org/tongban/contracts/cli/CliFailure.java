package org.tongban.contracts.cli;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.Violation;

/**
 * Ends a command with an exit status and the one line that explains it. Thrown by commands and
 * turned into output by {@link TongbanCli} only, so that no failure prints a stack trace.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliFailure(int exitCode, String line) {
        super(line, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliFailure usage(String line) {
        return new CliFailure(ExitCode.USAGE, line);
    }

    static CliFailure io(String line) {
        return new CliFailure(ExitCode.IO, line);
    }

    /** A refusal: {@code CODE: detail (at /pointer in source)}, one line. */
    static CliFailure rejected(ContractException e, String source) {
        return new CliFailure(ExitCode.REJECTED, describe(e, source));
    }

    static String describe(ContractException e, String source) {
        Violation first = e.violations().get(0);
        StringBuilder line = new StringBuilder(first.code().name()).append(": ").append(oneLine(first.detail()));
        String where = first.pointer().isEmpty() ? "" : "at " + first.pointer();
        if (source != null) {
            where = where.isEmpty() ? "in " + source : where + " in " + source;
        }
        if (!where.isEmpty()) {
            line.append(" (").append(where).append(')');
        }
        if (e.violations().size() > 1) {
            line.append(" and ").append(e.violations().size() - 1).append(" more");
        }
        return line.toString();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
