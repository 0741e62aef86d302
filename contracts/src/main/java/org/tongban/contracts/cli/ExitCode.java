package org.tongban.contracts.cli;

/** Exit statuses of {@link TongbanCli}, stable for scripts. */
public final class ExitCode {
    /** The command did what was asked; for {@code verify}, the input is valid. */
    public static final int OK = 0;
    /** Verification or validation failed; the stable error code is on standard error. */
    public static final int REJECTED = 1;
    /** The command line was wrong; the usage is on standard error. */
    public static final int USAGE = 2;
    /** A file could not be read or written. */
    public static final int IO = 3;

    private ExitCode() {
    }
}
