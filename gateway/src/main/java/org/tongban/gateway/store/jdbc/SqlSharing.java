package org.tongban.gateway.store.jdbc;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.store.SharingTx;
import org.tongban.gateway.store.StoreException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link SharingTx} on the connection and deferred writes of one {@link SqlTx}. */
final class SqlSharing implements SharingTx {
    /** A notice's row (migration V011); its details are read from the envelope that carried it ({@link CarriedNotices}). */
    private static final String NOTICE_COLUMNS = "notice_id, home_member, penalizing_member, decision_number, credit_code,"
            + " message_id, leaf_index, received_at, earliest_application, automatic_end, reminded_at, ended_on, end_cause,"
            + " case_id";
    private static final String INSERT_NOTICE = "INSERT INTO penalty_notices (notice_id, home_member, penalizing_member,"
            + " decision_number, credit_code, message_id, leaf_index, received_at, earliest_application, automatic_end)"
            // the cast types a NULL leaf index, which PostgreSQL would otherwise take for text in a multi-row insert
            + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, ?, ?)"
            + " ON CONFLICT (penalizing_member, decision_number) DO NOTHING";
    private static final String INSERT_REMINDER = "INSERT INTO notice_reminders (message_id, first_notice, last_notice,"
            + " next_remind) VALUES (?, ?, ?, ?)";
    /**
     * The notices of a {@code notice_reminders} row (migration V014) still to remind: by message and
     * notice-id range, not reminded, not ended, without a case, and not past their maximum period on
     * the day given last.
     */
    private static final String TO_REMIND = " FROM penalty_notices WHERE notice_id BETWEEN ? AND ? AND message_id = ?"
            + " AND reminded_at IS NULL AND ended_on IS NULL AND case_id IS NULL"
            + " AND (automatic_end IS NULL OR automatic_end > ?)";
    private static final String INSERT_SHARED_MESSAGE = "INSERT INTO shared_messages (message_id, penalizing_member,"
            + " home_member, shared_at, next_end, penalties) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SHARED_STATE = "INSERT INTO shared_penalty_states (penalizing_member,"
            + " decision_number, message_id) VALUES (?, ?, ?) ON CONFLICT (penalizing_member, decision_number) DO NOTHING";
    /** Shared messages read per query of a claim, and decision numbers per state lookup. */
    private static final int CLAIM_PAGE = 50;
    private static final int STATES_PER_QUERY = 500;

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

    /**
     * One row per message with the decision numbers and automatic ends of its penalties, in the
     * order it carries them (V013; the rest is read from its envelope when an end is due), and one
     * small state row per penalty (V010): a decision recorded before keeps its first message, which
     * alone ends it.
     */
    @Override
    public void recordSharedLater(List<SharedPenaltyRecord> records) {
        Map<List<Object>, List<SharedPenaltyRecord>> byMessage = new LinkedHashMap<>();
        for (SharedPenaltyRecord r : records) {
            byMessage.computeIfAbsent(List.of(r.messageId(), r.penalty().penalizingMember(), r.homeMember(),
                    r.sharedAt()), k -> new ArrayList<>()).add(r);
        }
        for (List<SharedPenaltyRecord> message : byMessage.values()) {
            SharedPenaltyRecord first = message.get(0);
            String penalizing = first.penalty().penalizingMember().value();
            String messageId = first.messageId().toString();
            LocalDate nextEnd = null;
            for (SharedPenaltyRecord r : message) {
                if (r.automaticEnd() != null && (nextEnd == null || r.automaticEnd().isBefore(nextEnd))) {
                    nextEnd = r.automaticEnd();
                }
            }
            tx.defer("shared_messages", INSERT_SHARED_MESSAGE, messageId, penalizing, first.homeMember().value(),
                    first.sharedAt().toEpochMilli(), text(nextEnd), SharedPenaltyList.write(message));
            for (SharedPenaltyRecord r : message) {
                tx.defer("shared_penalty_states", INSERT_SHARED_STATE, penalizing, r.penalty().decisionNumber(),
                        messageId);
            }
        }
    }

    /**
     * Reads the shared messages whose next automatic end has come, in its order, and takes from
     * each the penalties it still has to end; a message with none left moves its next end on to
     * its first later one (or none). A message whose penalties are taken keeps its next end until
     * a later claim finds them ended, so a claim whose ends were not recorded loses nothing.
     */
    @Override
    public List<SharedPenaltyRecord> claimAutomaticEnds(LocalDate today, int limit) {
        String day = today.toString();
        List<SharedPenaltyRecord> taken = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        SharedMessage last = null;
        while (taken.size() < limit) {
            // keyset pages in the order of the due index, after the last message read
            String after = last == null ? "" : " AND (next_end > ? OR (next_end = ? AND seq > ?))";
            Object[] args = last == null ? new Object[] {day, CLAIM_PAGE}
                    : new Object[] {day, last.nextEnd(), last.nextEnd(), last.seq(), CLAIM_PAGE};
            List<SharedMessage> page = tx.list("SELECT seq, message_id, penalizing_member, home_member, shared_at,"
                    + " next_end, penalties FROM shared_messages WHERE next_end IS NOT NULL AND next_end <= ?" + after
                    + " ORDER BY next_end, seq LIMIT ?" + dialect.skipLocked(), SqlSharing::sharedMessage, args);
            if (page.isEmpty()) {
                break;
            }
            for (SharedMessage m : page) {
                last = m;
                if (!takeDue(m, day, limit, taken, seen) || taken.size() >= limit) {
                    break;
                }
            }
        }
        return taken;
    }

    /**
     * Takes the penalties of {@code m} due on {@code day} that it still has to end, up to
     * {@code limit} in all; moves its next end on when it has none. Returns false when a message
     * with penalties to end was left with some untaken (the claim is full).
     */
    private boolean takeDue(SharedMessage m, String day, int limit, List<SharedPenaltyRecord> taken,
                            Set<List<String>> seen) {
        List<SharedPenaltyList.Item> items = SharedPenaltyList.read(m.penalties());
        List<String> dated = new ArrayList<>();
        for (SharedPenaltyList.Item i : items) {
            if (i.automaticEnd() != null) {
                dated.add(i.decisionNumber());
            }
        }
        Set<String> open = stillToEnd(m, dated);
        boolean due = false;
        boolean full = false;
        String next = null;
        List<SharedPenaltyList.Item> mine = new ArrayList<>();
        for (SharedPenaltyList.Item i : items) {
            if (i.automaticEnd() == null || !open.contains(i.decisionNumber())) {
                continue;
            }
            if (i.automaticEnd().compareTo(day) > 0) {
                next = next == null || i.automaticEnd().compareTo(next) < 0 ? i.automaticEnd() : next;
                continue;
            }
            due = true;
            if (taken.size() + mine.size() >= limit) {
                full = true;
                break;
            }
            if (seen.add(List.of(m.penalizingMember(), i.decisionNumber()))) {
                mine.add(i);
            }
        }
        taken.addAll(sharedRecords(m, mine));
        if (full) {
            return false;
        }
        if (!due) {
            tx.update("UPDATE shared_messages SET next_end = ? WHERE seq = ?", next, m.seq());
        }
        return true;
    }

    /** Which of {@code decisions} message {@code m} shared first and has not ended. */
    private Set<String> stillToEnd(SharedMessage m, List<String> decisions) {
        Set<String> open = new HashSet<>();
        for (int from = 0; from < decisions.size(); from += STATES_PER_QUERY) {
            List<String> part = decisions.subList(from, Math.min(decisions.size(), from + STATES_PER_QUERY));
            List<Object> args = new ArrayList<>(part.size() + 2);
            args.add(m.penalizingMember());
            args.add(m.messageId());
            args.addAll(part);
            open.addAll(tx.list("SELECT decision_number FROM shared_penalty_states WHERE penalizing_member = ?"
                    + " AND message_id = ? AND ended_at IS NULL AND decision_number IN ("
                    + "?,".repeat(part.size() - 1) + "?)", rs -> rs.getString(1), args.toArray()));
        }
        return open;
    }

    @Override
    public void markAutomaticallyEnded(MemberId penalizingMember, String decisionNumber, Instant at, MessageId endMessageId) {
        tx.update("UPDATE shared_penalty_states SET ended_at = ?, end_message_id = ? WHERE penalizing_member = ?"
                + " AND decision_number = ? AND ended_at IS NULL", at.toEpochMilli(), text(endMessageId),
                penalizingMember.value(), decisionNumber);
    }

    /** A row of {@code shared_messages}. */
    private record SharedMessage(long seq, String messageId, String penalizingMember, String homeMember, long sharedAt,
                                 String nextEnd, String penalties) {
    }

    private static SharedMessage sharedMessage(ResultSet rs) throws SQLException {
        return new SharedMessage(rs.getLong("seq"), rs.getString("message_id"), rs.getString("penalizing_member"),
                rs.getString("home_member"), rs.getLong("shared_at"), rs.getString("next_end"),
                rs.getString("penalties"));
    }

    /**
     * The records of {@code items} of message {@code m}: with the details a list written before
     * V013 kept, or else with those of the notices its envelope carries at their positions, that
     * envelope read once.
     */
    private List<SharedPenaltyRecord> sharedRecords(SharedMessage m, List<SharedPenaltyList.Item> items) {
        Set<Integer> positions = new HashSet<>();
        for (SharedPenaltyList.Item i : items) {
            if (i.written() == null) {
                positions.add(i.position());
            }
        }
        CarriedNotices.Carried carried = positions.isEmpty() ? null : sharingEnvelope(m, positions);
        List<SharedPenaltyRecord> records = new ArrayList<>(items.size());
        for (SharedPenaltyList.Item i : items) {
            Enterprise enterprise;
            PenaltyReference penalty;
            SharedPenaltyList.Written w = i.written();
            if (w != null) {
                penalty = new PenaltyReference(i.decisionNumber(), w.authority(), MemberId.of(m.penalizingMember()),
                        LocalDate.parse(w.decisionDate()), PenaltyCategory.valueOf(w.category()), w.ruleSet());
                enterprise = new Enterprise(CreditCode.of(w.creditCode()), w.enterpriseName());
            } else {
                PenaltyNotice n = carried.atPosition(i.position());
                if (!n.penalty().decisionNumber().equals(i.decisionNumber())
                        || !n.penalty().penalizingMember().value().equals(m.penalizingMember())) {
                    throw new StoreException("the envelope " + m.messageId() + " carries decision "
                            + n.penalty().penalizingMember() + " " + n.penalty().decisionNumber() + " at position "
                            + i.position() + ", where its shared message lists " + i.decisionNumber(), null);
                }
                penalty = n.penalty();
                enterprise = n.enterprise();
            }
            records.add(new SharedPenaltyRecord(MemberId.of(m.homeMember()), enterprise, penalty,
                    MessageId.parse(m.messageId()), Instant.ofEpochMilli(m.sharedAt()), date(i.automaticEnd()), null,
                    null));
        }
        return records;
    }

    /**
     * The envelope that shared message {@code m}'s penalties, read for the notices at
     * {@code positions}: in the outbox when it was sent to a peer node, in the inbox when its home
     * member is hosted here and it was handed over.
     */
    private CarriedNotices.Carried sharingEnvelope(SharedMessage m, Set<Integer> positions) {
        String id = m.messageId();
        return tx.one("SELECT message_type, " + SqlTx.outboxEnvelope(dialect) + " FROM outbox WHERE message_id = ?"
                        + " LIMIT 1", rs -> CarriedNotices.read(id, rs.getString(1), rs.getString(2), positions), id)
                .or(() -> inboxed(id, positions))
                .orElseThrow(() -> new StoreException("the envelope " + id
                        + " that shared penalties is neither in the outbox nor in the inbox", null));
    }

    /** The notices at {@code leaves} of envelope {@code messageId} as the inbox keeps it, if it does. */
    private Optional<CarriedNotices.Carried> inboxed(String messageId, Set<Integer> leaves) {
        return tx.one("SELECT message_type, envelope FROM inbox WHERE message_id = ?",
                rs -> CarriedNotices.read(messageId, rs.getString(1), rs.getString(2), leaves), messageId);
    }

    // ---- home side --------------------------------------------------------------------------------

    @Override
    public void insertNoticesLater(List<NoticeRecord> notices) {
        for (NoticeRecord n : notices) {
            PenaltyReference p = n.penalty();
            tx.defer("penalty_notices", INSERT_NOTICE, n.noticeId(), n.homeMember().value(), p.penalizingMember().value(),
                    p.decisionNumber(), n.enterprise().creditCode().value(), n.messageId().toString(), n.leafIndex(),
                    n.receivedAt().toEpochMilli(), text(n.earliestApplication()), text(n.automaticEnd()));
        }
        for (NoticeReminder r : NoticeReminder.of(notices)) {
            tx.defer("notice_reminders", INSERT_REMINDER, r.messageId(), r.firstNotice(), r.lastNotice(), r.nextRemind());
        }
    }

    @Override
    public Optional<NoticeRecord> notice(String noticeId) {
        return first(tx.list("SELECT " + NOTICE_COLUMNS + " FROM penalty_notices WHERE notice_id = ?",
                SqlSharing::noticeRow, noticeId));
    }

    @Override
    public Optional<NoticeRecord> noticeOfPenalty(MemberId penalizingMember, String decisionNumber) {
        return first(tx.list("SELECT " + NOTICE_COLUMNS + " FROM penalty_notices WHERE penalizing_member = ?"
                + " AND decision_number = ?", SqlSharing::noticeRow, penalizingMember.value(), decisionNumber));
    }

    @Override
    public boolean hasNoticeOfPenalty(MemberId penalizingMember, String decisionNumber) {
        return tx.one("SELECT 1 FROM penalty_notices WHERE penalizing_member = ? AND decision_number = ?",
                rs -> true, penalizingMember.value(), decisionNumber).isPresent();
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
        return withDetails(tx.list(sql.toString(), SqlSharing::noticeRow, args.toArray()));
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
        String day = today.toString();
        List<String> taken = new ArrayList<>();
        DueReminder last = null;
        while (taken.size() < limit) {
            // keyset pages in the order of the due index, after the last row read
            String after = last == null ? "" : " AND (next_remind > ? OR (next_remind = ? AND seq > ?))";
            Object[] args = last == null ? new Object[] {day, CLAIM_PAGE}
                    : new Object[] {day, last.nextRemind(), last.nextRemind(), last.seq(), CLAIM_PAGE};
            List<DueReminder> page = tx.list("SELECT seq, message_id, first_notice, last_notice, next_remind"
                    + " FROM notice_reminders WHERE next_remind IS NOT NULL AND next_remind <= ?" + after
                    + " ORDER BY next_remind, seq LIMIT ?" + dialect.skipLocked(), SqlSharing::dueReminder, args);
            if (page.isEmpty()) {
                break;
            }
            for (DueReminder r : page) {
                last = r;
                if (!remind(r, day, at, limit, taken) || taken.size() >= limit) {
                    break;
                }
            }
        }
        if (taken.isEmpty()) {
            return List.of();
        }
        String in = "?,".repeat(taken.size() - 1) + "?";
        return withDetails(tx.list("SELECT " + NOTICE_COLUMNS + " FROM penalty_notices WHERE notice_id IN (" + in + ")"
                + " ORDER BY notice_id", SqlSharing::noticeRow, taken.toArray()));
    }

    /** A {@code notice_reminders} row whose next reminder is due. */
    private record DueReminder(long seq, String messageId, String firstNotice, String lastNotice, String nextRemind) {
    }

    private static DueReminder dueReminder(ResultSet rs) throws SQLException {
        return new DueReminder(rs.getLong("seq"), rs.getString("message_id"), rs.getString("first_notice"),
                rs.getString("last_notice"), rs.getString("next_remind"));
    }

    /**
     * Marks reminded at {@code at} the notices of {@code r} due on {@code day}, in the order of their
     * earliest application day, up to {@code limit} in {@code taken}; then moves the row's next
     * reminder on to the earliest day of those left. Returns false when some due ones were left
     * (the claim is full; the row stays due).
     */
    private boolean remind(DueReminder r, String day, Instant at, int limit, List<String> taken) {
        int room = limit - taken.size();
        List<String> due = tx.list("SELECT notice_id" + TO_REMIND + " AND earliest_application <= ?"
                        + " ORDER BY earliest_application, notice_id LIMIT ?", rs -> rs.getString(1),
                r.firstNotice(), r.lastNotice(), r.messageId(), day, day, room + 1);
        List<String> mine = due.subList(0, Math.min(room, due.size()));
        if (!mine.isEmpty()) {
            List<Object> args = new ArrayList<>();
            args.add(at.toEpochMilli());
            args.addAll(mine);
            tx.update("UPDATE penalty_notices SET reminded_at = ? WHERE reminded_at IS NULL AND notice_id IN ("
                    + "?,".repeat(mine.size() - 1) + "?)", args.toArray());
            taken.addAll(mine);
        }
        if (due.size() > room) {
            return false;
        }
        String next = tx.list("SELECT MIN(earliest_application)" + TO_REMIND, rs -> rs.getString(1),
                r.firstNotice(), r.lastNotice(), r.messageId(), day).get(0);
        tx.update("UPDATE notice_reminders SET next_remind = ? WHERE seq = ?", next, r.seq());
        return true;
    }

    /** The columns of a {@code penalty_notices} row. */
    private record NoticeRow(String noticeId, String homeMember, String messageId, Integer leafIndex, long receivedAt,
                             String earliestApplication, String automaticEnd, Instant remindedAt, String endedOn,
                             String endCause, String caseId) {
    }

    private static NoticeRow noticeRow(ResultSet rs) throws SQLException {
        int leaf = rs.getInt("leaf_index");
        Integer leafIndex = rs.wasNull() ? null : leaf;
        long reminded = rs.getLong("reminded_at");
        Instant remindedAt = rs.wasNull() ? null : Instant.ofEpochMilli(reminded);
        return new NoticeRow(rs.getString("notice_id"), rs.getString("home_member"), rs.getString("message_id"),
                leafIndex, rs.getLong("received_at"), rs.getString("earliest_application"),
                rs.getString("automatic_end"), remindedAt, rs.getString("ended_on"), rs.getString("end_cause"),
                rs.getString("case_id"));
    }

    private Optional<NoticeRecord> first(List<NoticeRow> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(withDetails(rows.subList(0, 1)).get(0));
    }

    /**
     * The notices of {@code rows} with the details their envelopes carried, each stored envelope
     * read once for all the rows it carried.
     */
    private List<NoticeRecord> withDetails(List<NoticeRow> rows) {
        Map<String, Set<Integer>> leavesByMessage = new LinkedHashMap<>();
        for (NoticeRow r : rows) {
            leavesByMessage.computeIfAbsent(r.messageId(), k -> new HashSet<>()).add(r.leafIndex());
        }
        Map<String, CarriedNotices.Carried> carried = new HashMap<>();
        for (Map.Entry<String, Set<Integer>> m : leavesByMessage.entrySet()) {
            carried.put(m.getKey(), inboxed(m.getKey(), m.getValue()).orElseThrow(() -> new StoreException("the envelope " + m.getKey()
                            + " that carried penalty notices is not in the inbox", null)));
        }
        List<NoticeRecord> notices = new ArrayList<>(rows.size());
        for (NoticeRow r : rows) {
            CarriedNotices.Carried c = carried.get(r.messageId());
            PenaltyNotice n = c.notice(r.leafIndex());
            notices.add(new NoticeRecord(r.noticeId(), MemberId.of(r.homeMember()), n.enterprise(), n.penalty(),
                    n.summary(), n.publishedOn(), MessageId.parse(r.messageId()), c.batchId(), r.leafIndex(),
                    Instant.ofEpochMilli(r.receivedAt()), date(r.earliestApplication()), date(r.automaticEnd()),
                    r.remindedAt(), date(r.endedOn()), r.endCause() == null ? null : PublicityEndCause.valueOf(r.endCause()),
                    r.caseId() == null ? null : CaseId.parse(r.caseId())));
        }
        return notices;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
