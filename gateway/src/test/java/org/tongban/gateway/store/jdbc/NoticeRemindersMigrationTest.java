package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.Tx;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Notices received before migration V014 were found for their reminder (期满提醒) through a partial
 * index over every notice; after it, through one row per message. Notices still to remind are
 * carried over: the due one is reminded once, the later one on its day; the one reminded before,
 * the one that cannot be repaired and the one with a case are not. On both stores, from a database
 * migrated up to V013 with rows in it.
 */
class NoticeRemindersMigrationTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Instant AT = Instant.parse("2026-11-20T01:00:00Z");

    @TempDir
    Path dir;

    private final List<NoticeRecord> batch = withEarliest(SharingStoreContractTest.batch(TestDirectory.HARBIN,
            TestDirectory.TIANJIN, TODAY, 1, 2, 3, 4), TODAY, TODAY.minusDays(2), TODAY.plusDays(3), null);
    private final NoticeRecord single = SharingStoreContractTest.notice(TestDirectory.HARBIN, TestDirectory.HANGZHOU,
            5, TODAY);

    @Test
    void on_the_embedded_store() throws SQLException {
        StoreUpgrade.embedded(dir.resolve("v013.db"), this::migrateToV013AndReceive, this::assertRemindedOnce,
                NoticeRemindersMigrationTest::assertIndexGone);
    }

    @Test
    void on_postgresql() throws SQLException {
        StoreUpgrade.postgres(this::migrateToV013AndReceive, this::assertRemindedOnce,
                NoticeRemindersMigrationTest::assertIndexGone);
    }

    private void assertRemindedOnce(JdbcStore store) {
        assertThat(claim(store, TODAY)).containsExactly(batch.get(0).noticeId());
        assertThat(claim(store, TODAY)).isEmpty();
        assertThat(claim(store, TODAY.plusDays(3))).containsExactly(batch.get(2).noticeId());
        assertThat(claim(store, TODAY.plusDays(300))).isEmpty();
    }

    private static List<String> claim(JdbcStore store, LocalDate today) {
        return store.inTransaction((Tx tx) -> tx.sharing().claimDueReminders(today, AT, 10)).stream()
                .map(NoticeRecord::noticeId).toList();
    }

    private static void assertIndexGone(Connection c, SqlDialect dialect) {
        assertThatThrownBy(() -> c.createStatement().execute("DROP INDEX penalty_notices_remind"))
                .isInstanceOf(SQLException.class);
    }

    /** Applies V001–V013 as the node would have, then stores two received envelopes and their notices as it did. */
    private void migrateToV013AndReceive(Connection c, SqlDialect dialect) throws SQLException {
        Migrations.apply(c, dialect, 13);
        receive(c, batch);
        receive(c, List.of(single));
        try (PreparedStatement ps = c.prepareStatement("UPDATE penalty_notices SET reminded_at = ? WHERE notice_id = ?")) {
            ps.setLong(1, AT.minusSeconds(86_400).toEpochMilli());
            ps.setString(2, batch.get(1).noticeId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE penalty_notices SET case_id = ? WHERE notice_id = ?")) {
            ps.setString(1, org.tongban.contracts.id.Ids.defaults().newCaseId().toString());
            ps.setString(2, single.noticeId());
            ps.executeUpdate();
        }
    }

    private static void receive(Connection c, List<NoticeRecord> notices) throws SQLException {
        StoreUpgrade.insertInbox(c, SharingStoreContractTest.inboxRecord(notices));
        for (NoticeRecord n : notices) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO penalty_notices (notice_id, home_member,"
                    + " penalizing_member, decision_number, credit_code, message_id, leaf_index, received_at,"
                    + " earliest_application, automatic_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Object[] row = {n.noticeId(), n.homeMember().value(), n.penalty().penalizingMember().value(),
                        n.penalty().decisionNumber(), n.enterprise().creditCode().value(), n.messageId().toString(),
                        n.leafIndex(), n.receivedAt().toEpochMilli(),
                        n.earliestApplication() == null ? null : n.earliestApplication().toString(),
                        n.automaticEnd().toString()};
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        ps.setNull(i + 1, i == 6 ? java.sql.Types.INTEGER : java.sql.Types.VARCHAR);
                    } else {
                        ps.setObject(i + 1, row[i]);
                    }
                }
                ps.executeUpdate();
            }
        }
    }

    /** The notices with the earliest application days given, in order. */
    private static List<NoticeRecord> withEarliest(List<NoticeRecord> notices, LocalDate... earliest) {
        List<NoticeRecord> out = new ArrayList<>();
        for (int i = 0; i < notices.size(); i++) {
            NoticeRecord n = notices.get(i);
            out.add(new NoticeRecord(n.noticeId(), n.homeMember(), n.enterprise(), n.penalty(), n.summary(),
                    n.publishedOn(), n.messageId(), n.batchId(), n.leafIndex(), n.receivedAt(), earliest[i],
                    n.automaticEnd(), null, null, null, null));
        }
        return out;
    }
}
