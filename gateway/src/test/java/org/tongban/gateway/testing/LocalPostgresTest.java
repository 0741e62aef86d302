package org.tongban.gateway.testing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPostgresTest {
    @ParameterizedTest
    @EnumSource(LocalPostgres.Durability.class)
    void serves_a_database_with_the_chosen_durability_and_leaves_nothing_behind(LocalPostgres.Durability durability)
            throws SQLException {
        Path data;
        long pid;
        try (LocalPostgres pg = new LocalPostgres(durability, LocalPostgres.DEFAULT_MAX_CONNECTIONS)) {
            data = pg.logFile().getParent();
            pid = pg.pid();
            String fsync = durability == LocalPostgres.Durability.DURABLE ? "on" : "off";
            assertThat(setting(pg.jdbcUrl(), "current_database()")).isEqualTo(LocalPostgres.DATABASE);
            assertThat(setting(pg.jdbcUrl(), "current_setting('fsync')")).isEqualTo(fsync);
            assertThat(setting(pg.jdbcUrl(), "current_setting('synchronous_commit')")).isEqualTo(fsync);
            assertThat(setting(pg.jdbcUrl(), "current_setting('max_connections')")).isEqualTo("200");
            assertThat(setting(pg.createDatabase("second"), "current_database()")).isEqualTo("second");
            assertThat(Files.exists(pg.logFile())).isTrue();
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("server process").isEmpty();
        assertThat(Files.exists(data)).as("data directory").isFalse();
    }

    private static String setting(String url, String expression) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
