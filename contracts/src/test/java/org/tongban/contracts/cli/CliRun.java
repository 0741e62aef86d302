package org.tongban.contracts.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** One in-process run of {@link TongbanCli#run}, with what it printed. */
record CliRun(int exit, byte[] stdoutBytes, String stderr) {

    static CliRun of(String... args) {
        return withInput(new byte[0], args);
    }

    static CliRun withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TongbanCli.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CliRun run = new CliRun(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        if (exit == ExitCode.REJECTED || exit == ExitCode.IO) {
            // a failure is one clear line on standard error, never a stack trace, and nothing else
            assertThat(run.stderr()).as("stderr of exit %d", exit).endsWith("\n");
            assertThat(run.stderr().strip()).as("one line").doesNotContain("\n").doesNotContain("Exception");
            assertThat(run.stdoutBytes()).as("stdout of a failure").isEmpty();
        }
        return run;
    }

    String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** The stable code at the start of the error line. */
    String code() {
        int colon = stderr.indexOf(':');
        return colon < 0 ? "" : stderr.substring(0, colon);
    }
}
