package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.PublicityEndCause;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The store operations of penalty sharing (信息共享) inside one transaction ({@link Tx#sharing()}):
 * feed positions and shared penalties on the penalizing side, received notices on the home side.
 * The periodic claims ({@link #claimDueReminders}, {@link #claimAutomaticEnds}) lock the rows they
 * take and skip rows another transaction holds, so several processes on one PostgreSQL share the
 * work without taking a row twice.
 */
public interface SharingTx {
    // ---- penalizing side ----------------------------------------------------------------------

    /** Where a hosted member's penalty feed was read up to, if it was read before. */
    Optional<String> penaltyFeedPosition(MemberId member);

    /**
     * Moves a member's feed position from {@code expected} ({@code null}: never read) to
     * {@code next}; false when another transaction moved it first (the caller then stores nothing
     * of its page). On PostgreSQL the row stays locked until this transaction ends.
     */
    boolean advancePenaltyFeed(MemberId member, String expected, String next, Instant at);

    /**
     * Records penalties shared (deferred, batched); one already recorded is left as it is. The
     * records of one message come in the order its envelope carries their notices, and that
     * envelope is stored (queued in the outbox, or handed over to the inbox) in the same
     * transaction: the details of a penalty whose automatic end is due are read from it.
     */
    void recordSharedLater(List<SharedPenaltyRecord> records);

    /**
     * Takes up to {@code limit} shared penalties whose publicity ended by itself on or before
     * {@code today} and not yet recorded as ended, locking them; the caller records each with
     * {@link #markAutomaticallyEnded}.
     */
    List<SharedPenaltyRecord> claimAutomaticEnds(LocalDate today, int limit);

    void markAutomaticallyEnded(MemberId penalizingMember, String decisionNumber, Instant at, MessageId endMessageId);

    // ---- home side ------------------------------------------------------------------------------

    /** Stores received notices (deferred, batched); a decision already stored is left as it is. */
    void insertNoticesLater(List<NoticeRecord> notices);

    Optional<NoticeRecord> notice(String noticeId);

    Optional<NoticeRecord> noticeOfPenalty(MemberId penalizingMember, String decisionNumber);

    /** Whether a notice of the penalty is stored, without reading its details from its envelope. */
    boolean hasNoticeOfPenalty(MemberId penalizingMember, String decisionNumber);

    List<NoticeRecord> listNotices(NoticeFilter filter);

    /** Links the case opened from a notice; false when it already has one. */
    boolean linkCase(String noticeId, CaseId caseId);

    /** Marks a notice's publicity ended; false when there is no such notice or it had ended already. */
    boolean endNotice(MemberId penalizingMember, String decisionNumber, LocalDate endedOn, PublicityEndCause cause);

    /**
     * Takes up to {@code limit} notices whose earliest application day is {@code today} or before
     * and whose publicity has not ended by itself by then, not reminded, not ended and without a
     * case, and marks them reminded at {@code at}; returns them. A notice is taken once, whatever
     * the number of processes.
     */
    List<NoticeRecord> claimDueReminders(LocalDate today, Instant at, int limit);
}
