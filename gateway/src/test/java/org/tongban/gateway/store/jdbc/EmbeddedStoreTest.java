package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract on the embedded store: a SQLite file in a temporary directory. */
class EmbeddedStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected Database newDatabase() {
        Path file = dir.resolve("store-" + databases.incrementAndGet() + ".db");
        return new Database() {
            @Override
            public JdbcStore open() {
                return JdbcStore.embedded(file, 4);
            }

            @Override
            public Connection connect() throws SQLException {
                JdbcStore.useWriteAheadLog(file); // as a node does before its pool opens
                SQLiteConfig cfg = new SQLiteConfig();
                cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
                cfg.setBusyTimeout(30_000);
                return DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
            }
        };
    }

    @Override
    protected String expectedKind() {
        return "embedded";
    }

    /**
     * A message sent from here keeps its envelope apart from its outbox row (migration V009), so
     * that leasing it and marking it delivered rewrite only the small row. Reads still give the
     * whole envelope, at every step.
     */
    @Test
    void a_sent_envelope_is_kept_apart_from_its_outbox_row_at_every_step() throws SQLException {
        org.tongban.contracts.id.LegId leg = StoreFixtures.legId();
        org.tongban.gateway.store.OutboxRecord r = StoreFixtures.outbox(PEER_DESTINATION, leg, StoreFixtures.T0);
        long seq = store.inTransaction(tx -> tx.enqueueLater(r, new org.tongban.gateway.store.Tx.Lease("node-a",
                StoreFixtures.T0.plusSeconds(60))).seq());

        assertThat(rowAndKept(seq)).containsExactly(null, r.envelope().text());
        assertThat(store.read(tx -> tx.outbox(seq)).orElseThrow().envelope()).isEqualTo(r.envelope());

        boolean delivered = store.inTransaction(tx -> tx.markDelivered(seq, "node-a", StoreFixtures.T0, "{\"receipt\":1}"));
        assertThat(delivered).isTrue();
        assertThat(rowAndKept(seq)).containsExactly(null, r.envelope().text());
        assertThat(store.read(tx -> tx.outbox(seq)).orElseThrow().envelope()).isEqualTo(r.envelope());
    }

    /** A message queued twice for one destination has one row, and one kept envelope: none for the number left unused. */
    @Test
    void a_message_queued_twice_keeps_one_envelope() throws SQLException {
        org.tongban.gateway.store.OutboxRecord r = StoreFixtures.outbox(PEER_DESTINATION, StoreFixtures.legId(),
                StoreFixtures.T0);
        store.inTransaction(tx -> tx.enqueueLater(r, null));
        store.inTransaction(tx -> tx.enqueueLater(r, null));
        long later = store.inTransaction(tx -> tx.enqueue(StoreFixtures.outbox(PEER_DESTINATION, StoreFixtures.legId(),
                StoreFixtures.T0)));

        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM outbox_envelopes),"
                     + " (SELECT COUNT(*) FROM outbox_envelopes e WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.seq = e.seq))")) {
            assertThat(rs.next()).isTrue();
            assertThat(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).containsExactly(2, 2, 0);
        }
        assertThat(rowAndKept(later)).containsExactly(null, "{\"type\":\"RepairApplication\"}");
    }

    private static final String PEER_DESTINATION = StoreFixtures.PEER;

    /** Envelopes bound as UTF-8 bytes are stored as TEXT values, not as BLOBs, in the inbox and kept apart from the outbox. */
    @Test
    void envelopes_bound_as_bytes_are_text_values() throws SQLException {
        org.tongban.contracts.id.LegId leg = StoreFixtures.legId();
        org.tongban.gateway.store.CanonicalJson json = org.tongban.gateway.store.CanonicalJson.ofUtf8(
                "{\"名称\":\"生成企业\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.tongban.gateway.store.OutboxRecord r = StoreFixtures.outbox(PEER_DESTINATION, leg, StoreFixtures.T0);
        store.inTransaction(tx -> {
            tx.insertInbox(new org.tongban.gateway.store.InboxRecord(StoreFixtures.messageId(), r.to(), r.to(),
                    r.type(), null, null, "0".repeat(64), json, "{}", StoreFixtures.T0));
            return tx.enqueueLater(new org.tongban.gateway.store.OutboxRecord(0, r.messageId(), r.destination(),
                    r.orderingKey(), r.type(), r.to(), null, null, json, r.status(), 0, r.nextAttemptAt(), r.createdAt(),
                    null, null, null, null), null);
        });
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT GROUP_CONCAT(DISTINCT typeof(envelope)) FROM inbox),"
                     + " (SELECT GROUP_CONCAT(DISTINCT typeof(envelope)) FROM outbox_envelopes),"
                     + " (SELECT envelope FROM inbox)")) {
            assertThat(rs.next()).isTrue();
            assertThat(java.util.List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .containsExactly("text", "text", "{\"名称\":\"生成企业\"}");
        }
    }

    /**
     * The write-ahead log is copied back into the database at 16 MB, whatever the file's page size:
     * about 24 MB committed in small transactions, with no reader holding the log, leave a log of
     * more than 6 MB (SQLite's default of 1,000 pages restarts it at 4 MB with 4 KB pages) and at
     * most 16 MB and a transaction (it would be 24 MB if it were never checkpointed, or
     * checkpointed at 4,000 pages of 16 KB).
     */
    @Test
    void the_log_is_checkpointed_at_sixteen_megabytes() throws Exception {
        Path file = dir.resolve("checkpoint.db");
        assertLogCheckpointedAtSixteenMegabytes(file);
    }

    @Test
    void a_new_file_has_pages_of_sixteen_kilobytes() throws Exception {
        Path file = dir.resolve("new.db");
        try (JdbcStore embedded = JdbcStore.embedded(file, 2)) {
            assertThat(embedded.kind()).isEqualTo("embedded");
        }
        assertThat(pageSize(file)).isEqualTo(16_384);
    }

    /** A file made before stores used 16 KB pages keeps its 4 KB pages, works, and checkpoints at 16 MB too. */
    @Test
    void a_file_made_with_four_kilobyte_pages_keeps_them() throws Exception {
        Path file = dir.resolve("older.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size = 4096");
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE made_before (x INTEGER)");
        }
        assertLogCheckpointedAtSixteenMegabytes(file);
        assertThat(pageSize(file)).isEqualTo(4096);
    }

    private void assertLogCheckpointedAtSixteenMegabytes(Path file) throws java.io.IOException {
        String big = "{\"pad\":\"" + "x".repeat(300_000) + "\"}";
        try (JdbcStore embedded = JdbcStore.embedded(file, 2)) {
            for (int i = 0; i < 80; i++) {
                embedded.inTransaction(tx -> tx.insertInbox(new org.tongban.gateway.store.InboxRecord(
                        StoreFixtures.messageId(), org.tongban.contracts.id.MemberId.of("330100"),
                        org.tongban.contracts.id.MemberId.of("230100"),
                        org.tongban.contracts.message.MessageType.ACCEPTANCE, null, null, "0".repeat(64),
                        org.tongban.gateway.store.CanonicalJson.of(big), "{}", StoreFixtures.T0)));
            }
            long wal = java.nio.file.Files.size(file.resolveSibling(file.getFileName() + "-wal"));
            assertThat(wal).isGreaterThan(6L << 20).isLessThan((16L << 20) + 1_000_000);
        }
    }

    private static int pageSize(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA page_size")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The outbox row's own envelope column and the envelope kept apart for it. */
    private java.util.List<String> rowAndKept(long seq) throws SQLException {
        try (Connection c = db.connect(); var ps = c.prepareStatement("SELECT o.envelope, e.envelope FROM outbox o"
                + " LEFT JOIN outbox_envelopes e ON e.seq = o.seq WHERE o.seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return java.util.Arrays.asList(rs.getString(1), rs.getString(2));
            }
        }
    }

    /**
     * Two stores opening one new file at once both open it, in write-ahead-log mode, with its
     * migrations applied once. Many fresh files, because the two have to meet inside a short
     * window; raw connections racing on the switch to WAL got SQLITE_BUSY at once (the contract
     * test's two migrating connections now switch first, as a store does).
     */
    @Test
    void two_stores_opening_one_new_file_at_once_both_open() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 40; i++) {
                Path file = dir.resolve("race-" + i + ".db");
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.List<Future<String>> opened = new java.util.ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    opened.add(pool.submit(() -> {
                        together.await();
                        try (JdbcStore store = JdbcStore.embedded(file, 2)) {
                            return store.kind();
                        }
                    }));
                }
                for (Future<String> f : opened) {
                    assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("embedded");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keeps_the_file_in_write_ahead_log_mode() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    /**
     * SQLite locks the whole file for a writer and shows no lock table to look at, so the proof is
     * weaker here: the second transaction is still waiting well after it started.
     */
    @Override
    protected void awaitBlockedOnLock(Database db, Future<?> waiter) {
        assertThatThrownBy(() -> waiter.get(300, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }
}
