package org.tongban.gateway.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.StoreException;
import org.tongban.gateway.store.Tx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@link Store} on JDBC: SQLite in a file for the zero-setup embedded store, PostgreSQL for
 * production. One SQL, two {@link SqlDialect}s, one schema history ({@link Migrations}).
 */
public final class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    /**
     * Page size of a new embedded store file: 16 KB rather than SQLite's 4 KB. The store keeps
     * large envelopes (a batch of 2,000 notices is about 650 KB), which take a quarter as many
     * overflow pages, and every commit writes a quarter as many log frames for them; index leaves
     * hold four times as many keys, so a tree is shallower. Alternated with 4 KB pages on the
     * sharing benchmark, the two nodes used about a tenth less CPU per notice, with credit codes
     * counted up as well as scattered.
     */
    static final int PAGE_SIZE = 16_384;
    /** Size of the write-ahead log at which a committing connection checkpoints it. */
    private static final int CHECKPOINT_BYTES = 16 << 20;

    private final HikariDataSource pool;
    private final SqlDialect dialect;

    private JdbcStore(HikariDataSource pool, SqlDialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /**
     * The embedded store in one SQLite file (write-ahead log, full synchronous commits, so a
     * committed transaction survives a killed process and a power cut).
     */
    public static JdbcStore embedded(Path file, int poolSize) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the directory of " + file, e);
        }
        int pageSize = useWriteAheadLog(file);
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("tongban-embedded");
        cfg.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        cfg.setMaximumPoolSize(Math.max(2, poolSize));
        cfg.setAutoCommit(true);
        // SQLite serialises writers; IMMEDIATE takes the write lock at BEGIN so that two
        // transactions never deadlock on a lock upgrade, and busy_timeout makes the second wait.
        // The file is in write-ahead-log mode already (useWriteAheadLog), and keeps it.
        cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        cfg.addDataSourceProperty("synchronous", "FULL");
        cfg.addDataSourceProperty("busy_timeout", "30000");
        cfg.addDataSourceProperty("foreign_keys", "true");
        // A committing connection copies the log back into the database once it holds 16 MB (1,000
        // pages of a file made now, 4,000 of one made with 4 KB pages), not SQLite's 1,000 pages of
        // 4 KB: each checkpoint writes the pages that every commit changes (the last leaf of each
        // index, the tables' tails) once for four times as many commits. The log stays bounded; a
        // restart replays at most that much.
        cfg.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + Math.max(1, CHECKPOINT_BYTES / pageSize));
        return open(cfg, SqlDialect.SQLITE);
    }

    /**
     * Puts the database file in write-ahead-log mode before connections that ask for it are
     * opened, with pages of {@link #PAGE_SIZE} when it is new (an existing file keeps its own), and
     * returns the file's page size. Switching needs the file to itself: when two processes start on
     * a new file at once, SQLite answers one of them {@code SQLITE_BUSY} at once (a lock upgrade it
     * will not wait for), and the busy timeout does not help. The mode is kept in the file, so this switches
     * once and later is a read; a busy answer is retried for up to 30 seconds.
     */
    static int useWriteAheadLog(Path file) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Properties props = new Properties();
        props.setProperty("busy_timeout", "30000");
        while (true) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
                 Statement st = c.createStatement()) {
                st.execute("PRAGMA page_size = " + PAGE_SIZE); // takes effect on a new file only
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (rs.next() && "wal".equalsIgnoreCase(rs.getString(1))) {
                        return pageSize(st);
                    }
                }
                throw new StoreException("SQLite refused write-ahead-log mode for " + file, null);
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != 5 || System.nanoTime() > deadline) { // 5: SQLITE_BUSY
                    throw new StoreException("cannot open the embedded store " + file + ": " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(10 + ThreadLocalRandom.current().nextInt(40));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while opening the embedded store " + file, interrupted);
                }
            }
        }
    }

    private static int pageSize(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** PostgreSQL (or a compatible server) at a JDBC URL. */
    public static JdbcStore postgres(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("tongban-postgresql");
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setAutoCommit(true);
        // The audit chain and the outbox claim rely on READ COMMITTED: a SELECT ... FOR UPDATE that
        // waited for another transaction then sees its commit. Under a server or database default of
        // REPEATABLE READ or SERIALIZABLE it fails with a serialization error instead, so pin it.
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.addDataSourceProperty("ApplicationName", "tongban");
        return open(cfg, SqlDialect.POSTGRESQL);
    }

    private static JdbcStore open(HikariConfig cfg, SqlDialect dialect) {
        cfg.setInitializationFailTimeout(30_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the " + dialect.name().toLowerCase() + " store at " + cfg.getJdbcUrl()
                    + ": " + rootMessage(e), e);
        }
        try (Connection c = ds.getConnection()) {
            int applied = Migrations.apply(c, dialect);
            LOG.info("store {} ready ({} migration(s) applied now)", cfg.getJdbcUrl(), applied);
        } catch (SQLException e) {
            ds.close();
            throw new StoreException("cannot migrate the store: " + e.getMessage(), e);
        }
        return new JdbcStore(ds, dialect);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public <T> T inTransaction(Function<Tx, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return run(work, false);
            } catch (StoreException e) {
                // PostgreSQL aborts one of two deadlocked or conflicting transactions; the work is
                // repeatable (it only reads and writes this store), so run it again.
                if (attempt >= 3 || !isRetryable(e)) {
                    throw e;
                }
                LOG.debug("retrying a transaction after {}", e.getMessage());
            }
        }
    }

    private static boolean isRetryable(StoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if ("40001".equals(state) || "40P01".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        return run(work, true);
    }

    private <T> T run(Function<Tx, T> work, boolean readOnly) {
        try (Connection c = pool.getConnection()) {
            if (readOnly && dialect == SqlDialect.SQLITE) {
                // reads need no write lock; autocommit reads see the last committed state
                SqlTx tx = new SqlTx(c, dialect);
                T result = work.apply(tx);
                tx.flushDeferred();
                return result;
            }
            c.setAutoCommit(false);
            try {
                SqlTx tx = new SqlTx(c, dialect);
                T result = work.apply(tx);
                tx.flushDeferred();
                c.commit();
                runAfterCommit(tx);
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("store failure: " + e.getMessage(), e);
        }
    }

    private static void runAfterCommit(SqlTx tx) {
        for (Runnable r : tx.committed()) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("an after-commit action failed; what it would have sped up happens at the next poll", e);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String kind() {
        return dialect == SqlDialect.SQLITE ? "embedded" : "postgresql";
    }

    @Override
    public boolean isHealthy() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String rootMessage(Throwable t) {
        Throwable e = t;
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
