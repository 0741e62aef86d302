package org.tongban.gateway.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's command line: {@code demo [--data-dir ./data/demo] [--keep] [--base-port N]
 * [--timeout 120s]}.
 *
 * @param dataDir  where the federation's keys, configuration and stores are written
 * @param keep     keep what an earlier run left in {@code dataDir} (default: start afresh)
 * @param basePort 0: every port chosen at run time; otherwise federation ports
 *                 {@code N, N+1, N+2}, office ports {@code N+10…}, ops ports {@code N+20…}
 * @param timeout  how long the stories may take before the demo reports them stalled
 */
public record DemoOptions(Path dataDir, boolean keep, int basePort, Duration timeout) {
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "demo");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    public static DemoOptions parse(String[] args, int from) {
        Path dir = DEFAULT_DATA_DIR;
        boolean keep = false;
        int base = 0;
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = from; i < args.length; i++) {
            switch (args[i]) {
                case "--keep":
                    keep = true;
                    break;
                case "--data-dir":
                    dir = Path.of(value(args, ++i, "--data-dir"));
                    break;
                case "--base-port":
                    base = number(value(args, ++i, "--base-port"), "--base-port");
                    if (base != 0 && (base < 1024 || base > 65000)) {
                        throw new IllegalArgumentException("--base-port is 0 (any free ports) or between 1024 and 65000");
                    }
                    break;
                case "--timeout":
                    String t = value(args, ++i, "--timeout");
                    timeout = Duration.ofSeconds(number(t.endsWith("s") ? t.substring(0, t.length() - 1) : t, "--timeout"));
                    break;
                default:
                    throw new IllegalArgumentException("unknown demo option '" + args[i] + "'");
            }
        }
        return new DemoOptions(dir, keep, base, timeout);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("option " + name + " needs a value");
        }
        return args[i];
    }

    private static int number(String v, String name) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
        }
    }
}
