package org.tongban.contracts.bench;

/**
 * Runs JMH with arguments given as one string (what Maven can pass), e.g.
 * {@code -Djmh.args="EnvelopeBenchmark.verify -p algorithm=Ed25519 -f 1"}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String joined = String.join(" ", args).trim();
        org.openjdk.jmh.Main.main(joined.isEmpty() ? new String[0] : joined.split("\\s+"));
    }
}
