package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.gateway.store.AuditEntry;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.message.SlaClock;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.SlaTimer;
import org.tongban.ops.sla.ClockLimit;
import org.tongban.ops.sla.ClockRun;
import org.tongban.ops.sla.SlaLimit;
import org.tongban.gateway.testing.LocalPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tongban.gateway.store.jdbc.StoreFixtures.PEER;
import static org.tongban.gateway.store.jdbc.StoreFixtures.T0;
import static org.tongban.gateway.store.jdbc.StoreFixtures.legId;
import static org.tongban.gateway.store.jdbc.StoreFixtures.outbox;

/**
 * The store contract on PostgreSQL: one local server for the class. Tests share one migrated
 * database, emptied before each (a new database costs a checkpoint, ten times a truncation);
 * migration tests get new databases of their own.
 */
class PostgresStoreTest extends StoreContractTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres server;
    private static Database shared;
    private static final List<String> TABLES = new ArrayList<>();
    private static final List<String> SEEDED = new ArrayList<>();

    @BeforeAll
    static void startServer() throws SQLException {
        server = LocalPostgres.forUnitTests();
        shared = database(server.jdbcUrl());
        shared.open().close();
        // remember what the migrations seeded (the audit chain's head), to put it back after each truncation
        try (Connection c = shared.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'schema_history' ORDER BY tablename")) {
                while (rs.next()) {
                    TABLES.add(rs.getString(1));
                }
            }
            st.execute("CREATE SCHEMA seed");
            for (String table : TABLES) {
                st.execute("CREATE TABLE seed." + table + " AS SELECT * FROM public." + table);
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM seed." + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        SEEDED.add(table);
                    }
                }
            }
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Database newDatabase() {
        return database(server.createDatabase("contract_" + DATABASES.incrementAndGet()));
    }

    @Override
    protected Database cleanDatabase() {
        try (Connection c = shared.connect(); Statement st = c.createStatement()) {
            // a test that left a transaction open must fail here, not hang the suite
            st.execute("SET lock_timeout = '10s'");
            st.execute("TRUNCATE " + String.join(", ", TABLES) + " RESTART IDENTITY CASCADE");
            for (String table : SEEDED) {
                st.execute("INSERT INTO public." + table + " SELECT * FROM seed." + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the shared test database: " + e.getMessage(), e);
        }
        return shared;
    }

    /** What only PostgreSQL does, or must survive: rows locked by one node, server defaults. */
    @Nested
    class OnPostgres {
        @Test
        void a_claimer_skips_messages_another_claimer_holds_instead_of_waiting() throws Exception {
            long held = store.inTransaction(tx -> tx.enqueue(outbox(PEER, legId(), T0)));
            long free = store.inTransaction(tx -> tx.enqueue(outbox(PEER, legId(), T0)));
            CountDownLatch claimed = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try {
                Future<List<OutboxRecord>> first = inThread(() -> store.inTransaction(tx -> {
                    List<OutboxRecord> mine = tx.claim("node-a", T0, Duration.ofSeconds(30), 1, List.of());
                    claimed.countDown();
                    awaitUninterruptibly(release);
                    return mine;
                }));
                assertThat(claimed.await(10, SECONDS)).isTrue();

                // node-a has not committed: the row it holds is skipped, not waited for
                List<OutboxRecord> second = store.inTransaction(tx ->
                        tx.claim("node-b", T0, Duration.ofSeconds(30), 10, List.of()));
                assertThat(second).extracting(OutboxRecord::seq).containsExactly(free);

                release.countDown();
                assertThat(first.get(10, SECONDS)).extracting(OutboxRecord::seq).containsExactly(held);
            } finally {
                release.countDown();
            }
        }

        @Test
        void a_timer_claimer_skips_timers_another_claimer_holds_instead_of_waiting() throws Exception {
            LegId held = legId();
            LegId free = legId();
            store.inTransaction(tx -> {
                for (LegId leg : List.of(held, free)) {
                    tx.insertSlaTimer(new SlaTimer(leg, StoreFixtures.caseId(), StoreFixtures.HOME, StoreFixtures.PENALIZING,
                            ClockRun.start("national", new ClockLimit(SlaClock.DECISION, new SlaLimit.WorkingDays(3), true),
                                    T0), T0.minusSeconds(held == leg ? 20 : 10), null, null, null, T0));
                }
                return null;
            });
            CountDownLatch claimed = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try {
                Future<List<SlaTimer>> first = inThread(() -> store.inTransaction(tx -> {
                    List<SlaTimer> mine = tx.claimSlaTimers("node-a", T0, Duration.ofSeconds(30), 1);
                    claimed.countDown();
                    awaitUninterruptibly(release);
                    return mine;
                }));
                assertThat(claimed.await(10, SECONDS)).isTrue();

                // node-a has not committed its claim: the row it holds is skipped, not waited for
                List<SlaTimer> second = store.inTransaction(tx -> tx.claimSlaTimers("node-b", T0, Duration.ofSeconds(30), 10));
                assertThat(second).extracting(SlaTimer::legId).containsExactly(free);

                release.countDown();
                assertThat(first.get(10, SECONDS)).extracting(SlaTimer::legId).containsExactly(held);
            } finally {
                release.countDown();
            }
        }

        @Test
        void audits_keep_one_chain_when_the_database_defaults_to_serializable() throws Exception {
            Database strict = newDatabase();
            try (Connection c = strict.connect(); Statement st = c.createStatement()) {
                st.execute("ALTER DATABASE " + c.getCatalog() + " SET default_transaction_isolation = 'serializable'");
            }
            try (JdbcStore strictStore = strict.open()) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    writers.add(inThread(() -> {
                        start.await();
                        for (int i = 0; i < 25; i++) {
                            strictStore.inTransaction(tx -> tx.audit(T0, "clerk:x", null, "case.view", null, null));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : writers) {
                    f.get(60, SECONDS);
                }
                List<AuditEntry> log = strictStore.read(tx -> tx.auditLog(0, 1000));
                assertThat(log).hasSize(100);
                assertUnbrokenChain(log);
            }
        }
    }

    private static Database database(String url) {
        return new Database() {
            @Override
            public JdbcStore open() {
                return JdbcStore.postgres(url, LocalPostgres.USER, "", 8);
            }

            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(url, LocalPostgres.USER, "");
            }
        };
    }

    @Override
    protected String expectedKind() {
        return "postgresql";
    }

    /** The waiting backend shows up in {@code pg_stat_activity} with a lock wait event. */
    @Override
    protected void awaitBlockedOnLock(Database db, Future<?> waiter) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
            await().atMost(10, SECONDS).until(() -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            });
        }
    }
}
