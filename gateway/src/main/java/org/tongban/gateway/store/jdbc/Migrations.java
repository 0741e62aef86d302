package org.tongban.gateway.store.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.crypto.Digests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One schema history for both stores: numbered SQL files under
 * {@code org/tongban/gateway/store/migrations/} ({@code V001__initial.sql}, …) listed in
 * {@code index.txt}, rendered per {@link SqlDialect}, applied in order, recorded in
 * {@code schema_history} with a checksum. A changed migration that was already applied stops
 * the node: history is never rewritten. On PostgreSQL an advisory lock keeps two starting
 * processes from migrating at once.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String ROOT = "/org/tongban/gateway/store/migrations/";
    private static final long PG_LOCK = 0x7467_6d69_6772_6174L;

    private Migrations() {
    }

    public record Migration(int version, String name, String sql, String checksum) {
    }

    public static List<Migration> available() {
        List<Migration> out = new ArrayList<>();
        for (String file : read("index.txt").split("\\R")) {
            String f = file.trim();
            if (f.isEmpty() || f.startsWith("#")) {
                continue;
            }
            int version = Integer.parseInt(f.substring(1, f.indexOf("__")));
            String sql = read(f);
            out.add(new Migration(version, f, sql, Digests.sha256Hex(sql.getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    /** Brings the schema up to date; returns how many migrations were applied. */
    public static int apply(Connection c, SqlDialect dialect) throws SQLException {
        return apply(c, dialect, Integer.MAX_VALUE);
    }

    /** Applies the migrations up to version {@code upTo} (a database as an older node left it, for tests of a migration). */
    static int apply(Connection c, SqlDialect dialect, int upTo) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            if (dialect == SqlDialect.POSTGRESQL) {
                st.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK + ")");
            }
            st.execute("CREATE TABLE IF NOT EXISTS schema_history (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
            java.util.Map<Integer, String> applied = new java.util.HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_history")) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
            int count = 0;
            for (Migration m : available()) {
                if (m.version() > upTo) {
                    break;
                }
                String done = applied.get(m.version());
                if (done != null) {
                    if (!done.equals(m.checksum())) {
                        throw new SQLException("migration " + m.name() + " was changed after it was applied;"
                                + " add a new migration instead of editing an applied one");
                    }
                    continue;
                }
                for (String statement : statements(dialect.render(m.sql()))) {
                    st.execute(statement);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_history (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.name());
                    ps.setString(3, m.checksum());
                    ps.setLong(4, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                LOG.info("applied migration {}", m.name());
                count++;
            }
            c.commit();
            return count;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Splits a script on semicolons at line ends; migrations keep one statement per such split. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().trim();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (current.toString().trim().length() > 0) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
