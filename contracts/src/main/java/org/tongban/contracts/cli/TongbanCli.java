package org.tongban.contracts.cli;

import org.tongban.contracts.error.ContractException;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tongban}: the standalone tool for partners and operators. It keys, canonicalizes,
 * signs and verifies envelopes and the federation directory with exactly the library a node
 * uses, so "valid here" means "valid at the gateway".
 *
 * <p>Exit status: {@link ExitCode#OK 0} done/valid, {@link ExitCode#REJECTED 1} refused (the stable
 * error code on standard error), {@link ExitCode#USAGE 2} wrong command line, {@link ExitCode#IO 3}
 * a file could not be read or written. Every failure is a single line; never a stack trace.
 */
public final class TongbanCli {
    private static final List<Command> COMMANDS = List.of(new KeygenCommand(), new CanonicalizeCommand(),
            new SignCommand(), new VerifyCommand(), new DirectorySignCommand(), new DirectoryVerifyCommand());

    private TongbanCli() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        System.exit(status);
    }

    /** Runs one command line with the given streams and returns the exit status; never throws. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Console console = new Console(in, out, err);
        List<String> words = Arrays.asList(args);
        if (words.isEmpty()) {
            err.print(overview());
            return ExitCode.USAGE;
        }
        if (isHelp(words.get(0)) || words.get(0).equals("help")) {
            out.print(overview());
            return ExitCode.OK;
        }
        Command command = find(words);
        if (command == null) {
            return unknown(words, out, err);
        }
        int nameWords = command.name().split(" ").length;
        List<String> rest = words.subList(nameWords, words.size());
        if (asksForHelp(rest)) {
            out.print(command.usage());
            return ExitCode.OK;
        }
        try {
            Arguments parsed = Arguments.parse(rest, command.valueOptions(), command.flagOptions());
            return command.run(parsed, console);
        } catch (CliFailure f) {
            err.println(f.exitCode() == ExitCode.USAGE ? "tongban " + command.name() + ": " + f.getMessage() : f.getMessage());
            if (f.exitCode() == ExitCode.USAGE) {
                err.print(command.usage());
            }
            return f.exitCode();
        } catch (ContractException e) {
            err.println(CliFailure.describe(e, null));
            return ExitCode.REJECTED;
        } catch (RuntimeException e) {
            // A bug, not bad input: still one line, and "not valid" rather than a false "valid".
            err.println("INTERNAL_ERROR: " + e.getClass().getSimpleName() + ": " + CliFailure.oneLine(e.getMessage()));
            return ExitCode.REJECTED;
        }
    }

    private static Command find(List<String> words) {
        for (Command c : COMMANDS) {
            String[] name = c.name().split(" ");
            if (words.size() >= name.length && Arrays.equals(name, words.subList(0, name.length).toArray())) {
                return c;
            }
        }
        return null;
    }

    private static int unknown(List<String> words, PrintStream out, PrintStream err) {
        if (words.get(0).equals("directory")) {
            if (words.size() > 1 && isHelp(words.get(1))) {
                out.print(group("directory"));
                return ExitCode.OK;
            }
            err.println(words.size() == 1 ? "tongban directory: give sign or verify"
                    : "tongban directory: unknown command '" + words.get(1) + "'");
            err.print(group("directory"));
            return ExitCode.USAGE;
        }
        err.println("tongban: unknown command '" + words.get(0) + "'");
        err.print(overview());
        return ExitCode.USAGE;
    }

    private static boolean isHelp(String word) {
        return word.equals("--help") || word.equals("-h");
    }

    private static boolean asksForHelp(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (isHelp(a)) {
                return true;
            }
        }
        return false;
    }

    private static String overview() {
        StringBuilder sb = new StringBuilder("usage: tongban COMMAND [OPTIONS] (tongban COMMAND --help for details)\n\n");
        for (Command c : COMMANDS) {
            sb.append(String.format("  %-18s %s%n", c.name(), c.summary()));
        }
        sb.append("\nexit status: 0 ok, 1 verification or validation failed (stable code on standard error),\n")
                .append("2 usage error, 3 file could not be read or written\n");
        return sb.toString().replace(System.lineSeparator(), "\n");
    }

    private static String group(String prefix) {
        StringBuilder sb = new StringBuilder("usage: tongban " + prefix + " sign|verify [OPTIONS]\n\n");
        for (Command c : COMMANDS) {
            if (c.name().startsWith(prefix + " ")) {
                sb.append(String.format("  %-18s %s%n", c.name(), c.summary()));
            }
        }
        return sb.toString().replace(System.lineSeparator(), "\n");
    }
}
