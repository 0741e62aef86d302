package org.tongban.gateway.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;
import org.tongban.gateway.testing.FreePorts;
import org.tongban.gateway.testing.LocalPostgres;
import org.tongban.gateway.testing.NodeProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark of penalty sharing (信息共享) end to end, between two gateway nodes running as their own
 * JVMs on this machine over mutual TLS: node {@code east} hosts Hangzhou, whose (scripted) platform
 * publishes a feed of penalty decisions on Harbin firms; node {@code north} hosts Harbin. Each
 * decision is read by east's feed poller, routed by credit code, put in a {@code PenaltyNoticeBatch}
 * with a hash tree, signed once per batch, stored in east's outbox with the feed position, sent;
 * north verifies the batch signature and every notice against the signed root, stores the
 * envelope and one row per notice with its publicity dates, and answers with a signed receipt that
 * east checks. The tool warms both nodes up with a first part of the feed, then releases the
 * measured part and times from its release until north has received the last notice, and counts
 * the rows north stored. It prints notices per second and writes {@code result.json}.
 *
 * <pre>
 * # with the modules installed (mvn -B -q install -DskipTests), as for the other load tool:
 * mvn -B -q -pl gateway test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.tongban.gateway.load.SharingLoadTool -Dexec.args="--notices 100000"
 *
 * # or straight from the reactor's classes, without installing anything:
 * mvn -B -q -pl gateway -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp "$PWD/gateway/target/test-classes:$PWD/gateway/target/classes:$(cat gateway/target/test.classpath)" \
 *     org.tongban.gateway.load.SharingLoadTool --notices 100000
 * </pre>
 * Options: --notices N (measured, default 100000), --warmup N (default 400000, about 15 s: the JIT
 * compilers of both nodes are still busy after 100,000, and then take a fifth of the measured CPU;
 * a longer warm-up changes the figure little more), --batch N (notices per signed batch, default 500), --page N (decisions
 * read per poll, default 5000), --store embedded|postgresql (default embedded; PostgreSQL is a local
 * server with fsync on), --heap 768m, --dir DIR, --jfr-east FILE / --jfr-north FILE (Flight
 * Recorder profiles).
 *
 * <p>Besides notices per second it prints the CPU time both node processes used while measuring, per
 * notice: on a machine shared with other work the wall-clock rate says more about the neighbours
 * than about the gateway, and the CPU figure bounds what the nodes would do with the cores to
 * themselves.
 */
public final class SharingLoadTool {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RECEIVED = "tongban_penalty_notices_received_total";

    private SharingLoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int measured = Integer.parseInt(o.getOrDefault("notices", "100000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "400000"));
        String batch = o.getOrDefault("batch", "500");
        String page = o.getOrDefault("page", "5000");
        String storeKind = o.getOrDefault("store", "embedded");
        String heap = o.getOrDefault("heap", "768m");
        Path dir = Path.of(o.getOrDefault("dir", "target/sharing-load")).toAbsolutePath();
        PrintStream out = System.out;

        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path go = dir.resolve("go");
        LocalPostgres postgres = "postgresql".equals(storeKind) ? LocalPostgres.durable() : null;
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            ObjectNode northStore = null;
            ObjectNode eastStore = null;
            if (postgres != null) {
                northStore = pgStore(postgres.createDatabase("north"));
                eastStore = pgStore(postgres.createDatabase("east"));
            }
            ObjectNode platform = JSON.createObjectNode();
            platform.putArray("steps");
            platform.putObject("penaltyFeed").put("generate", warmup + measured).put("warmup", warmup)
                    .put("decisionDate", "2026-05-10").put("startFile", go.toString())
                    .putArray("homes").add("230102").add("230103").add("230104");
            FederationPlan plan = new FederationPlan("tongban-sharing-load", false, List.of(
                    new FederationPlan.NodePlan("north", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                            List.of(new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "scripted",
                                    silent())), northStore),
                    new FederationPlan.NodePlan("east", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                            List.of(new FederationPlan.MemberPlan("330100", "杭州市", "national", "scripted", platform)),
                            eastStore)));
            DevFederation.Written written = new DevFederation(dir, plan, Clock.systemUTC()).write();
            List<String> jvm = List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseParallelGC");
            NodeProcess north = new NodeProcess("north", written.nodeConfigs().get("north"), dir, jvm);
            NodeProcess east = new NodeProcess("east", written.nodeConfigs().get("east"), dir, jvm);
            for (NodeProcess n : List.of(north, east)) {
                n.env("TONGBAN_SHARING_BATCH_SIZE", batch).env("TONGBAN_SHARING_PAGE_SIZE", page)
                        .env("TONGBAN_SHARING_POLL_EVERY", "20ms").env("TONGBAN_SHARING_JOBS_EVERY", "1h");
            }
            if (o.containsKey("jfr-east")) {
                east.env("JAVA_TOOL_OPTIONS", jfr(o.get("jfr-east")));
            }
            if (o.containsKey("jfr-north")) {
                north.env("JAVA_TOOL_OPTIONS", jfr(o.get("jfr-north")));
            }
            out.printf("store: %s; heap -Xmx%s per node; batches of %s notices, pages of %s; load before: %s%n", storeKind,
                    heap, batch, page, loadAverage());
            north.start(Duration.ofSeconds(90));
            nodes.add(north);
            east.start(Duration.ofSeconds(90));
            nodes.add(east);
            NodeConfig northConfig = ConfigLoader.load(written.nodeConfigs().get("north"), Map.of());
            String metrics = "http://127.0.0.1:" + northConfig.listen().ops().port() + "/metrics";

            out.printf("warm-up: %,d notices%n", warmup);
            waitForReceived(metrics, warmup, Duration.ofMinutes(10));
            Thread.sleep(2000); // let both nodes settle: outbox rows marked delivered, GC

            out.printf("measuring: %,d notices%n", measured);
            double eastCpu0 = cpuSeconds(east.pid());
            double northCpu0 = cpuSeconds(north.pid());
            long t0 = System.nanoTime();
            Files.writeString(go, "go");
            waitForReceived(metrics, warmup + measured, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double eastCpu = cpuSeconds(east.pid()) - eastCpu0;
            double northCpu = cpuSeconds(north.pid()) - northCpu0;
            double rate = measured / seconds;
            String loadAfter = loadAverage();
            double cpuPerNotice = (eastCpu + northCpu) / measured * 1e6;
            int cores = Runtime.getRuntime().availableProcessors();

            long stored = countStored(postgres, dir);
            out.println();
            out.printf("throughput: %,.0f notices/s (%,d notices in %.2f s)%n", rate, measured, seconds);
            out.printf("CPU used: east %.2f s, north %.2f s = %.1f µs per notice; with the %d cores to themselves the"
                    + " nodes would share at most %,.0f notices/s%n", eastCpu, northCpu, cpuPerNotice, cores,
                    cores * 1e6 / cpuPerNotice);
            out.printf("notices stored at north: %,d of %,d shared%n", stored, warmup + measured);
            out.printf("load average after: %s (this machine has %d cores)%n", loadAfter,
                    Runtime.getRuntime().availableProcessors());
            Files.writeString(dir.resolve("result.json"), JSON.createObjectNode()
                    .put("store", storeKind).put("heap", heap).put("batch", Integer.parseInt(batch))
                    .put("page", Integer.parseInt(page)).put("notices", measured)
                    .put("seconds", Math.round(seconds * 1000) / 1000.0)
                    .put("noticesPerSecond", Math.round(rate)).put("cpuMicrosPerNotice", Math.round(cpuPerNotice * 10) / 10.0)
                    .put("eastCpuSeconds", eastCpu).put("northCpuSeconds", northCpu)
                    .put("cpuBoundNoticesPerSecond", Math.round(cores * 1e6 / cpuPerNotice))
                    .put("stored", stored).put("loadAfter", loadAfter)
                    .toPrettyString());
            out.println("result written to " + dir.resolve("result.json"));
            if (stored != warmup + measured) {
                System.exit(1);
            }
        } finally {
            for (NodeProcess n : nodes) {
                n.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static ObjectNode silent() {
        ObjectNode s = JSON.createObjectNode();
        s.putArray("steps");
        return s;
    }

    private static ObjectNode pgStore(String url) {
        return JSON.createObjectNode().put("kind", "postgresql").put("url", url).put("user", LocalPostgres.USER)
                .put("poolSize", 8);
    }

    private static String jfr(String file) {
        return "-XX:StartFlightRecording=filename=" + Path.of(file).toAbsolutePath() + ",settings=profile";
    }

    /** Polls north's metrics until it has received {@code target} notices. */
    private static void waitForReceived(String metrics, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (received(metrics) >= target) {
                return;
            }
            Thread.sleep(100); // a scrape costs north CPU: not too often
        }
        throw new IllegalStateException("north did not receive " + target + " notices within " + timeout
                + " (received " + received(metrics) + ")");
    }

    private static double received(String metrics) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(metrics)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(RECEIVED + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static long countStored(LocalPostgres postgres, Path dir) throws Exception {
        String sql = "SELECT count(*) FROM penalty_notices";
        String url = postgres != null ? postgres.jdbcUrl("north")
                : "jdbc:sqlite:" + dir.resolve("data").resolve("north").resolve("tongban.db");
        try (Connection c = postgres != null ? DriverManager.getConnection(url, LocalPostgres.USER, null)
                : DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** User plus system CPU seconds a process has used, from {@code /proc/<pid>/stat} (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state(0) ... utime(11) stime(12)
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
