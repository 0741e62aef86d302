package org.tongban.contracts.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options and operands of one subcommand, parsed by hand: {@code --name value},
 * {@code --name=value}, flags, operands, {@code -} for standard input and {@code --} to end the
 * options. Anything not declared by the subcommand is a usage error.
 */
final class Arguments {
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> operands;

    private Arguments(Map<String, String> values, Set<String> flags, List<String> operands) {
        this.values = values;
        this.flags = flags;
        this.operands = operands;
    }

    /** Parses {@code args}, knowing which options take a value and which are flags. */
    static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                if (!optionsEnded && arg.startsWith("-") && !arg.equals("-")) {
                    throw CliFailure.usage("unknown option " + arg);
                }
                operands.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (flagOptions.contains(name)) {
                if (eq >= 0) {
                    throw CliFailure.usage(name + " takes no value");
                }
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw CliFailure.usage(name + " needs a value");
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw CliFailure.usage(name + " is given twice");
                }
            } else {
                throw CliFailure.usage("unknown option " + name);
            }
        }
        return new Arguments(values, flags, operands);
    }

    String option(String name) {
        return values.get(name);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw CliFailure.usage(name + " is required");
        }
        return v;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The single operand, usually the input file or {@code -}. */
    String singleOperand(String what) {
        if (operands.size() != 1) {
            throw CliFailure.usage(operands.isEmpty() ? "give " + what : "give one " + what + ", not " + operands.size());
        }
        return operands.get(0);
    }
}
