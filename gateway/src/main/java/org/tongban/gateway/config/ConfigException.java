package org.tongban.gateway.config;

import java.util.List;

/**
 * The configuration cannot be used. Each problem names the key (as a dotted path) and says what
 * to do, in words an operator can act on.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super("configuration has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
