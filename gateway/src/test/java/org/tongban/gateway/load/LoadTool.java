package org.tongban.gateway.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Receipt;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.testing.FreePorts;
import org.tongban.gateway.testing.LocalPostgres;
import org.tongban.gateway.testing.NodeProcess;
import org.tongban.gateway.tls.NodeTls;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The project's load tool for the federation API. It sets up a two-node federation on this
 * machine: node {@code east} runs as its own JVM (heap capped, PostgreSQL or embedded store) and
 * hosts Hangzhou; the tool itself is node {@code north} (its TLS identity, Harbin's signing key).
 * It pre-signs RepairApplications, sends them over mutual TLS with a fixed number in flight,
 * checks receipts, and prints throughput and latency percentiles of accept → verify → store →
 * receipt at east.
 *
 * <pre>
 * mvn -B -q -pl gateway test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.tongban.gateway.load.LoadTool -Dexec.args="--messages 60000 --concurrency 64"
 * </pre>
 * Options: --messages N (measured), --warmup N, --concurrency N, --store postgresql|embedded,
 * --heap 512m, --gc Parallel|G1 (east's collector, default Parallel), --verify-every N (receipts whose signature is checked), --dir DIR, --jfr FILE (profile east),
 * --east-opts "JVM OPTIONS" (extra options for east, e.g. a profiler agent).
 */
public final class LoadTool {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int measured = Integer.parseInt(o.getOrDefault("messages", "60000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10000"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "64"));
        String storeKind = o.getOrDefault("store", "postgresql");
        String heap = o.getOrDefault("heap", "512m");
        int verifyEvery = Integer.parseInt(o.getOrDefault("verify-every", "20"));
        Path dir = Path.of(o.getOrDefault("dir", "target/load")).toAbsolutePath();
        PrintStream out = System.out;

        deleteRecursively(dir);
        Files.createDirectories(dir);
        LocalPostgres postgres = "postgresql".equals(storeKind) ? LocalPostgres.durable() : null;
        NodeProcess east = null;
        Vertx vertx = Vertx.vertx();
        try {
            ObjectNode store = null;
            if (postgres != null) {
                store = JSON.createObjectNode().put("kind", "postgresql").put("url", postgres.jdbcUrl())
                        .put("user", LocalPostgres.USER).put("poolSize", 8);
            }
            ObjectNode silent = JSON.createObjectNode();
            silent.putArray("steps");
            FederationPlan plan = new FederationPlan("tongban-load", false, List.of(
                    new FederationPlan.NodePlan("north", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                            List.of(new FederationPlan.MemberPlan("230100", "哈尔滨市", "national", "scripted", silent)), null),
                    new FederationPlan.NodePlan("east", "127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                            List.of(new FederationPlan.MemberPlan("330100", "杭州市", "national", "scripted", silent)), store)));
            DevFederation.Written written = new DevFederation(dir, plan, Clock.systemUTC()).write();
            out.printf("store: %s%s; east heap -Xmx%s; %d in flight%n", storeKind,
                    postgres == null ? "" : " (local PostgreSQL, fsync on, port " + postgres.port() + ")", heap, concurrency);

            east = new NodeProcess("east", written.nodeConfigs().get("east"), dir,
                    List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+Use" + o.getOrDefault("gc", "Parallel") + "GC"));
            east.env("TONGBAN_LIMITS_REPLAY_WINDOW", "1d");
            // the platform here is in-process and instant: let its lane run as wide as the inbound traffic
            east.env("TONGBAN_OUTBOX_PER_DESTINATION_CONCURRENCY", o.getOrDefault("platform-concurrency", "64"));
            if (o.containsKey("east-opts")) {
                east.env("JAVA_TOOL_OPTIONS", o.get("east-opts"));
            }
            if (o.containsKey("jfr")) {
                // a Flight Recorder profile of east, for finding where the time goes
                east.env("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + Path.of(o.get("jfr")).toAbsolutePath()
                        + ",settings=profile");
            }
            east.start(Duration.ofSeconds(90));
            NodeConfig eastConfig = ConfigLoader.load(written.nodeConfigs().get("east"), Map.of());
            String url = "https://127.0.0.1:" + eastConfig.listen().federation().port() + "/federation/v1/messages";

            KeyFile anchorKey = KeyFile.parse(Files.readAllBytes(written.anchor()));
            TrustAnchor anchor = new TrustAnchor(anchorKey.keyId(), anchorKey.publicKey(), anchorKey.validFrom(),
                    anchorKey.validUntil());
            DirectoryHolder directory = new DirectoryHolder(written.directory(), anchor, Clock.systemUTC());
            NodeConfig northConfig = ConfigLoader.load(written.nodeConfigs().get("north"), Map.of());
            NodeTls tls = NodeTls.load(northConfig.tls(), directory);
            WebClient client = WebClient.create(vertx, tls.client(new WebClientOptions().setKeepAlive(true)),
                    new PoolOptions().setHttp1MaxSize(concurrency));

            KeyFile harbin = KeyFile.parse(Files.readAllBytes(dir.resolve("keys/230100.json")));
            int total = warmup + measured;
            out.printf("signing %,d RepairApplications as Harbin (%s)…%n", total, harbin.keyId());
            byte[][] bodies = sign(harbin, total);

            out.printf("warm-up: %,d messages%n", warmup);
            Run w = new Run(client, url, bodies, 0, warmup, concurrency, verifyEvery, directory).start();
            w.done.join();
            out.printf("measuring: %,d messages%n", measured);
            Run m = new Run(client, url, bodies, warmup, measured, concurrency, verifyEvery, directory).start();
            Result r = m.done.join();

            out.println();
            out.printf("throughput: %,.0f messages/s (%,d in %.2f s)%n", r.throughput(), measured, r.seconds());
            out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", r.percentile(50), r.percentile(90),
                    r.percentile(99), r.percentile(99.9), r.percentile(100));
            out.printf("refused: %d, receipts verified: %d (every %dth, all valid)%n", r.failures, r.verified, verifyEvery);
            if (!r.failureCodes.isEmpty()) {
                out.println("failures by code: " + r.failureCodes);
            }
            if (postgres != null) {
                out.printf("inbox rows at east: %,d of %,d sent%n", count(postgres, "SELECT count(*) FROM inbox"), total);
                out.println("store work per message (PostgreSQL statistics since start, per message sent):");
                tableActivity(postgres, total).forEach(line -> out.println("  " + line));
            }
            String metrics = scrape(vertx, eastConfig.listen().ops().port());
            out.printf("east heap used now: %.0f MB of max %.0f MB; GC pause total %.2f s%n",
                    sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"") / 1e6,
                    sum(metrics, "jvm_memory_max_bytes", "area=\"heap\"") / 1e6,
                    sum(metrics, "jvm_gc_pause_seconds_sum", ""));
            Files.writeString(dir.resolve("result.json"), JSON.createObjectNode()
                    .put("store", storeKind).put("heap", heap).put("concurrency", concurrency).put("messages", measured)
                    .put("throughputPerSecond", Math.round(r.throughput())).put("p50Millis", r.percentile(50))
                    .put("p99Millis", r.percentile(99)).put("maxMillis", r.percentile(100)).put("refused", r.failures)
                    .toPrettyString());
            out.println("result written to " + dir.resolve("result.json"));
            if (r.failures > 0) {
                System.exit(1);
            }
        } finally {
            if (east != null) {
                east.stop();
            }
            vertx.close().toCompletionStage().toCompletableFuture().join();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static byte[][] sign(KeyFile key, int n) {
        Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());
        EnvelopeSigner signer = new EnvelopeSigner(key.signer());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        byte[][] out = new byte[n][];
        var app = SampleMessages.repairApplication();
        Arrays.parallelSetAll(out, i -> signer.sign(Envelope.unsigned(ids.newMessageId(), ids.newCaseId(), ids.newLegId(),
                MemberId.of("230100"), MemberId.of("330100"), now, now.plusDays(1), null, app)).canonicalBytes());
        return out;
    }

    /** One timed run: a fixed number of requests in flight until all are answered. */
    private static final class Run {
        final WebClient client;
        final String url;
        final byte[][] bodies;
        final int from;
        final int count;
        final int concurrency;
        final int verifyEvery;
        final DirectoryHolder directory;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicLongArray latency;
        final CompletableFuture<Result> done = new CompletableFuture<>();
        final Map<String, Integer> failureCodes = new TreeMap<>();
        int failures;
        int verified;
        long start;

        Run(WebClient client, String url, byte[][] bodies, int from, int count, int concurrency, int verifyEvery,
            DirectoryHolder directory) {
            this.client = client;
            this.url = url;
            this.bodies = bodies;
            this.from = from;
            this.count = count;
            this.concurrency = concurrency;
            this.verifyEvery = verifyEvery;
            this.directory = directory;
            this.latency = new AtomicLongArray(count);
        }

        Run start() {
            start = System.nanoTime();
            for (int i = 0; i < Math.min(concurrency, count); i++) {
                sendNext();
            }
            return this;
        }

        private void sendNext() {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            byte[] body = bodies[from + i];
            long t0 = System.nanoTime();
            client.postAbs(url).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body))
                    .onComplete(ar -> {
                        latency.set(i, System.nanoTime() - t0);
                        check(ar.succeeded() ? ar.result() : null, ar.cause(), body, i);
                        if (finished.incrementAndGet() == count) {
                            long elapsed = System.nanoTime() - start;
                            long[] l = new long[count];
                            for (int k = 0; k < count; k++) {
                                l[k] = latency.get(k);
                            }
                            done.complete(new Result(count, elapsed, l, failures, verified, failureCodes));
                        } else {
                            sendNext();
                        }
                    });
        }

        private synchronized void check(HttpResponse<Buffer> r, Throwable error, byte[] sent, int i) {
            if (r == null || r.statusCode() != 200) {
                failures++;
                String code = r == null ? String.valueOf(error) : r.statusCode() + " " + r.bodyAsString();
                failureCodes.merge(code.length() > 120 ? code.substring(0, 120) : code, 1, Integer::sum);
                return;
            }
            if (i % verifyEvery == 0) {
                VerifiedEnvelope v = new EnvelopeVerifier(directory.trustStore(), Clock.systemUTC())
                        .verify(r.body().getBytes());
                Receipt receipt = (Receipt) v.envelope().payload();
                if (!receipt.receivedSha256().equals(Digests.sha256Hex(sent))) {
                    failures++;
                    failureCodes.merge("receipt names other bytes", 1, Integer::sum);
                    return;
                }
                verified++;
            }
        }
    }

    private record Result(int count, long nanos, long[] latencies, int failures, int verified,
                          Map<String, Integer> failureCodes) {
        Result {
            Arrays.sort(latencies);
        }

        double seconds() {
            return nanos / 1e9;
        }

        double throughput() {
            return count / seconds();
        }

        double percentile(double p) {
            int idx = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, idx))] / 1e6;
        }
    }

    /** Rows inserted, updated and deleted, and scans, per table and per message, from pg_stat_user_tables. */
    private static List<String> tableActivity(LocalPostgres pg, long messages) throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        String sql = "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, seq_scan, seq_tup_read, idx_scan"
                + " FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del + seq_scan + coalesce(idx_scan, 0) > 0"
                + " ORDER BY relname";
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, null)) {
            c.createStatement().execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    lines.add(String.format("%-22s insert %.2f  update %.2f  delete %.2f  seq scans %.3f (rows read %.1f)"
                                    + "  index scans %.2f", rs.getString(1), rs.getLong(2) / (double) messages,
                            rs.getLong(3) / (double) messages, rs.getLong(4) / (double) messages,
                            rs.getLong(5) / (double) messages, rs.getLong(6) / (double) messages,
                            rs.getLong(7) / (double) messages));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT xact_commit, xact_rollback FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                rs.next();
                lines.add(String.format("transactions: %.3f commits and %.3f rollbacks per message (group commit: %.1f"
                                + " messages per transaction)", rs.getLong(1) / (double) messages,
                        rs.getLong(2) / (double) messages, messages / (double) Math.max(1, rs.getLong(1))));
            }
        }
        // with -Dtongban.pg.settings=shared_preload_libraries=pg_stat_statements: the statements that cost most
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, null)) {
            c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT sum(calls), sum(total_exec_time),"
                    + " sum(total_plan_time), sum(plans), sum(wal_bytes) FROM pg_stat_statements")) {
                rs.next();
                lines.add(String.format("all statements: %.2f calls/msg, %.1f µs/msg executing, %.1f µs/msg planning"
                                + " (%.2f plans/msg), %.0f WAL bytes/msg", rs.getDouble(1) / messages,
                        rs.getDouble(2) * 1000 / messages, rs.getDouble(3) * 1000 / messages, rs.getDouble(4) / messages,
                        rs.getDouble(5) / messages));
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT calls, total_exec_time, query, wal_bytes FROM pg_stat_statements"
                    + " ORDER BY total_exec_time DESC LIMIT 15")) {
                while (rs.next()) {
                    String q = rs.getString(3).replaceAll("\\s+", " ");
                    lines.add(String.format("%6.2f calls/msg %7.1f µs/msg %7.0f WAL bytes/msg  %s", rs.getLong(1) / (double) messages,
                            rs.getDouble(2) * 1000 / messages, rs.getDouble(4) / messages,
                            q.length() > 150 ? q.substring(0, 150) + "…" : q));
                }
            }
        } catch (java.sql.SQLException e) {
            lines.add("(statement statistics: start with -Dtongban.pg.settings=shared_preload_libraries=pg_stat_statements)");
        }
        return lines;
    }

    private static long count(LocalPostgres pg, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, null);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String scrape(Vertx vertx, int opsPort) {
        Promise<String> p = Promise.promise();
        WebClient.create(vertx).get(opsPort, "127.0.0.1", "/metrics").send()
                .onComplete(ar -> p.complete(ar.succeeded() ? ar.result().bodyAsString() : ""));
        return p.future().toCompletionStage().toCompletableFuture().join();
    }

    private static double sum(String metrics, String name, String labelPart) {
        double s = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelPart)) {
                s += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return s;
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

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}
