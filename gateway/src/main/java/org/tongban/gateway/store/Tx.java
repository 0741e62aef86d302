package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The operations available inside one store transaction. */
public interface Tx {
    /**
     * Runs {@code work} so that, if it throws, only its own writes are undone and the rest of the
     * transaction stands (a savepoint). Used to commit many independent messages in one transaction.
     */
    <T> T withSavepoint(java.util.function.Supplier<T> work);

    /**
     * Runs {@code action} once this transaction has committed (never when it rolls back, nor when
     * the savepoint it was registered under is rolled back). Used to hand new outbox rows to the
     * delivery engine at once instead of waiting for its next poll.
     */
    void afterCommit(Runnable action);

    /**
     * Lets this transaction assume the outcome of its checked writes ({@link #insertInbox} finds no
     * earlier record, {@link #markDelivered} still holds the lease) and send them with its other
     * deferred writes in one batch at commit, instead of one round trip each. Should an assumption
     * prove false when the batch is sent, the transaction fails as a whole and nothing of it is
     * stored; so only a caller that then runs the same work again without assuming may call it
     * (the group committer's first attempt). Inside {@link #withSavepoint} nothing is assumed.
     */
    void assumeChecks();

    // ---- inbox ----------------------------------------------------------------------------

    /** Inserts unless a record with the message id exists; true when inserted. */
    boolean insertInbox(InboxRecord record);

    Optional<InboxRecord> inbox(MessageId messageId);

    List<InboxRecord> inboxOfLeg(LegId legId);

    // ---- penalty sharing --------------------------------------------------------------------

    /** Penalty sharing (信息共享) in this transaction: feed positions, shared penalties, received notices. */
    SharingTx sharing();

    // ---- outbox ---------------------------------------------------------------------------

    /**
     * Queues a message with the transaction's other deferred writes (one batch with the rest of a
     * group commit) and returns it with its sequence number. With a {@code lease}, the row is
     * born claimed by that owner, so that the process that queued it delivers it as soon as the
     * transaction commits, without a claim; should it die first, the lease expires and any
     * process claims the row. A message is born claimed only when no earlier message of its
     * ordering key is pending, in flight or dead; otherwise it is queued pending (the returned
     * record says which) and the poll claims it in order. Sequence numbers grow within and across transactions, so messages
     * of one leg queued under its lock keep their order.
     */
    OutboxRecord enqueueLater(OutboxRecord record, Lease lease);

    /** Who holds a born-claimed outbox row, until when. */
    record Lease(String owner, Instant until) {
    }

    /** Queues a message; returns its sequence number. A repeated (destination, message id) is ignored and returns 0. */
    long enqueue(OutboxRecord record);

    /**
     * Claims due messages for delivery under a lease: pending ones whose time has come, and
     * in-flight ones whose lease expired (their process died). A message is only claimed when
     * no earlier message with its ordering key is still undelivered. Destinations in
     * {@code skipDestinations} (open circuits, full concurrency) are left alone.
     */
    List<OutboxRecord> claim(String owner, Instant now, Duration lease, int limit, Collection<String> skipDestinations);

    /** Marks a claimed message delivered; false when this owner no longer holds its lease. */
    boolean markDelivered(long seq, String owner, Instant at, String receipt);

    /** Gives a claimed message back for a later attempt; false when this owner no longer holds its lease. */
    boolean markRetry(long seq, String owner, Instant nextAttemptAt, String errorKey, String error);

    /**
     * Gives claimed messages back unattempted, due now (no error recorded): what a process holds
     * more of than it keeps in memory is left to the next claim. Returns how many it still held.
     */
    int releaseClaims(Collection<Long> seqs, String owner, Instant now);

    /** Dead-letters a claimed message; false when this owner no longer holds its lease. */
    boolean markDead(long seq, String owner, Instant at, String errorKey, String error);

    /** Pending messages older than {@code cutoff} become dead letters; returns them. */
    List<OutboxRecord> expirePending(Instant cutoff, Instant now);

    Optional<OutboxRecord> outbox(long seq);

    List<OutboxRecord> outboxOfLeg(LegId legId);

    List<OutboxRecord> deadLetters(DeadLetterFilter filter);

    /** Puts a dead letter back to pending, due now, with its attempts reset; false when it is not dead. */
    boolean redrive(long seq, Instant now, CanonicalJson envelope);

    List<OutboxStats> outboxStats(Instant now);

    // ---- cases and legs ---------------------------------------------------------------------

    void insertCase(CaseRecord record);

    /** Inserts the case unless one with its id exists; true when inserted. */
    boolean insertCaseIfAbsent(CaseRecord record);

    /** As {@link #insertCaseIfAbsent}, written with the transaction's deferred writes. */
    void insertCaseIfAbsentLater(CaseRecord record);

    Optional<CaseRecord> findCase(CaseId caseId);

    void updateCase(CaseRecord record);

    List<CaseRecord> listCases(CaseFilter filter);

    void insertLeg(LegRecord record);

    /** Inserts the leg unless one with its id exists; true when inserted. */
    boolean insertLegIfAbsent(LegRecord record);

    /** Inserts a new leg with the transaction's deferred writes (after any deferred case insert). */
    void insertLegLater(LegRecord record);

    /** The leg, locked against concurrent updates until the transaction ends. */
    Optional<LegRecord> lockLeg(LegId legId);

    Optional<LegRecord> findLeg(LegId legId);

    /** Writes a leg if its version is unchanged, incrementing it; false on a lost update. */
    boolean updateLeg(LegRecord record);

    List<LegRecord> legsOfCase(CaseId caseId);

    /** Records the platform's reference for a leg (not a state change; no version check); deferred. */
    void setPlatformReference(LegId legId, String reference, Instant at);

    List<LegRecord> legsOfCases(Collection<CaseId> caseIds);

    /**
     * Appends a timeline event. Written with the transaction's deferred writes: at the latest at
     * commit, and before any statement of this transaction that reads the timeline.
     */
    void appendEvent(LegEvent event);

    List<LegEvent> eventsOfCase(CaseId caseId);

    // ---- idempotency ---------------------------------------------------------------------------

    /** Records a platform event id; false when it was already recorded (a duplicate). */
    boolean recordPlatformEvent(MemberId member, String eventId, LegId legId, Instant at);

    /** The case created earlier under an idempotency key, with the hash of that request. */
    Optional<IdempotentCreation> idempotentCreation(MemberId member, String key);

    void recordIdempotentCreation(MemberId member, String key, String requestSha256, CaseId caseId, Instant at);

    record IdempotentCreation(String requestSha256, CaseId caseId) {
    }

    // ---- adapter feed positions -------------------------------------------------------------------

    /** The saved position of a member's adapter in one of its platform's feeds, if any. */
    Optional<String> adapterCursor(MemberId member, String feed);

    /** Saves (inserts or replaces) the position of a member's adapter in one feed. */
    void saveAdapterCursor(MemberId member, String feed, String cursor, Instant at);

    // ---- SLA timers ------------------------------------------------------------------------------

    /** Inserts a timer unless the leg already has one for that clock. */
    void insertSlaTimer(SlaTimer timer);

    /** Writes a timer's run, deadline and update time (not its lease). */
    void updateSlaTimer(SlaTimer timer);

    List<SlaTimer> slaTimersOfLeg(LegId legId);

    List<SlaTimer> slaTimersOfCase(CaseId caseId);

    Optional<SlaTimer> slaTimer(LegId legId, org.tongban.contracts.message.SlaClock clock);

    /**
     * Claims running timers due at {@code now} whose lease is free or expired, oldest deadline
     * first, for {@code owner} until {@code now + lease}. Concurrent claimers on PostgreSQL skip
     * each other's rows (SKIP LOCKED).
     */
    List<SlaTimer> claimSlaTimers(String owner, Instant now, Duration lease, int limit);

    /** Marks a claimed, running timer breached at {@code at}; false when it is not running or not held by {@code owner}. */
    boolean markSlaTimerBreached(LegId legId, org.tongban.contracts.message.SlaClock clock, String owner, Instant at);

    /** Gives up {@code owner}'s lease on a timer it will not fire (stopped or moved meanwhile). */
    void releaseSlaTimer(LegId legId, org.tongban.contracts.message.SlaClock clock, String owner);

    /** Running timers without a deadline (the calendar lacked a year when they were scheduled). */
    List<SlaTimer> unscheduledSlaTimers(int limit);

    // ---- audit -------------------------------------------------------------------------------

    /** Appends to the hash chain. */
    AuditEntry audit(Instant at, String actor, String member, String action, String subject, String detail);

    List<AuditEntry> auditLog(long afterSeq, int limit);
}
