package org.tongban.contracts.cli;

import java.util.Set;

/** One subcommand of {@link TongbanCli}. */
interface Command {
    /** The words that select it, e.g. {@code verify} or {@code directory verify}. */
    String name();

    /** One line for the overview. */
    String summary();

    /** The full usage text printed by {@code --help}. */
    String usage();

    /** Options that take a value, e.g. {@code --key}. */
    Set<String> valueOptions();

    /** Options that stand alone, e.g. {@code --public}. */
    default Set<String> flagOptions() {
        return Set.of();
    }

    /** Runs with parsed arguments; fails by throwing {@link CliFailure} or a contract exception. */
    int run(Arguments args, Console console);
}
