package org.tongban.gateway.store.jdbc;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.store.SharingTx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link SharingTx} on the connection and deferred writes of one {@link SqlTx}. */
final class SqlSharing implements SharingTx {
    private static final String NOTICE_COLUMNS = "notice_id, home_member, penalizing_member, decision_number, credit_code,"
            + " enterprise_name, authority, decision_date, category, rule_set, summary, published_on, message_id, batch_id,"
            + " leaf_index, received_at, earliest_application, automatic_end, reminded_at, ended_on, end_cause, case_id";
    private static final String INSERT_NOTICE = "INSERT INTO penalty_notices (notice_id, home_member, penalizing_member,"
            + " decision_number, credit_code, enterprise_name, authority, decision_date, category, rule_set, summary,"
            + " published_on, message_id, batch_id, leaf_index, received_at, earliest_application, automatic_end)"
            // the cast types a NULL leaf index, which PostgreSQL would otherwise take for text in a multi-row insert
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, ?, ?)"
            + " ON CONFLICT (penalizing_member, decision_number) DO NOTHING";
    private static final String SHARED_COLUMNS = "penalizing_member, decision_number, home_member, credit_code,"
            + " enterprise_name, authority, decision_date, category, rule_set, message_id, shared_at, automatic_end,"
            + " ended_at, end_message_id";
    private static final String INSERT_SHARED = "INSERT INTO shared_penalties (penalizing_member, decision_number,"
            + " home_member, credit_code, enterprise_name, authority, decision_date, category, rule_set, message_id,"
            + " shared_at, automatic_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (penalizing_member, decision_number) DO NOTHING";

    private final SqlTx tx;
    private final SqlDialect dialect;

    SqlSharing(SqlTx tx, SqlDialect dialect) {
        this.tx = tx;
        this.dialect = dialect;
    }

    // ---- penalizing side ------------------------------------------------------------------------

    @Override
    public Optional<String> penaltyFeedPosition(MemberId member) {
        return tx.one("SELECT cursor FROM penalty_feed_positions WHERE member = ?", rs -> rs.getString(1), member.value());
    }

    @Override
    public boolean advancePenaltyFeed(MemberId member, String expected, String next, Instant at) {
        if (expected == null) {
            // a concurrent first insert waits for this one and then inserts nothing
            return tx.update("INSERT INTO penalty_feed_positions (member, cursor, updated_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (member) DO NOTHING", member.value(), next, at.toEpochMilli()) == 1;
        }
        return tx.update("UPDATE penalty_feed_positions SET cursor = ?, updated_at = ? WHERE member = ? AND cursor = ?",
                next, at.toEpochMilli(), member.value(), expected) == 1;
    }

    @Override
    public void recordSharedLater(List<SharedPenaltyRecord> records) {
        for (SharedPenaltyRecord r : records) {
            PenaltyReference p = r.penalty();
            tx.defer("shared_penalties", INSERT_SHARED, p.penalizingMember().value(), p.decisionNumber(),
                    r.homeMember().value(), r.enterprise().creditCode().value(), r.enterprise().name(), p.authority(),
                    p.decisionDate().toString(), p.category().name(), p.ruleSet(), r.messageId().toString(),
                    r.sharedAt().toEpochMilli(), text(r.automaticEnd()));
        }
    }

    @Override
    public List<SharedPenaltyRecord> claimAutomaticEnds(LocalDate today, int limit) {
        return tx.list("SELECT " + SHARED_COLUMNS + " FROM shared_penalties WHERE ended_at IS NULL AND automatic_end <= ?"
                + " ORDER BY automatic_end, penalizing_member, decision_number LIMIT ?" + dialect.skipLocked(),
                SqlSharing::sharedRow, today.toString(), limit);
    }

    @Override
    public void markAutomaticallyEnded(MemberId penalizingMember, String decisionNumber, Instant at, MessageId endMessageId) {
        tx.update("UPDATE shared_penalties SET ended_at = ?, end_message_id = ? WHERE penalizing_member = ?"
                + " AND decision_number = ? AND ended_at IS NULL", at.toEpochMilli(), text(endMessageId),
                penalizingMember.value(), decisionNumber);
    }

    private static SharedPenaltyRecord sharedRow(ResultSet rs) throws SQLException {
        PenaltyReference penalty = new PenaltyReference(rs.getString("decision_number"), rs.getString("authority"),
                MemberId.of(rs.getString("penalizing_member")), LocalDate.parse(rs.getString("decision_date")),
                PenaltyCategory.valueOf(rs.getString("category")), rs.getString("rule_set"));
        long ended = rs.getLong("ended_at");
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
        String endMessage = rs.getString("end_message_id");
        return new SharedPenaltyRecord(MemberId.of(rs.getString("home_member")),
                new Enterprise(CreditCode.of(rs.getString("credit_code")), rs.getString("enterprise_name")), penalty,
                MessageId.parse(rs.getString("message_id")), Instant.ofEpochMilli(rs.getLong("shared_at")),
                date(rs.getString("automatic_end")), endedAt, endMessage == null ? null : MessageId.parse(endMessage));
    }

    // ---- home side --------------------------------------------------------------------------------

    @Override
    public void insertNoticesLater(List<NoticeRecord> notices) {
        for (NoticeRecord n : notices) {
            PenaltyReference p = n.penalty();
            tx.defer("penalty_notices", INSERT_NOTICE, n.noticeId(), n.homeMember().value(), p.penalizingMember().value(),
                    p.decisionNumber(), n.enterprise().creditCode().value(), n.enterprise().name(), p.authority(),
                    p.decisionDate().toString(), p.category().name(), p.ruleSet(), n.summary(), text(n.publishedOn()),
                    n.messageId().toString(), n.batchId(), n.leafIndex(), n.receivedAt().toEpochMilli(),
                    text(n.earliestApplication()), text(n.automaticEnd()));
        }
    }

    @Override
    public Optional<NoticeRecord> notice(String noticeId) {
        return tx.one("SELECT " + NOTICE_COLUMNS + " FROM penalty_notices WHERE notice_id = ?", SqlSharing::noticeRow,
                noticeId);
    }

    @Override
    public Optional<NoticeRecord> noticeOfPenalty(MemberId penalizingMember, String decisionNumber) {
        return tx.one("SELECT " + NOTICE_COLUMNS + " FROM penalty_notices WHERE penalizing_member = ? AND decision_number = ?",
                SqlSharing::noticeRow, penalizingMember.value(), decisionNumber);
    }

    @Override
    public List<NoticeRecord> listNotices(NoticeFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + NOTICE_COLUMNS + " FROM penalty_notices WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.homeMember() != null) {
            sql.append(" AND home_member = ?");
            args.add(f.homeMember().value());
        }
        if (f.penalizingMember() != null) {
            sql.append(" AND penalizing_member = ?");
            args.add(f.penalizingMember().value());
        }
        if (f.creditCode() != null) {
            sql.append(" AND credit_code = ?");
            args.add(f.creditCode());
        }
        if (f.ended() != null) {
            sql.append(f.ended() ? " AND ended_on IS NOT NULL" : " AND ended_on IS NULL");
        }
        if (f.afterNoticeId() != null) {
            sql.append(" AND notice_id > ?");
            args.add(f.afterNoticeId());
        }
        sql.append(" ORDER BY notice_id LIMIT ?");
        args.add(f.limit());
        return tx.list(sql.toString(), SqlSharing::noticeRow, args.toArray());
    }

    @Override
    public boolean linkCase(String noticeId, CaseId caseId) {
        return tx.update("UPDATE penalty_notices SET case_id = ? WHERE notice_id = ? AND case_id IS NULL",
                caseId.toString(), noticeId) == 1;
    }

    @Override
    public boolean endNotice(MemberId penalizingMember, String decisionNumber, LocalDate endedOn, PublicityEndCause cause) {
        return tx.update("UPDATE penalty_notices SET ended_on = ?, end_cause = ? WHERE penalizing_member = ?"
                + " AND decision_number = ? AND ended_on IS NULL", endedOn.toString(), cause.name(),
                penalizingMember.value(), decisionNumber) == 1;
    }

    @Override
    public List<NoticeRecord> claimDueReminders(LocalDate today, Instant at, int limit) {
        // The conditions of the partial index penalty_notices_remind, so the claim reads only due rows;
        // a notice whose maximum period has passed is past repairing, not due for a reminder.
        String day = today.toString();
        List<String> ids = tx.list("SELECT notice_id FROM penalty_notices WHERE reminded_at IS NULL AND ended_on IS NULL"
                + " AND case_id IS NULL AND earliest_application <= ? AND (automatic_end IS NULL OR automatic_end > ?)"
                + " ORDER BY earliest_application, notice_id LIMIT ?" + dialect.skipLocked(), rs -> rs.getString(1), day,
                day, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = "?,".repeat(ids.size() - 1) + "?";
        List<Object> args = new ArrayList<>();
        args.add(at.toEpochMilli());
        args.addAll(ids);
        tx.update("UPDATE penalty_notices SET reminded_at = ? WHERE reminded_at IS NULL AND notice_id IN (" + in + ")",
                args.toArray());
        return tx.list("SELECT " + NOTICE_COLUMNS + " FROM penalty_notices WHERE notice_id IN (" + in + ")"
                + " ORDER BY notice_id", SqlSharing::noticeRow, ids.toArray());
    }

    private static NoticeRecord noticeRow(ResultSet rs) throws SQLException {
        PenaltyReference penalty = new PenaltyReference(rs.getString("decision_number"), rs.getString("authority"),
                MemberId.of(rs.getString("penalizing_member")), LocalDate.parse(rs.getString("decision_date")),
                PenaltyCategory.valueOf(rs.getString("category")), rs.getString("rule_set"));
        int leaf = rs.getInt("leaf_index");
        Integer leafIndex = rs.wasNull() ? null : leaf;
        long reminded = rs.getLong("reminded_at");
        Instant remindedAt = rs.wasNull() ? null : Instant.ofEpochMilli(reminded);
        String cause = rs.getString("end_cause");
        String caseId = rs.getString("case_id");
        return new NoticeRecord(rs.getString("notice_id"), MemberId.of(rs.getString("home_member")),
                new Enterprise(CreditCode.of(rs.getString("credit_code")), rs.getString("enterprise_name")), penalty,
                rs.getString("summary"), date(rs.getString("published_on")), MessageId.parse(rs.getString("message_id")),
                rs.getString("batch_id"), leafIndex, Instant.ofEpochMilli(rs.getLong("received_at")),
                date(rs.getString("earliest_application")), date(rs.getString("automatic_end")), remindedAt,
                date(rs.getString("ended_on")), cause == null ? null : PublicityEndCause.valueOf(cause),
                caseId == null ? null : CaseId.parse(caseId));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
