package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tongban.gateway.testing.LocalPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The penalty-sharing store contract on PostgreSQL, where the claims really run side by side
 * (FOR UPDATE SKIP LOCKED): one local server and one migrated database for the class, its sharing
 * tables emptied before each test.
 */
class PostgresSharingStoreTest extends SharingStoreContractTest {
    private static LocalPostgres server;
    private static String url;

    @BeforeAll
    static void startServer() {
        server = LocalPostgres.forUnitTests();
        url = server.createDatabase("sharing");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected JdbcStore openEmptyStore() {
        JdbcStore s = JdbcStore.postgres(url, LocalPostgres.USER, "", 8);
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, ""); Statement st = c.createStatement()) {
            st.execute("TRUNCATE penalty_notices, shared_messages, shared_penalty_states, penalty_feed_positions");
        } catch (SQLException e) {
            s.close();
            throw new IllegalStateException("cannot empty the sharing tables: " + e.getMessage(), e);
        }
        return s;
    }
}
