package org.tongban.adapters.declarative;

import org.tongban.adapters.spi.AdapterConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a mapping file, each problem under the key it concerns (e.g.
 * {@code endpoints.apply.url}), so that all of them are reported at once when the node starts.
 */
final class Problems {
    private final List<String> problems = new ArrayList<>();

    void add(String key, String problem) {
        problems.add(key + ": " + problem);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> list() {
        return List.copyOf(problems);
    }

    /** Fails with every problem, naming the mapping file and the setting that chose it. */
    void throwIfAny(String mappingSource) {
        if (!problems.isEmpty()) {
            throw new AdapterConfigException("mapping: " + mappingSource + " is not a valid mapping ("
                    + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "): "
                    + String.join("; ", problems));
        }
    }
}
