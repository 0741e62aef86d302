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
 * measured part in rounds, one after the other, and times each from its release until north has
 * received its last notice; at the end it counts the rows north stored. It prints each round, the
 * median round's notices per second, and writes {@code result.json}.
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
 * Options:
 * <ul>
 * <li>--notices N: notices per measured round, default 100000; --rounds N, default 5;</li>
 * <li>--warmup N: notices of the first warm-up, default 400000 (about 15 s); then more, 200,000 at a
 * time, until the JIT compilers take under --steady-jit percent of the nodes' CPU (default 5) or
 * --warmup-max notices were shared (default 4000000; --warmup-max 0 keeps the warm-up at --warmup);</li>
 * <li>--settle S: at most S seconds, default 60, waiting before each round for the JIT compilers to
 * go quiet;</li>
 * <li>--batch N: notices per signed batch, default 2000; --page N: decisions read per poll, default
 * 2000 (both a node's defaults);</li>
 * <li>--codes counted|scattered: the generated enterprises' credit codes count up (default), so that
 * every index of north takes its keys nearly in order, or are spread in a pseudo-random order as a
 * real feed's are;</li>
 * <li>--store embedded|postgresql: default embedded; PostgreSQL is a local server with fsync on;</li>
 * <li>--heap 768m; --gc Parallel|Serial|G1: the nodes' collector, default Parallel;</li>
 * <li>--dir DIR; --jfr-east FILE / --jfr-north FILE: Flight Recorder profiles.</li>
 * </ul>
 *
 * <p>Besides notices per second it prints the CPU time both node processes used in each round, per
 * notice, and how much of it their JIT compilers took: on a machine shared with other work the
 * wall-clock rate says more about the neighbours than about the gateway, and the CPU figure bounds
 * what the nodes would do with the cores to themselves. On two busy cores the compilers lag far
 * behind the warm-up (code run once per batch of notices reaches its optimizing compilation
 * only after thousands of batches), so the warm-up goes on until they are nearly done and the
 * rounds show the steady state of a node that runs for days; the tool prints each part of the
 * warm-up with the compilers' share, so the cold start is on record too.
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
        int warmupMax = Math.max(warmup, Integer.parseInt(o.getOrDefault("warmup-max", "4000000")));
        double steadyJit = Double.parseDouble(o.getOrDefault("steady-jit", "5")) / 100;
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        // a node's own defaults (sharing.batchSize and sharing.pageSize in defaults.yaml): one signed batch per page
        String batch = o.getOrDefault("batch", "2000");
        String page = o.getOrDefault("page", "2000");
        String storeKind = o.getOrDefault("store", "embedded");
        String heap = o.getOrDefault("heap", "768m");
        String gc = o.getOrDefault("gc", "Parallel");
        String codes = o.getOrDefault("codes", "counted");
        if (!List.of("counted", "scattered").contains(codes)) {
            throw new IllegalArgumentException("--codes: counted or scattered, not " + codes);
        }
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
            platform.putObject("penaltyFeed").put("generate", warmupMax + rounds * measured).put("warmup", warmup)
                    .put("decisionDate", "2026-05-10").put("startFile", go.toString())
                    .put("scattered", codes.equals("scattered"))
                    .putArray("homes").add("230102").add("230103").add("230104");
            FederationPlan plan = new FederationPlan("tongban-sharing-load", false, List.of(
                    new FederationPlan.NodePlan("north", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                            List.of(new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "scripted",
                                    silent())), northStore),
                    new FederationPlan.NodePlan("east", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                            List.of(new FederationPlan.MemberPlan("330100", "杭州市", "national", "scripted", platform)),
                            eastStore)));
            DevFederation.Written written = new DevFederation(dir, plan, Clock.systemUTC()).write();
            List<String> jvm = List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+Use" + gc + "GC");
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
            out.printf("store: %s; heap -Xmx%s per node, %s GC; batches of %s notices, pages of %s; credit codes %s;"
                    + " load before: %s%n", storeKind, heap, gc, batch, page, codes, loadAverage());
            north.start(Duration.ofSeconds(90));
            nodes.add(north);
            east.start(Duration.ofSeconds(90));
            nodes.add(east);
            NodeConfig northConfig = ConfigLoader.load(written.nodeConfigs().get("north"), Map.of());
            // only the counter watched: rendering every metric family at each poll cost north 2% of its CPU
            String metrics = "http://127.0.0.1:" + northConfig.listen().ops().port() + "/metrics?name%5B%5D=" + RECEIVED;

            out.printf("warm-up: %,d notices%n", warmup);
            waitForReceived(metrics, warmup, Duration.ofMinutes(10));
            int extra = warmUpUntilSteady(out, metrics, go, List.of(north, east), warmup, warmupMax - warmup, steadyJit);
            Duration settle = Duration.ofSeconds(Long.parseLong(o.getOrDefault("settle", "60")));
            int cores = Runtime.getRuntime().availableProcessors();
            List<Round> done = new ArrayList<>();
            for (int k = 1; k <= rounds; k++) {
                Thread.sleep(2000); // let both nodes settle: outbox rows marked delivered, GC
                settleCompilers(out, List.of(north, east), settle);
                double eastCpu0 = cpuSeconds(east.pid());
                double northCpu0 = cpuSeconds(north.pid());
                double jit0 = sum(nodes, SharingLoadTool::compilerCpuSeconds);
                long t0 = System.nanoTime();
                Files.writeString(go, String.valueOf(extra + (long) k * measured));
                waitForReceived(metrics, warmup + extra + (long) k * measured, Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Round r = new Round(k, measured, seconds, cpuSeconds(east.pid()) - eastCpu0,
                        cpuSeconds(north.pid()) - northCpu0,
                        sum(nodes, SharingLoadTool::compilerCpuSeconds) - jit0);
                done.add(r);
                out.printf("round %d: %,.0f notices/s (%,d in %.2f s); CPU east %.2f s, north %.2f s = %.1f µs per notice,"
                        + " of which JIT compilers %.1f µs%n", k, r.rate(), measured, seconds, r.eastCpu(), r.northCpu(),
                        r.cpuPerNotice(), r.jit() / measured * 1e6);
            }
            String loadAfter = loadAverage();
            List<Round> byRate = new ArrayList<>(done);
            byRate.sort(java.util.Comparator.comparingDouble(Round::rate));
            Round median = byRate.get(byRate.size() / 2);
            long shared = warmup + extra + (long) rounds * measured;
            long stored = countStored(postgres, dir);
            out.println();
            out.printf("throughput: %,.0f notices/s, the median of %d rounds of %,d (from %,.0f to %,.0f)%n", median.rate(),
                    rounds, measured, byRate.get(0).rate(), byRate.get(byRate.size() - 1).rate());
            out.printf("CPU used in that round: east %.2f s, north %.2f s = %.1f µs per notice; with the %d cores to"
                    + " themselves the nodes would share at most %,.0f notices/s%n", median.eastCpu(), median.northCpu(),
                    median.cpuPerNotice(), cores, cores * 1e6 / median.cpuPerNotice());
            out.printf("notices stored at north: %,d of %,d shared%n", stored, shared);
            out.printf("load average after: %s (this machine has %d cores)%n", loadAfter, cores);
            ObjectNode result = JSON.createObjectNode()
                    .put("store", storeKind).put("heap", heap).put("gc", gc).put("batch", Integer.parseInt(batch))
                    .put("page", Integer.parseInt(page)).put("codes", codes).put("warmup", warmup + extra)
                    .put("notices", measured)
                    .put("noticesPerSecond", Math.round(median.rate()))
                    .put("cpuMicrosPerNotice", Math.round(median.cpuPerNotice() * 10) / 10.0)
                    .put("cpuBoundNoticesPerSecond", Math.round(cores * 1e6 / median.cpuPerNotice()))
                    .put("stored", stored).put("loadAfter", loadAfter);
            com.fasterxml.jackson.databind.node.ArrayNode list = result.putArray("rounds");
            for (Round r : done) {
                list.addObject().put("round", r.number()).put("seconds", Math.round(r.seconds() * 1000) / 1000.0)
                        .put("noticesPerSecond", Math.round(r.rate()))
                        .put("eastCpuSeconds", r.eastCpu()).put("northCpuSeconds", r.northCpu())
                        .put("jitCpuSeconds", r.jit());
            }
            Files.writeString(dir.resolve("result.json"), result.toPrettyString());
            out.println("result written to " + dir.resolve("result.json"));
            if (stored != shared) {
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

    /** One measured round: its notices, wall-clock seconds, CPU seconds of each node and of their JIT compilers. */
    private record Round(int number, int notices, double seconds, double eastCpu, double northCpu, double jit) {
        double rate() {
            return notices / seconds;
        }

        double cpuPerNotice() {
            return (eastCpu + northCpu) / notices * 1e6;
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

    /**
     * Goes on warming up, in parts of 200,000 notices, until the JIT compilers of both nodes took
     * under {@code steadyJit} of the CPU the nodes used for the last part, or {@code most} more
     * notices were shared: a benchmark of a service that runs for days measures its steady state,
     * as JMH does after its warm-up iterations. Returns how many notices beyond {@code warmup} were
     * shared.
     */
    private static int warmUpUntilSteady(PrintStream out, String metrics, Path go, List<NodeProcess> nodes, int warmup,
                                         int most, double steadyJit) throws Exception {
        if (most <= 0) {
            return 0;
        }
        int part = 200_000;
        int extra = 0;
        while (true) {
            int next = Math.min(part, most - extra);
            if (next <= 0) {
                out.printf("warm-up: stopped at %,d notices, the most allowed (--warmup-max)%n", warmup + extra);
                return extra;
            }
            double cpu0 = sum(nodes, SharingLoadTool::cpuSeconds);
            double jit0 = sum(nodes, SharingLoadTool::compilerCpuSeconds);
            extra += next;
            Files.writeString(go, String.valueOf(extra));
            waitForReceived(metrics, warmup + extra, Duration.ofMinutes(10));
            double cpu = sum(nodes, SharingLoadTool::cpuSeconds) - cpu0;
            double jit = sum(nodes, SharingLoadTool::compilerCpuSeconds) - jit0;
            double share = cpu > 0 ? jit / cpu : 0;
            out.printf("warm-up: %,d notices; JIT compilers took %.1f%% of the nodes' CPU in the last %,d%n",
                    warmup + extra, share * 100, next);
            if (share < steadyJit) {
                return extra;
            }
        }
    }

    /** A per-process figure ({@link #cpuSeconds}, {@link #compilerCpuSeconds}) summed over {@code nodes}. */
    private static double sum(List<NodeProcess> nodes, PidFigure figure) throws IOException {
        double total = 0;
        for (NodeProcess n : nodes) {
            total += figure.of(n.pid());
        }
        return total;
    }

    @FunctionalInterface
    private interface PidFigure {
        double of(long pid) throws IOException;
    }

    /**
     * Polls north's metrics until it has received {@code target} notices: every 100 ms (a scrape
     * costs north CPU), and every 5 ms once fewer than two polls' worth of notices are missing, so
     * that a round's end is seen within 5 ms rather than up to 100 ms late.
     */
    private static void waitForReceived(String metrics, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double before = -1;
        boolean close = false;
        while (System.nanoTime() < deadline) {
            double now = received(metrics);
            if (now >= target) {
                return;
            }
            close = close || before >= 0 && target - now < 2 * (now - before);
            before = now;
            Thread.sleep(close ? 5 : 100);
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
        return ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /**
     * Waits until the JIT compilers of the nodes have caught up with the warm-up: on two busy cores
     * the C2 queue lags behind, and code still running in its profiled C1 form, with a compiler
     * thread competing for the cores, is not the steady state of a node that runs for days. Waits
     * until the compiler threads of both nodes used under 2% of a core over a second, or at most
     * {@code limit}.
     */
    private static void settleCompilers(PrintStream out, List<NodeProcess> nodes, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long start = System.nanoTime();
        double busy;
        do {
            double before = sum(nodes, SharingLoadTool::compilerCpuSeconds);
            Thread.sleep(1000);
            busy = sum(nodes, SharingLoadTool::compilerCpuSeconds) - before;
        } while (busy > 0.02 && System.nanoTime() < deadline);
        out.printf("JIT compilers settled after %.0f s (last second: %.0f%% of a core)%n",
                (System.nanoTime() - start) / 1e9, busy * 100);
    }

    /** CPU seconds used by the JIT compiler threads of process {@code pid}. */
    private static double compilerCpuSeconds(long pid) throws IOException {
        double total = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (name.startsWith("C2 CompilerThre") || name.startsWith("C1 CompilerThre")) {
                        total += ticks(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException gone) {
                    // the thread ended while being read
                }
            }
        }
        return total;
    }

    private static double ticks(String stat) {
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
