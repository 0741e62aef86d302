package org.tongban.gateway.store.jdbc;

import org.tongban.gateway.testing.LocalPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
