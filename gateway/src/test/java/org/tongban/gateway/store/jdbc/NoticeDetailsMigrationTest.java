package org.tongban.gateway.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.Tx;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Notices received before migration V011 kept every detail in their row; after it they are read
 * from the envelopes that carried them, which the inbox already held. A batch's notices and a
 * single notice read back the same as before the upgrade, and the copied columns are gone. On
 * both stores, from a database migrated up to V010 with rows in it.
 */
class NoticeDetailsMigrationTest {
    private static final LocalDate EARLIEST = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;

    private final List<NoticeRecord> batch = SharingStoreContractTest.batch(TestDirectory.HARBIN,
            TestDirectory.TIANJIN, EARLIEST, 1, 2, 3);
    private final NoticeRecord single = SharingStoreContractTest.notice(TestDirectory.HARBIN, TestDirectory.HANGZHOU,
            5, EARLIEST);

    @Test
    void on_the_embedded_store() throws SQLException {
        StoreUpgrade.embedded(dir.resolve("v010.db"), this::migrateToV010AndReceive, this::assertReadAsBefore,
                NoticeDetailsMigrationTest::assertCopiesGone);
    }

    @Test
    void on_postgresql() throws SQLException {
        StoreUpgrade.postgres(this::migrateToV010AndReceive, this::assertReadAsBefore,
                NoticeDetailsMigrationTest::assertCopiesGone);
    }

    private void assertReadAsBefore(JdbcStore store) {
        List<NoticeRecord> all = new ArrayList<>(batch);
        all.add(single);
        assertThat(store.read((Tx tx) -> tx.sharing().listNotices(new NoticeFilter(TestDirectory.HARBIN, null, null,
                null, 10, null)))).containsExactlyElementsOf(all);
        assertThat(store.read((Tx tx) -> tx.sharing().notice(batch.get(1).noticeId()))).contains(batch.get(1));
    }

    private static void assertCopiesGone(Connection c, SqlDialect dialect) {
        assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT enterprise_name FROM penalty_notices"))
                .isInstanceOf(SQLException.class);
    }

    /** Applies V001–V010 as the node would have, then stores two received envelopes and their notices as it did. */
    private void migrateToV010AndReceive(Connection c, SqlDialect dialect) throws SQLException {
        Migrations.apply(c, dialect, 10);
        receive(c, batch);
        receive(c, List.of(single));
    }

    private static void receive(Connection c, List<NoticeRecord> notices) throws SQLException {
        StoreUpgrade.insertInbox(c, SharingStoreContractTest.inboxRecord(notices));
        for (NoticeRecord n : notices) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO penalty_notices (notice_id, home_member,"
                    + " penalizing_member, decision_number, credit_code, enterprise_name, authority, decision_date,"
                    + " category, rule_set, summary, published_on, message_id, batch_id, leaf_index, received_at,"
                    + " earliest_application, automatic_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Object[] row = {n.noticeId(), n.homeMember().value(), n.penalty().penalizingMember().value(),
                        n.penalty().decisionNumber(), n.enterprise().creditCode().value(), n.enterprise().name(),
                        n.penalty().authority(), n.penalty().decisionDate().toString(), n.penalty().category().name(),
                        n.penalty().ruleSet(), n.summary(), n.publishedOn().toString(), n.messageId().toString(),
                        n.batchId(), n.leafIndex(), n.receivedAt().toEpochMilli(), n.earliestApplication().toString(),
                        n.automaticEnd().toString()};
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.executeUpdate();
            }
        }
    }
}
