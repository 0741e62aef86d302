package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.gateway.store.AuditEntry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing the embedded store acknowledged is lost when the process dies: a child JVM commits
 * transactions to a SQLite file and prints each id after its commit returns; it is killed with
 * SIGKILL mid-stream, several times over the same file, and every printed id must be there when
 * the file is opened again.
 */
class EmbeddedStoreDurabilityIT {
    private static final String COMMITTED = "committed ";
    private static final String MEMBER = "230100";

    @TempDir
    Path dir;

    @Test
    void a_killed_process_loses_no_committed_transaction() throws Exception {
        Path file = dir.resolve("node.db");
        Set<Integer> acknowledged = new HashSet<>();
        int next = 0;
        for (int killAfter : List.of(40, 150, 7, 300)) {
            List<Integer> printed = runAndKill(file, next, killAfter);
            assertThat(printed).as("the child got going; its stderr:%n%s", childErrors(next))
                    .hasSizeGreaterThanOrEqualTo(killAfter);
            acknowledged.addAll(printed);

            Set<Integer> stored = storedIds(file);
            assertThat(stored).as("every acknowledged commit survived SIGKILL").containsAll(acknowledged);
            assertThat(integrityCheck(file)).isEqualTo("ok");
            // the last transaction may have committed without being acknowledged: carry on after it
            next = stored.stream().max(Integer::compare).orElseThrow() + 1;
        }

        try (JdbcStore reopened = JdbcStore.embedded(file, 2)) {
            List<AuditEntry> log = reopened.read(tx -> tx.auditLog(0, 100_000));
            assertThat(log).hasSize(storedIds(file).size());
            String prev = "0".repeat(64);
            for (AuditEntry e : log) {
                assertThat(e.prevHash()).isEqualTo(prev);
                prev = e.hash();
            }
        }
    }

    /** Starts a child committing ids from {@code first}, kills it once it printed {@code killAfter}. */
    private List<Integer> runAndKill(Path file, int first, int killAfter) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), file.toString(), Integer.toString(first))
                .redirectError(errorFile(first).toFile());
        Process child = pb.start();
        // a child that hangs without printing must not hang the build
        CompletableFuture.runAsync(child::destroyForcibly, CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS));
        List<Integer> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(COMMITTED)) {
                    printed.add(Integer.parseInt(line.substring(COMMITTED.length()).trim()));
                    if (printed.size() == killAfter) {
                        // SIGKILL, no shutdown hooks, no close; through the handle, because
                        // Process.destroyForcibly also closes the pipe we still read from
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        return printed;
    }

    private Path errorFile(int first) {
        return dir.resolve("child-" + first + ".err");
    }

    private String childErrors(int first) throws IOException {
        List<String> lines = Files.readAllLines(errorFile(first));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Set<Integer> storedIds(Path file) throws SQLException {
        Set<Integer> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT event_id FROM platform_events")) {
            while (rs.next()) {
                ids.add(Integer.parseInt(rs.getString(1).substring("evt-".length())));
            }
        }
        return ids;
    }

    private static String integrityCheck(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The child: commits one platform event and one audit line per transaction, forever. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            Path file = Path.of(args[0]);
            int first = Integer.parseInt(args[1]);
            try (JdbcStore store = JdbcStore.embedded(file, 2)) {
                for (int i = first; i < first + 1_000_000; i++) {
                    int id = i;
                    store.inTransaction(tx -> {
                        tx.recordPlatformEvent(org.tongban.contracts.id.MemberId.of(MEMBER), "evt-" + id, null, Instant.now());
                        return tx.audit(Instant.now(), "node:test", MEMBER, "durability.commit", "evt-" + id, null);
                    });
                    System.out.println(COMMITTED + id);
                    System.out.flush();
                }
            }
        }
    }
}
