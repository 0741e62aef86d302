package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.store.Tx;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Penalties shared before migration V010, one row each in {@code shared_penalties}, are carried
 * over into the per-message record: the due one still ends once, with every detail it was shared
 * with; the one already ended stays ended; the one without an automatic end never ends; the later
 * one ends on its day. On both stores, from a database migrated up to V009 with rows in it.
 */
class SharedPenaltiesMigrationTest {
    private static final MemberId HOME = TestDirectory.HARBIN;
    private static final MemberId PENALIZING = TestDirectory.TIANJIN;
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Instant SHARED_AT = Instant.parse("2026-05-11T02:00:00Z");
    private static final Ids IDS = Ids.defaults();
    private static final MessageId FIRST = IDS.newMessageId();
    private static final MessageId SECOND = IDS.newMessageId();

    @TempDir
    Path dir;

    @Test
    void on_the_embedded_store() throws SQLException {
        StoreUpgrade.embedded(dir.resolve("v009.db"), SharedPenaltiesMigrationTest::migrateToV009AndShare,
                SharedPenaltiesMigrationTest::assertCarriedOver, SharedPenaltiesMigrationTest::assertOldTableGone);
    }

    @Test
    void on_postgresql() throws SQLException {
        StoreUpgrade.postgres(SharedPenaltiesMigrationTest::migrateToV009AndShare,
                SharedPenaltiesMigrationTest::assertCarriedOver, SharedPenaltiesMigrationTest::assertOldTableGone);
    }

    private static void assertCarriedOver(JdbcStore store) {
        assertThat(claimAndEnd(store, TODAY.plusDays(2))).containsExactly(expected(1, FIRST, TODAY));
        assertThat(claimAndEnd(store, TODAY.plusDays(2))).isEmpty();
        assertThat(claimAndEnd(store, TODAY.plusDays(3))).containsExactly(expected(4, SECOND, TODAY.plusDays(3)));
        assertThat(claimAndEnd(store, TODAY.plusYears(50))).isEmpty();
    }

    private static void assertOldTableGone(Connection c, SqlDialect dialect) {
        assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT count(*) FROM shared_penalties"))
                .isInstanceOf(SQLException.class);
    }

    private static List<SharedPenaltyRecord> claimAndEnd(JdbcStore store, LocalDate today) {
        return store.inTransaction((Tx tx) -> {
            List<SharedPenaltyRecord> c = tx.sharing().claimAutomaticEnds(today, 10);
            c.forEach(r -> tx.sharing().markAutomaticallyEnded(r.penalty().penalizingMember(),
                    r.penalty().decisionNumber(), Instant.now(), IDS.newMessageId()));
            return c;
        });
    }

    private static SharedPenaltyRecord expected(int serial, MessageId message, LocalDate automaticEnd) {
        String first17 = "91" + HOME.value() + String.format("%09d", serial);
        return new SharedPenaltyRecord(HOME, new Enterprise(CreditCode.of(first17 + CreditCode.checkCharacter(first17)),
                "旧企业\"" + serial), new PenaltyReference("津罚〔2026〕" + serial + "号", "市场监管局",
                PENALIZING, LocalDate.of(2026, 5, 10), PenaltyCategory.GENERAL, "cn-2025"), message, SHARED_AT,
                automaticEnd, null, null);
    }

    /** Applies V001–V009 as the node would have, then shares four penalties in two messages. */
    private static void migrateToV009AndShare(Connection c, SqlDialect dialect) throws SQLException {
        Migrations.apply(c, dialect, 9);
        share(c, 1, FIRST, TODAY, null);
        share(c, 2, FIRST, TODAY, Instant.parse("2026-11-19T01:00:00Z"));
        share(c, 3, FIRST, null, null);
        share(c, 4, SECOND, TODAY.plusDays(3), null);
    }

    private static void share(Connection c, int serial, MessageId message, LocalDate automaticEnd, Instant endedAt)
            throws SQLException {
        SharedPenaltyRecord r = expected(serial, message, automaticEnd);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shared_penalties (penalizing_member,"
                + " decision_number, home_member, credit_code, enterprise_name, authority, decision_date, category,"
                + " rule_set, message_id, shared_at, automatic_end, ended_at, end_message_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, PENALIZING.value());
            ps.setString(2, r.penalty().decisionNumber());
            ps.setString(3, HOME.value());
            ps.setString(4, r.enterprise().creditCode().value());
            ps.setString(5, r.enterprise().name());
            ps.setString(6, r.penalty().authority());
            ps.setString(7, r.penalty().decisionDate().toString());
            ps.setString(8, r.penalty().category().name());
            ps.setString(9, r.penalty().ruleSet());
            ps.setString(10, message.toString());
            ps.setLong(11, SHARED_AT.toEpochMilli());
            ps.setString(12, automaticEnd == null ? null : automaticEnd.toString());
            if (endedAt == null) {
                ps.setNull(13, java.sql.Types.BIGINT);
            } else {
                ps.setLong(13, endedAt.toEpochMilli());
            }
            ps.setString(14, endedAt == null ? null : IDS.newMessageId().toString());
            ps.executeUpdate();
        }
    }
}
