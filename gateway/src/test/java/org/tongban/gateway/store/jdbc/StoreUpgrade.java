package org.tongban.gateway.store.jdbc;

import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.testing.LocalPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * An upgrade checked on a store with rows in it: a database is brought to an earlier migration and
 * filled on a plain connection ({@code before}), opened as a store, which applies the later
 * migrations ({@code after}), and looked at on a plain connection again ({@code then}).
 */
final class StoreUpgrade {
    /** Work on a plain JDBC connection and the store's dialect. */
    @FunctionalInterface
    interface SqlWork {
        void run(Connection c, SqlDialect dialect) throws SQLException;
    }

    private StoreUpgrade() {
    }

    static void embedded(Path file, SqlWork before, Consumer<JdbcStore> after, SqlWork then) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            before.run(c, SqlDialect.SQLITE);
        }
        try (JdbcStore store = JdbcStore.embedded(file, 2)) {
            after.accept(store);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            then.run(c, SqlDialect.SQLITE);
        }
    }

    /** Inserts inbox row {@code r} with the columns the inbox has had since V001, as a node of any version stored it. */
    static void insertInbox(Connection c, InboxRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox (message_id, from_member, to_member,"
                + " message_type, sha256, envelope, receipt, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.messageId().toString());
            ps.setString(2, r.from().value());
            ps.setString(3, r.to().value());
            ps.setString(4, r.type().wireName());
            ps.setString(5, r.sha256());
            ps.setString(6, r.envelope().text());
            ps.setString(7, r.receipt());
            ps.setLong(8, r.receivedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    static void postgres(SqlWork before, Consumer<JdbcStore> after, SqlWork then) throws SQLException {
        try (LocalPostgres server = LocalPostgres.forUnitTests()) {
            String url = server.createDatabase("upgrade");
            try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, "")) {
                before.run(c, SqlDialect.POSTGRESQL);
            }
            try (JdbcStore store = JdbcStore.postgres(url, LocalPostgres.USER, "", 2)) {
                after.accept(store);
            }
            try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, "")) {
                then.run(c, SqlDialect.POSTGRESQL);
            }
        }
    }
}
