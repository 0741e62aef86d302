package org.tongban.gateway.store.jdbc;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.SlaClock;
import org.tongban.ops.sla.ClockRun;
import org.tongban.ops.sla.SlaLimit;
import org.tongban.gateway.store.AuditEntry;
import org.tongban.gateway.store.CanonicalJson;
import org.tongban.gateway.store.CaseFilter;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.CaseStatus;
import org.tongban.gateway.store.DeadLetterFilter;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.OutboxStats;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.store.SlaTimer;
import org.tongban.gateway.store.SharingTx;
import org.tongban.gateway.store.StoreException;
import org.tongban.gateway.store.Tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Tx} over one JDBC connection in one transaction. */
final class SqlTx implements Tx {
    /**
     * An outbox row's columns. A NULL envelope is a received message handed to its platform: the
     * inbox row of the same message id holds it (migration V008).
     */
    private static final String OUTBOX_COLUMNS = outboxColumns(SqlDialect.POSTGRESQL);
    /**
     * On SQLite the envelope of a message sent from here is kept apart from its outbox row, in
     * {@code outbox_envelopes} (migration V009): SQLite writes a whole row again when one column of
     * it changes, so an envelope in the row would be written again when the message is leased and
     * when it is delivered. The row's own envelope column is then NULL unless a redrive replaced it.
     */
    private static final String SQLITE_OUTBOX_COLUMNS = outboxColumns(SqlDialect.SQLITE);

    private static String outboxColumns(SqlDialect dialect) {
        return "seq, message_id, destination, ordering_key, message_type, to_member, case_id, leg_id, "
                + outboxEnvelope(dialect) + " AS envelope,"
                + " status, attempts, next_attempt_at, created_at, last_error_key, last_error, delivered_at, receipt";
    }

    /** The envelope of a row of {@code outbox} (named so, unaliased): its own, kept apart from it, or its inbox row's. */
    static String outboxEnvelope(SqlDialect dialect) {
        String keptApart = dialect == SqlDialect.SQLITE
                ? "(SELECT e.envelope FROM outbox_envelopes e WHERE e.seq = outbox.seq), " : "";
        return "COALESCE(envelope, " + keptApart
                + "(SELECT i.envelope FROM inbox i WHERE i.message_id = outbox.message_id))";
    }
    private static final String LEG_COLUMNS = "leg_id, case_id, home_member, penalizing_member, state, penalty,"
            + " platform_reference, state_since, updated_at, version";
    private static final String CASE_COLUMNS = "case_id, home_member, credit_code, enterprise_name, status, applied_on,"
            + " home_reference, created_by, created_at, updated_at, detail";

    private final Connection c;
    private final SqlDialect dialect;
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** Deferred writes by statement, in first-use order (cases before legs before events). */
    private final java.util.LinkedHashMap<String, Deferred> deferred = new java.util.LinkedHashMap<>();
    private static final java.util.Map<String, java.util.Set<String>> TABLES_OF = new java.util.concurrent.ConcurrentHashMap<>();
    private static final List<String> DEFERRABLE_TABLES = List.of("cases", "legs", "leg_events", "outbox",
            "outbox_envelopes", "inbox",
            "penalty_notices", "shared_messages", "shared_penalty_states");
    /** A received envelope; assumed new, with no conflict clause, a duplicate fails the batch (see {@link #assumeChecks()}). */
    private static final Map<SqlDialect, String> INSERT_INBOX = SqlDialect.each("INSERT INTO inbox (message_id,"
            + " from_member, to_member, message_type, case_id, leg_id, sha256, envelope, receipt, received_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ${UTF8_TEXT}, ?, ?)");
    private static final String MARK_DELIVERED = "UPDATE outbox SET status = 'DELIVERED', delivered_at = ?, receipt = ?,"
            + " lease_owner = NULL, lease_until = NULL, last_error_key = NULL, last_error = NULL WHERE seq = ?"
            + " AND status = 'IN_FLIGHT' AND lease_owner = ?";

    /** The rows waiting for one statement, the table it writes, and whether each row must change exactly one row. */
    private static final class Deferred {
        final String table;
        final boolean exactlyOne;
        final List<Object[]> rows = new ArrayList<>();

        Deferred(String table, boolean exactlyOne) {
            this.table = table;
            this.exactlyOne = exactlyOne;
        }
    }

    /** Set by {@link #assumeChecks()}: checked writes outside savepoints are deferred, their outcome assumed. */
    private boolean assumeChecks;
    /** How many {@link #withSavepoint} calls are running: inside one, every checked write answers at once. */
    private int savepoints;

    private final String outboxColumns;

    SqlTx(Connection c, SqlDialect dialect) {
        this.c = c;
        this.dialect = dialect;
        this.outboxColumns = dialect == SqlDialect.SQLITE ? SQLITE_OUTBOX_COLUMNS : OUTBOX_COLUMNS;
    }

    @Override
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /**
     * Queues a write to be sent with the other deferred writes as one JDBC batch (one round trip;
     * on PostgreSQL one multi-row INSERT). Deferred writes have no result the caller needs.
     */
    void defer(String table, String sql, Object... args) {
        deferRows(table, sql, false, args);
    }

    /**
     * Defers a write; one that must change {@code exactlyOne} row is assumed to: when the batch is
     * sent and a row changed none, the flush fails and with it the transaction (see {@link #assumeChecks()}).
     */
    private void deferRows(String table, String sql, boolean exactlyOne, Object[] args) {
        deferred.computeIfAbsent(sql, k -> new Deferred(table, exactlyOne)).rows.add(args);
    }

    @Override
    public void assumeChecks() {
        assumeChecks = true;
    }

    /** Whether a checked write may be deferred with its outcome assumed. */
    private boolean assuming() {
        return assumeChecks && savepoints == 0;
    }

    /** Sends every deferred write; called before commit and before any statement that touches their tables. */
    void flushDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        List<java.util.Map.Entry<String, Deferred>> batches = new ArrayList<>(deferred.entrySet());
        deferred.clear();
        for (java.util.Map.Entry<String, Deferred> b : batches) {
            try (PreparedStatement ps = c.prepareStatement(b.getKey())) {
                for (Object[] row : b.getValue().rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                if (b.getValue().exactlyOne) {
                    for (int n : counts) {
                        if (n != 1) {
                            throw new StoreException("an assumed write changed " + n + " rows, not 1 ["
                                    + abbreviate(b.getKey()) + "]", null);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e.getMessage() + " [" + abbreviate(b.getKey()) + "]", e);
            }
        }
    }

    /** Flushes deferred writes first when {@code sql} reads or writes one of their tables. */
    private void beforeImmediate(String sql) {
        if (deferred.isEmpty()) {
            return;
        }
        java.util.Set<String> touched = TABLES_OF.computeIfAbsent(sql, q -> {
            java.util.Set<String> t = new java.util.HashSet<>();
            for (String table : DEFERRABLE_TABLES) {
                if (java.util.regex.Pattern.compile("\\b" + table + "\\b").matcher(q).find()) {
                    t.add(table);
                }
            }
            return t;
        });
        for (Deferred d : deferred.values()) {
            if (touched.contains(d.table)) {
                flushDeferred();
                return;
            }
        }
    }

    /** The actions to run now that the transaction committed. */
    List<Runnable> committed() {
        return afterCommit;
    }

    @Override
    public <T> T withSavepoint(java.util.function.Supplier<T> work) {
        java.sql.Savepoint sp;
        try {
            sp = c.setSavepoint();
        } catch (SQLException e) {
            throw new StoreException("cannot set a savepoint: " + e.getMessage(), e, true);
        }
        int hooks = afterCommit.size();
        int inboxed = inboxedInOrder.size();
        java.util.Map<String, Integer> pendingRows = new java.util.HashMap<>();
        deferred.forEach((sql, d) -> pendingRows.put(sql, d.rows.size()));
        savepoints++;
        try {
            T result = work.get();
            c.releaseSavepoint(sp);
            return result;
        } catch (RuntimeException e) {
            afterCommit.subList(hooks, afterCommit.size()).clear();
            List<String> undone = inboxedInOrder.subList(inboxed, inboxedInOrder.size());
            undone.forEach(inboxedEnvelopes::remove);
            undone.clear();
            // writes deferred inside the failed unit are dropped with it; flushed ones the rollback undoes
            deferred.entrySet().removeIf(en -> !pendingRows.containsKey(en.getKey()));
            deferred.forEach((sql, d) -> {
                int keep = pendingRows.get(sql);
                if (d.rows.size() > keep) {
                    d.rows.subList(keep, d.rows.size()).clear();
                }
            });
            try {
                c.rollback(sp);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw new StoreException("cannot roll back to a savepoint: " + rollback.getMessage(), rollback, true);
            }
            throw e;
        } catch (SQLException e) {
            throw new StoreException("cannot release a savepoint: " + e.getMessage(), e, true);
        } finally {
            savepoints--;
        }
    }

    // ---- inbox ----------------------------------------------------------------------------------

    /** Envelopes this transaction stored in the inbox, by message id, and those ids in order (for savepoints). */
    private final java.util.Map<String, CanonicalJson> inboxedEnvelopes = new java.util.HashMap<>();
    private final List<String> inboxedInOrder = new ArrayList<>();

    @Override
    public boolean insertInbox(InboxRecord r) {
        String messageId = r.messageId().toString();
        Object[] row = {messageId, r.from().value(), r.to().value(), r.type().wireName(), text(r.caseId()), text(r.legId()),
                r.sha256(), r.envelope(), r.receipt(), r.receivedAt().toEpochMilli()};
        if (assuming()) {
            if (inboxedEnvelopes.containsKey(messageId)) {
                return false; // stored earlier in this transaction
            }
            // no conflict clause: an envelope already stored fails the batch, and the transaction runs again checking
            defer("inbox", INSERT_INBOX.get(dialect), row);
        } else if (update(INSERT_INBOX.get(dialect) + " ON CONFLICT (message_id) DO NOTHING", row) != 1) {
            return false;
        }
        inboxedEnvelopes.put(messageId, r.envelope());
        inboxedInOrder.add(messageId);
        return true;
    }

    /**
     * The envelope column of an outbox row: NULL when this transaction stored the very same
     * envelope in the inbox under the same message id (a received message handed to its platform),
     * which the outbox's reads then take from there.
     */
    private CanonicalJson storedEnvelope(OutboxRecord r) {
        CanonicalJson inboxed = inboxedEnvelopes.get(r.messageId().toString());
        return inboxed != null && inboxed.equals(r.envelope()) ? null : r.envelope();
    }

    @Override
    public Optional<InboxRecord> inbox(MessageId messageId) {
        return one("SELECT * FROM inbox WHERE message_id = ?", SqlTx::inboxRow, messageId.toString());
    }

    @Override
    public List<InboxRecord> inboxOfLeg(LegId legId) {
        return list("SELECT * FROM inbox WHERE leg_id = ? ORDER BY received_at, message_id", SqlTx::inboxRow,
                legId.toString());
    }

    // ---- penalty sharing ------------------------------------------------------------------------

    private SqlSharing sharing;

    @Override
    public SharingTx sharing() {
        if (sharing == null) {
            sharing = new SqlSharing(this, dialect);
        }
        return sharing;
    }

    private static InboxRecord inboxRow(ResultSet rs) throws SQLException {
        return new InboxRecord(MessageId.parse(rs.getString("message_id")), MemberId.of(rs.getString("from_member")),
                MemberId.of(rs.getString("to_member")), MessageType.fromWireName(rs.getString("message_type")),
                caseId(rs.getString("case_id")), legId(rs.getString("leg_id")), rs.getString("sha256"),
                CanonicalJson.of(rs.getString("envelope")), rs.getString("receipt"),
                Instant.ofEpochMilli(rs.getLong("received_at")));
    }

    // ---- outbox ---------------------------------------------------------------------------------

    private static final Map<SqlDialect, String> ENQUEUE_LATER = SqlDialect.each("INSERT INTO outbox (seq, message_id,"
            + " destination, ordering_key, message_type, to_member, case_id, leg_id, envelope, status, attempts,"
            + " next_attempt_at, created_at, lease_owner, lease_until)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${UTF8_TEXT}, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (destination, message_id) DO NOTHING");

    /** Keeps the envelope of an outbox row on SQLite; none for a row its conflict clause left out. */
    private static final String KEEP_ENVELOPE = SqlDialect.SQLITE.render("INSERT INTO outbox_envelopes (seq, envelope)"
            + " SELECT ?, ${UTF8_TEXT} WHERE EXISTS (SELECT 1 FROM outbox WHERE seq = ?)"
            + " ON CONFLICT (seq) DO UPDATE SET envelope = excluded.envelope");

    /** On SQLite, keeps the envelope of outbox row {@code seq} apart from the row (none: a hand-over reads the inbox's). */
    private void keepApart(long seq, CanonicalJson envelope) {
        if (envelope != null && dialect == SqlDialect.SQLITE) {
            defer("outbox_envelopes", KEEP_ENVELOPE, seq, envelope, seq);
        }
    }

    /** The envelope for the outbox row's own column: on SQLite it is kept apart (see {@link #SQLITE_OUTBOX_COLUMNS}). */
    private Object inRow(CanonicalJson envelope) {
        return dialect == SqlDialect.SQLITE || envelope == null ? TypedNull.BYTES : envelope;
    }

    /** The step of the outbox's identity sequence on PostgreSQL (migration V007): numbers a transaction takes at once. */
    static final int SEQ_BLOCK = 64;

    /** Sequence numbers handed out by this transaction and not used yet. */
    private final java.util.ArrayDeque<Long> seqPool = new java.util.ArrayDeque<>();
    private long sqliteNextSeq = -1;

    /** Ordering keys of messages queued in this transaction (an earlier one may still be unsent). */
    private final java.util.Set<String> keysQueued = new java.util.HashSet<>();
    /** Legs this transaction created: their first message cannot have an earlier one. */
    private final java.util.Set<String> legsCreated = new java.util.HashSet<>();

    @Override
    public OutboxRecord enqueueLater(OutboxRecord r, Lease lease) {
        long seq = nextSeq();
        boolean claimed = lease != null && firstOutstanding(r);
        if (r.orderingKey() != null) {
            keysQueued.add(r.orderingKey());
        }
        OutboxRecord queued = new OutboxRecord(seq, r.messageId(), r.destination(), r.orderingKey(), r.type(), r.to(),
                r.caseId(), r.legId(), r.envelope(), claimed ? OutboxStatus.IN_FLIGHT : OutboxStatus.PENDING,
                claimed ? 1 : 0, r.nextAttemptAt(), r.createdAt(), null, null, null, null);
        CanonicalJson envelope = storedEnvelope(r);
        defer("outbox", ENQUEUE_LATER.get(dialect), seq, r.messageId().toString(), r.destination(), r.orderingKey(),
                r.type().wireName(), r.to().value(), text(r.caseId()), text(r.legId()), inRow(envelope),
                queued.status().name(), queued.attempts(), r.nextAttemptAt().toEpochMilli(), r.createdAt().toEpochMilli(),
                claimed ? lease.owner() : null, claimed ? (Object) lease.until().toEpochMilli() : TypedNull.BIGINT);
        keepApart(seq, envelope);
        return queued;
    }

    /**
     * Whether {@code r} may be born claimed: no earlier message with its ordering key is still
     * pending, in flight or dead, here or in this transaction. Otherwise it waits for the poll,
     * which keeps each leg in order. On PostgreSQL the leg's row is locked first, so two
     * transactions queueing for one leg see each other's messages (the second waits for the
     * first to commit, and its check then reads the committed row).
     */
    private boolean firstOutstanding(OutboxRecord r) {
        String key = r.orderingKey();
        if (key == null) {
            return true;
        }
        if (keysQueued.contains(key)) {
            return false;
        }
        if (legsCreated.contains(key)) {
            return true;
        }
        if (dialect == SqlDialect.POSTGRESQL && r.legId() != null) {
            raw("SELECT 1 FROM legs WHERE leg_id = ? FOR UPDATE", r.legId().toString());
        }
        return !raw("SELECT 1 FROM outbox WHERE ordering_key = ? AND status <> 'DELIVERED' LIMIT 1",
                key);
    }

    /** Runs a query without flushing deferred writes (the caller accounts for them); true when it found a row. */
    private boolean raw(String sql, String arg) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage() + " [" + abbreviate(sql) + "]", e);
        }
    }

    /**
     * The next outbox sequence number. PostgreSQL: from the identity sequence, which steps by
     * {@link #SEQ_BLOCK} (migration V007), so that one {@code nextval} gives this transaction a
     * block of numbers (gaps are harmless; order holds because a later transaction fetches later
     * numbers). SQLite: writers are serialised, so the highest number plus one.
     */
    private long nextSeq() {
        if (dialect == SqlDialect.POSTGRESQL) {
            if (seqPool.isEmpty()) {
                long first = one("SELECT nextval(pg_get_serial_sequence('outbox', 'seq'))", rs -> rs.getLong(1))
                        .orElseThrow();
                for (long s = first; s < first + SEQ_BLOCK; s++) {
                    seqPool.add(s);
                }
            }
            return seqPool.poll();
        }
        if (sqliteNextSeq < 0) {
            flushDeferred();
            sqliteNextSeq = one("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox", rs -> rs.getLong(1)).orElse(1L);
        }
        return sqliteNextSeq++;
    }

    private static final Map<SqlDialect, String> ENQUEUE = SqlDialect.each("INSERT INTO outbox (message_id, destination,"
            + " ordering_key, message_type, to_member, case_id, leg_id, envelope, status, attempts, next_attempt_at,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ${UTF8_TEXT}, ?, 0, ?, ?)"
            + " ON CONFLICT (destination, message_id) DO NOTHING RETURNING seq");

    @Override
    public long enqueue(OutboxRecord r) {
        CanonicalJson envelope = storedEnvelope(r);
        Optional<Long> seq = one(ENQUEUE.get(dialect), rs -> rs.getLong(1), r.messageId().toString(), r.destination(), r.orderingKey(),
                r.type().wireName(), r.to().value(), text(r.caseId()), text(r.legId()), inRow(envelope),
                OutboxStatus.PENDING.name(), r.nextAttemptAt().toEpochMilli(), r.createdAt().toEpochMilli());
        seq.ifPresent(n -> keepApart(n, envelope));
        return seq.orElse(0L);
    }

    @Override
    public List<OutboxRecord> claim(String owner, Instant now, Duration lease, int limit, Collection<String> skip) {
        // Two passes, each on its own partial index: leases that expired (their process died)
        // first, then messages that are due. A message waits while an earlier one of its
        // ordering key is undelivered (or dead), so each leg is delivered in order.
        List<Long> seqs = new ArrayList<>(claimable("o.status = 'IN_FLIGHT' AND o.lease_until < ?", now, limit, skip));
        if (seqs.size() < limit) {
            seqs.addAll(claimable("o.status = 'PENDING' AND o.next_attempt_at <= ?", now, limit - seqs.size(), skip));
        }
        if (seqs.isEmpty()) {
            return List.of();
        }
        String in = "?,".repeat(seqs.size() - 1) + "?";
        List<Object> upd = new ArrayList<>(List.of(owner, now.plus(lease).toEpochMilli()));
        upd.addAll(seqs);
        update("UPDATE outbox SET status = 'IN_FLIGHT', lease_owner = ?, lease_until = ?, attempts = attempts + 1"
                + " WHERE seq IN (" + in + ")", upd.toArray());
        return list("SELECT " + outboxColumns + " FROM outbox WHERE seq IN (" + in + ") ORDER BY seq", SqlTx::outboxRow,
                seqs.toArray());
    }

    private List<Long> claimable(String condition, Instant now, int limit, Collection<String> skip) {
        StringBuilder sql = new StringBuilder("SELECT o.seq FROM outbox o WHERE ").append(condition);
        List<Object> args = new ArrayList<>(List.of(now.toEpochMilli()));
        if (!skip.isEmpty()) {
            sql.append(" AND o.destination NOT IN (").append("?,".repeat(skip.size() - 1)).append("?)");
            args.addAll(skip);
        }
        // The first open message of its ordering key, asked per candidate (a scalar subquery, which
        // the planner does not turn into a join over the whole table) of the open-order index.
        sql.append(" AND o.seq = (SELECT MIN(p.seq) FROM outbox p WHERE p.ordering_key = o.ordering_key"
                + " AND p.status <> 'DELIVERED')");
        sql.append(" ORDER BY o.seq LIMIT ?").append(dialect.skipLocked());
        args.add(limit);
        return list(sql.toString(), rs -> rs.getLong(1), args.toArray());
    }

    @Override
    public boolean markDelivered(long seq, String owner, Instant at, String receipt) {
        if (assuming()) {
            deferRows("outbox", MARK_DELIVERED, true, new Object[] {at.toEpochMilli(), receipt, seq, owner});
            return true;
        }
        return 1 == update(MARK_DELIVERED, at.toEpochMilli(), receipt, seq, owner);
    }

    @Override
    public boolean markRetry(long seq, String owner, Instant nextAttemptAt, String errorKey, String error) {
        return 1 == update("UPDATE outbox SET status = 'PENDING', next_attempt_at = ?, last_error_key = ?, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE seq = ? AND status = 'IN_FLIGHT' AND lease_owner = ?",
                nextAttemptAt.toEpochMilli(), errorKey, truncate(error), seq, owner);
    }

    @Override
    public int releaseClaims(Collection<Long> seqs, String owner, Instant now) {
        if (seqs.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(List.of(now.toEpochMilli(), owner));
        args.addAll(seqs);
        return update("UPDATE outbox SET status = 'PENDING', next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                + " WHERE status = 'IN_FLIGHT' AND lease_owner = ? AND seq IN (" + "?,".repeat(seqs.size() - 1) + "?)",
                args.toArray());
    }

    @Override
    public boolean markDead(long seq, String owner, Instant at, String errorKey, String error) {
        return 1 == update("UPDATE outbox SET status = 'DEAD', next_attempt_at = ?, last_error_key = ?, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE seq = ? AND status = 'IN_FLIGHT' AND lease_owner = ?",
                at.toEpochMilli(), errorKey, truncate(error), seq, owner);
    }

    @Override
    public List<OutboxRecord> expirePending(Instant cutoff, Instant now) {
        List<OutboxRecord> expired = list("SELECT " + outboxColumns + " FROM outbox WHERE status = 'PENDING'"
                + " AND created_at < ? ORDER BY seq" + dialect.forUpdate(), SqlTx::outboxRow, cutoff.toEpochMilli());
        for (OutboxRecord r : expired) {
            update("UPDATE outbox SET status = 'DEAD', next_attempt_at = ?, last_error_key = 'max_age',"
                    + " last_error = COALESCE(last_error, 'never delivered') WHERE seq = ? AND status = 'PENDING'",
                    now.toEpochMilli(), r.seq());
        }
        return expired;
    }

    @Override
    public Optional<OutboxRecord> outbox(long seq) {
        return one("SELECT " + outboxColumns + " FROM outbox WHERE seq = ?", SqlTx::outboxRow, seq);
    }

    @Override
    public List<OutboxRecord> outboxOfLeg(LegId legId) {
        return list("SELECT " + outboxColumns + " FROM outbox WHERE leg_id = ? ORDER BY seq", SqlTx::outboxRow,
                legId.toString());
    }

    @Override
    public List<OutboxRecord> deadLetters(DeadLetterFilter f) {
        if (f.destination() != null) {
            return list("SELECT " + outboxColumns + " FROM outbox WHERE status = 'DEAD' AND destination = ?"
                    + " ORDER BY seq LIMIT ?", SqlTx::outboxRow, f.destination(), f.limit());
        }
        return list("SELECT " + outboxColumns + " FROM outbox WHERE status = 'DEAD' ORDER BY seq LIMIT ?",
                SqlTx::outboxRow, f.limit());
    }

    private static final Map<SqlDialect, String> REDRIVE = SqlDialect.each("UPDATE outbox SET status = 'PENDING',"
            + " attempts = 0, next_attempt_at = ?, created_at = ?, envelope = ${UTF8_TEXT}, last_error_key = NULL"
            + " WHERE seq = ? AND status = 'DEAD'");

    @Override
    public boolean redrive(long seq, Instant now, CanonicalJson envelope) {
        return update(REDRIVE.get(dialect), now.toEpochMilli(), now.toEpochMilli(), envelope, seq) == 1;
    }

    @Override
    public List<OutboxStats> outboxStats(Instant now) {
        return list("SELECT destination,"
                        + " SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = 'IN_FLIGHT' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = 'DEAD' THEN 1 ELSE 0 END),"
                        + " MIN(CASE WHEN status IN ('PENDING', 'IN_FLIGHT') THEN created_at END)"
                        + " FROM outbox WHERE status <> 'DELIVERED' GROUP BY destination ORDER BY destination",
                rs -> {
                    long oldest = rs.getLong(5);
                    Duration age = rs.wasNull() ? Duration.ZERO : Duration.ofMillis(Math.max(0, now.toEpochMilli() - oldest));
                    return new OutboxStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), age);
                });
    }

    private static OutboxRecord outboxRow(ResultSet rs) throws SQLException {
        long delivered = rs.getLong("delivered_at");
        Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
        return new OutboxRecord(rs.getLong("seq"), MessageId.parse(rs.getString("message_id")),
                rs.getString("destination"), rs.getString("ordering_key"),
                MessageType.fromWireName(rs.getString("message_type")), MemberId.of(rs.getString("to_member")),
                caseId(rs.getString("case_id")), legId(rs.getString("leg_id")), CanonicalJson.ofNullable(rs.getString("envelope")),
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("last_error_key"), rs.getString("last_error"), deliveredAt, rs.getString("receipt"));
    }

    // ---- cases and legs ---------------------------------------------------------------------------

    @Override
    public void insertCase(CaseRecord r) {
        insertCase(r, "");
    }

    @Override
    public void insertCaseIfAbsentLater(CaseRecord r) {
        defer("cases", "INSERT INTO cases (" + CASE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (case_id) DO NOTHING", r.caseId().toString(), r.homeMember().value(),
                r.creditCode().value(), r.enterpriseName(), r.status().name(),
                r.appliedOn() == null ? null : r.appliedOn().toString(), r.homeReference(), r.createdBy(),
                r.createdAt().toEpochMilli(), r.updatedAt().toEpochMilli(), r.detail());
    }

    @Override
    public boolean insertCaseIfAbsent(CaseRecord r) {
        return insertCase(r, " ON CONFLICT (case_id) DO NOTHING") == 1;
    }

    private int insertCase(CaseRecord r, String onConflict) {
        return update("INSERT INTO cases (" + CASE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + onConflict,
                r.caseId().toString(), r.homeMember().value(), r.creditCode().value(), r.enterpriseName(),
                r.status().name(), r.appliedOn() == null ? null : r.appliedOn().toString(), r.homeReference(),
                r.createdBy(), r.createdAt().toEpochMilli(), r.updatedAt().toEpochMilli(), r.detail());
    }

    @Override
    public Optional<CaseRecord> findCase(CaseId caseId) {
        return one("SELECT " + CASE_COLUMNS + " FROM cases WHERE case_id = ?", SqlTx::caseRow, caseId.toString());
    }

    @Override
    public void updateCase(CaseRecord r) {
        update("UPDATE cases SET status = ?, updated_at = ? WHERE case_id = ?", r.status().name(),
                r.updatedAt().toEpochMilli(), r.caseId().toString());
    }

    @Override
    public List<CaseRecord> listCases(CaseFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + CASE_COLUMNS + " FROM cases c WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.homeMember() != null) {
            sql.append(" AND c.home_member = ?");
            args.add(f.homeMember().value());
        }
        if (f.creditCode() != null) {
            sql.append(" AND c.credit_code = ?");
            args.add(f.creditCode());
        }
        if (f.status() != null) {
            sql.append(" AND c.status = ?");
            args.add(f.status().name());
        }
        if (f.legState() != null || f.penalizingMember() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM legs l WHERE l.case_id = c.case_id");
            if (f.legState() != null) {
                sql.append(" AND l.state = ?");
                args.add(f.legState().name());
            }
            if (f.penalizingMember() != null) {
                sql.append(" AND l.penalizing_member = ?");
                args.add(f.penalizingMember().value());
            }
            sql.append(")");
        }
        if (f.afterCaseId() != null) {
            sql.append(" AND c.case_id > ?");
            args.add(f.afterCaseId());
        }
        sql.append(" ORDER BY c.case_id LIMIT ?");
        args.add(f.limit());
        return list(sql.toString(), SqlTx::caseRow, args.toArray());
    }

    private static CaseRecord caseRow(ResultSet rs) throws SQLException {
        String applied = rs.getString("applied_on");
        return new CaseRecord(CaseId.parse(rs.getString("case_id")), MemberId.of(rs.getString("home_member")),
                CreditCode.of(rs.getString("credit_code")), rs.getString("enterprise_name"),
                CaseStatus.valueOf(rs.getString("status")), applied == null ? null : LocalDate.parse(applied),
                rs.getString("home_reference"), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getString("detail"));
    }

    @Override
    public void insertLeg(LegRecord r) {
        insertLeg(r, "");
        legsCreated.add(r.legId().toString());
    }

    @Override
    public void insertLegLater(LegRecord r) {
        legsCreated.add(r.legId().toString());
        defer("legs", "INSERT INTO legs (leg_id, case_id, home_member, penalizing_member, state, decision_number, penalty,"
                        + " platform_reference, state_since, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                r.legId().toString(), r.caseId().toString(), r.homeMember().value(), r.penalizingMember().value(),
                r.state().name(), r.penalty().decisionNumber(), Records.penaltyToJson(r.penalty()), r.platformReference(),
                r.stateSince().toEpochMilli(), r.updatedAt().toEpochMilli());
    }

    @Override
    public boolean insertLegIfAbsent(LegRecord r) {
        boolean inserted = insertLeg(r, " ON CONFLICT (leg_id) DO NOTHING") == 1;
        if (inserted) {
            legsCreated.add(r.legId().toString());
        }
        return inserted;
    }

    private int insertLeg(LegRecord r, String onConflict) {
        return update("INSERT INTO legs (leg_id, case_id, home_member, penalizing_member, state, decision_number, penalty,"
                        + " platform_reference, state_since, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                        + onConflict,
                r.legId().toString(), r.caseId().toString(), r.homeMember().value(), r.penalizingMember().value(),
                r.state().name(), r.penalty().decisionNumber(), Records.penaltyToJson(r.penalty()), r.platformReference(),
                r.stateSince().toEpochMilli(), r.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<LegRecord> lockLeg(LegId legId) {
        return one("SELECT " + LEG_COLUMNS + " FROM legs WHERE leg_id = ?" + dialect.forUpdate(), SqlTx::legRow,
                legId.toString());
    }

    @Override
    public Optional<LegRecord> findLeg(LegId legId) {
        return one("SELECT " + LEG_COLUMNS + " FROM legs WHERE leg_id = ?", SqlTx::legRow, legId.toString());
    }

    @Override
    public boolean updateLeg(LegRecord r) {
        return update("UPDATE legs SET state = ?, platform_reference = ?, state_since = ?, updated_at = ?,"
                        + " version = version + 1 WHERE leg_id = ? AND version = ?", r.state().name(),
                r.platformReference(), r.stateSince().toEpochMilli(), r.updatedAt().toEpochMilli(),
                r.legId().toString(), r.version()) == 1;
    }

    @Override
    public void setPlatformReference(LegId legId, String reference, Instant at) {
        defer("legs", "UPDATE legs SET platform_reference = ?, updated_at = ? WHERE leg_id = ?", reference, at.toEpochMilli(),
                legId.toString());
    }

    @Override
    public List<LegRecord> legsOfCase(CaseId caseId) {
        return list("SELECT " + LEG_COLUMNS + " FROM legs WHERE case_id = ? ORDER BY leg_id", SqlTx::legRow,
                caseId.toString());
    }

    @Override
    public List<LegRecord> legsOfCases(Collection<CaseId> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        return list("SELECT " + LEG_COLUMNS + " FROM legs WHERE case_id IN (" + "?,".repeat(caseIds.size() - 1)
                + "?) ORDER BY case_id, leg_id", SqlTx::legRow, caseIds.stream().map(CaseId::toString).toArray());
    }

    private static LegRecord legRow(ResultSet rs) throws SQLException {
        return new LegRecord(LegId.parse(rs.getString("leg_id")), CaseId.parse(rs.getString("case_id")),
                MemberId.of(rs.getString("home_member")), MemberId.of(rs.getString("penalizing_member")),
                LegState.valueOf(rs.getString("state")), Records.penaltyFromJson(rs.getString("penalty")),
                rs.getString("platform_reference"), Instant.ofEpochMilli(rs.getLong("state_since")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("version"));
    }

    @Override
    public void appendEvent(LegEvent e) {
        defer("leg_events", "INSERT INTO leg_events (case_id, leg_id, at, kind, from_state, to_state, message_id, actor, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.caseId().toString(), e.legId().toString(),
                e.at().toEpochMilli(), e.kind().name(), e.fromState() == null ? null : e.fromState().name(),
                e.toState() == null ? null : e.toState().name(), text(e.messageId()), e.actor(), e.detail());
    }

    @Override
    public List<LegEvent> eventsOfCase(CaseId caseId) {
        return list("SELECT * FROM leg_events WHERE case_id = ? ORDER BY seq", rs -> {
            String from = rs.getString("from_state");
            String to = rs.getString("to_state");
            String msg = rs.getString("message_id");
            return new LegEvent(rs.getLong("seq"), CaseId.parse(rs.getString("case_id")),
                    LegId.parse(rs.getString("leg_id")), Instant.ofEpochMilli(rs.getLong("at")),
                    EventKind.valueOf(rs.getString("kind")), from == null ? null : LegState.valueOf(from),
                    to == null ? null : LegState.valueOf(to), msg == null ? null : MessageId.parse(msg),
                    rs.getString("actor"), rs.getString("detail"));
        }, caseId.toString());
    }

    // ---- idempotency --------------------------------------------------------------------------------

    @Override
    public boolean recordPlatformEvent(MemberId member, String eventId, LegId legId, Instant at) {
        return update("INSERT INTO platform_events (member, event_id, leg_id, received_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (member, event_id) DO NOTHING", member.value(), eventId, text(legId), at.toEpochMilli()) == 1;
    }

    @Override
    public Optional<IdempotentCreation> idempotentCreation(MemberId member, String key) {
        return one("SELECT request_sha256, case_id FROM idempotency_keys WHERE member = ? AND idem_key = ?",
                rs -> new IdempotentCreation(rs.getString(1), CaseId.parse(rs.getString(2))), member.value(), key);
    }

    @Override
    public void recordIdempotentCreation(MemberId member, String key, String requestSha256, CaseId caseId, Instant at) {
        update("INSERT INTO idempotency_keys (member, idem_key, request_sha256, case_id, created_at) VALUES (?, ?, ?, ?, ?)",
                member.value(), key, requestSha256, caseId.toString(), at.toEpochMilli());
    }

    // ---- adapter feed positions ---------------------------------------------------------------------

    @Override
    public Optional<String> adapterCursor(MemberId member, String feed) {
        return one("SELECT cursor FROM adapter_cursors WHERE member = ? AND feed = ?", rs -> rs.getString(1),
                member.value(), feed);
    }

    @Override
    public void saveAdapterCursor(MemberId member, String feed, String cursor, Instant at) {
        update("INSERT INTO adapter_cursors (member, feed, cursor, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (member, feed) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
                member.value(), feed, cursor, at.toEpochMilli());
    }

    // ---- SLA timers -----------------------------------------------------------------------------------

    private static final String TIMER_COLUMNS = "leg_id, clock, case_id, home_member, penalizing_member, profile,"
            + " within_limit, escalate, status, started_at, pauses, paused_at, due_at, lease_owner, lease_until, fired_at,"
            + " updated_at";

    @Override
    public void insertSlaTimer(SlaTimer t) {
        ClockRun r = t.run();
        update("INSERT INTO sla_timers (" + TIMER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)"
                        + " ON CONFLICT (leg_id, clock) DO NOTHING", t.legId().toString(), r.clock().name(),
                t.caseId().toString(), t.homeMember().value(), t.penalizingMember().value(), r.profile(), r.limit().text(),
                r.escalate() ? 1 : 0, r.status().name(), r.startedAt().toEpochMilli(), Records.pausesToText(r.pauses()),
                millis(r.pausedAt()), millis(t.dueAt()), millis(t.firedAt()), t.updatedAt().toEpochMilli());
    }

    @Override
    public void updateSlaTimer(SlaTimer t) {
        ClockRun r = t.run();
        update("UPDATE sla_timers SET status = ?, pauses = ?, paused_at = ?, due_at = ?, fired_at = ?, updated_at = ?"
                        + " WHERE leg_id = ? AND clock = ?", r.status().name(), Records.pausesToText(r.pauses()),
                millis(r.pausedAt()), millis(t.dueAt()), millis(t.firedAt()), t.updatedAt().toEpochMilli(),
                t.legId().toString(), r.clock().name());
    }

    @Override
    public List<SlaTimer> slaTimersOfLeg(LegId legId) {
        return list("SELECT " + TIMER_COLUMNS + " FROM sla_timers WHERE leg_id = ? ORDER BY clock", SqlTx::timerRow,
                legId.toString());
    }

    @Override
    public List<SlaTimer> slaTimersOfCase(CaseId caseId) {
        return list("SELECT " + TIMER_COLUMNS + " FROM sla_timers WHERE case_id = ? ORDER BY leg_id, clock",
                SqlTx::timerRow, caseId.toString());
    }

    @Override
    public Optional<SlaTimer> slaTimer(LegId legId, SlaClock clock) {
        return one("SELECT " + TIMER_COLUMNS + " FROM sla_timers WHERE leg_id = ? AND clock = ?", SqlTx::timerRow,
                legId.toString(), clock.name());
    }

    @Override
    public List<SlaTimer> claimSlaTimers(String owner, Instant now, Duration lease, int limit) {
        long at = now.toEpochMilli();
        List<String[]> keys = list("SELECT leg_id, clock FROM sla_timers WHERE status = 'RUNNING' AND due_at <= ?"
                        + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at LIMIT ?" + dialect.skipLocked(),
                rs -> new String[] {rs.getString(1), rs.getString(2)}, at, at, limit);
        List<SlaTimer> claimed = new ArrayList<>();
        for (String[] k : keys) {
            update("UPDATE sla_timers SET lease_owner = ?, lease_until = ? WHERE leg_id = ? AND clock = ?", owner,
                    now.plus(lease).toEpochMilli(), k[0], k[1]);
            claimed.add(slaTimer(LegId.parse(k[0]), SlaClock.valueOf(k[1])).orElseThrow());
        }
        return claimed;
    }

    @Override
    public boolean markSlaTimerBreached(LegId legId, SlaClock clock, String owner, Instant at) {
        return update("UPDATE sla_timers SET status = 'BREACHED', fired_at = ?, due_at = NULL, lease_owner = NULL,"
                        + " lease_until = NULL, updated_at = ? WHERE leg_id = ? AND clock = ? AND status = 'RUNNING'"
                        + " AND lease_owner = ?", at.toEpochMilli(), at.toEpochMilli(), legId.toString(), clock.name(),
                owner) == 1;
    }

    @Override
    public void releaseSlaTimer(LegId legId, SlaClock clock, String owner) {
        update("UPDATE sla_timers SET lease_owner = NULL, lease_until = NULL WHERE leg_id = ? AND clock = ?"
                + " AND lease_owner = ?", legId.toString(), clock.name(), owner);
    }

    @Override
    public List<SlaTimer> unscheduledSlaTimers(int limit) {
        return list("SELECT " + TIMER_COLUMNS + " FROM sla_timers WHERE status = 'RUNNING' AND due_at IS NULL"
                + " ORDER BY started_at LIMIT ?", SqlTx::timerRow, limit);
    }

    private static SlaTimer timerRow(ResultSet rs) throws SQLException {
        ClockRun.Status status = ClockRun.Status.valueOf(rs.getString("status"));
        ClockRun run = new ClockRun(SlaClock.valueOf(rs.getString("clock")), rs.getString("profile"),
                SlaLimit.parse(rs.getString("within_limit")), rs.getInt("escalate") == 1,
                Instant.ofEpochMilli(rs.getLong("started_at")), Records.pausesFromText(rs.getString("pauses")),
                instant(rs, "paused_at"), status);
        return new SlaTimer(LegId.parse(rs.getString("leg_id")), CaseId.parse(rs.getString("case_id")),
                MemberId.of(rs.getString("home_member")), MemberId.of(rs.getString("penalizing_member")), run,
                instant(rs, "due_at"), rs.getString("lease_owner"), instant(rs, "lease_until"), instant(rs, "fired_at"),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** Epoch milliseconds, or a null that PostgreSQL takes for a BIGINT column. */
    private static Object millis(Instant t) {
        return t == null ? TypedNull.BIGINT : (Object) t.toEpochMilli();
    }

    /** A null bound with its SQL type (a plain null is bound as VARCHAR, which PostgreSQL will not put in a BIGINT). */
    private enum TypedNull {
        BIGINT,
        /** A NULL for a {@code ${UTF8_TEXT}} parameter, which PostgreSQL reads as bytes. */
        BYTES
    }

    // ---- audit --------------------------------------------------------------------------------------

    @Override
    public AuditEntry audit(Instant at, String actor, String member, String action, String subject, String detail) {
        Object[] head = one("SELECT last_seq, last_hash FROM audit_head WHERE id = 1" + dialect.forUpdate(),
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}).orElseThrow();
        long seq = (Long) head[0] + 1;
        String prev = (String) head[1];
        String hash = auditHash(prev, seq, at, actor, member, action, subject, detail);
        update("INSERT INTO audit_log (seq, at, actor, member, action, subject, detail, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, at.toEpochMilli(), actor, member, action, subject, detail,
                prev, hash);
        update("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
        return new AuditEntry(seq, at, actor, member, action, subject, detail, prev, hash);
    }

    /** The chained hash of one audit line; fields are separated by a unit separator. */
    static String auditHash(String prev, long seq, Instant at, String actor, String member, String action,
                            String subject, String detail) {
        return org.tongban.gateway.store.AuditChain.hash(prev, seq, at, actor, member, action, subject, detail);
    }

    @Override
    public List<AuditEntry> auditLog(long afterSeq, int limit) {
        return list("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", rs -> new AuditEntry(rs.getLong("seq"),
                Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"), rs.getString("member"),
                rs.getString("action"), rs.getString("subject"), rs.getString("detail"), rs.getString("prev_hash"),
                rs.getString("hash")), afterSeq, limit);
    }

    // ---- JDBC plumbing --------------------------------------------------------------------------------

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    int update(String sql, Object... args) {
        beforeImmediate(sql);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage() + " [" + abbreviate(sql) + "]", e);
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = list(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        beforeImmediate(sql);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage() + " [" + abbreviate(sql) + "]", e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (a == TypedNull.BIGINT) {
                ps.setNull(i + 1, Types.BIGINT);
            } else if (a == TypedNull.BYTES) {
                ps.setNull(i + 1, Types.BINARY);
            } else if (a instanceof CanonicalJson) {
                // bound as its UTF-8 bytes to a ${UTF8_TEXT} parameter, which stores them as text
                ps.setBytes(i + 1, ((CanonicalJson) a).utf8());
            } else if (a instanceof Long) {
                ps.setLong(i + 1, (Long) a);
            } else if (a instanceof Integer) {
                ps.setInt(i + 1, (Integer) a);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }

    private static CaseId caseId(String s) {
        return s == null ? null : CaseId.parse(s);
    }

    private static LegId legId(String s) {
        return s == null ? null : LegId.parse(s);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 120 ? sql : sql.substring(0, 117) + "...";
    }
}
