package org.tongban.gateway.sharing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.Tx;
import org.tongban.ops.rules.EligibilityRules;
import org.tongban.ops.rules.PublicityTerms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The home side of penalty sharing, inside the transaction that stores a received envelope: the
 * notices of a {@code PenaltyNotice} or {@code PenaltyNoticeBatch} become one row per penalty
 * decision (a decision already stored stays as it is), with the dates the publicity rules give it
 * (earliest application, automatic end); a {@code PublicityEnded} marks its notice ended. The
 * envelope was verified before (signature, and for a batch every notice against the signed tree root).
 */
public final class ReceivedNotices {
    private static final Logger LOG = LoggerFactory.getLogger(ReceivedNotices.class);

    private final EligibilityRules rules;
    private final Ids ids;
    private final GatewayMetrics metrics;

    public ReceivedNotices(EligibilityRules rules, Ids ids, GatewayMetrics metrics) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Stores the notices of a verified {@code PenaltyNotice} or {@code PenaltyNoticeBatch} sent to a hosted member. */
    public void receive(Tx tx, Envelope e, Instant now) {
        List<NoticeRecord> records = new ArrayList<>();
        if (e.payload() instanceof PenaltyNoticeBatch) {
            PenaltyNoticeBatch batch = (PenaltyNoticeBatch) e.payload();
            List<PenaltyNotice> notices = batch.notices();
            for (int i = 0; i < notices.size(); i++) {
                records.add(record(e, notices.get(i), batch.batchId(), i, now));
            }
        } else if (e.payload() instanceof PenaltyNotice) {
            records.add(record(e, (PenaltyNotice) e.payload(), null, null, now));
        } else {
            throw new IllegalArgumentException("not a penalty notice: " + e.type());
        }
        tx.sharing().insertNoticesLater(records);
        int count = records.size();
        tx.afterCommit(() -> metrics.noticesReceived(e.to().value(), e.from().value(), e.type().wireName(), count));
    }

    private NoticeRecord record(Envelope e, PenaltyNotice n, String batchId, Integer leafIndex, Instant now) {
        Optional<PublicityTerms> terms = rules.terms(n.penalty().decisionDate(), n.penalty().category());
        return NoticeRecord.received(ids.next().toString(), e.to(), n, e.messageId(), batchId, leafIndex, now,
                terms.map(PublicityTerms::earliestApplication).orElse(null),
                terms.map(PublicityTerms::automaticEnd).orElse(null));
    }

    /**
     * A {@code PublicityEnded} at the home member (免申享 at the maximum period, or the end of a
     * repair): the notice of that penalty ends. Only the member whose authority made the finding
     * ends its publicity (谁认定、谁修复). When an end shared outside any case finds no notice of the
     * penalty (the end overtook it, or the penalty was never shared), one is stored from the
     * message, already ended, so the office sees the end and a late notice changes nothing.
     */
    public void publicityEnded(Tx tx, Envelope e, Instant now) {
        PublicityEnded ended = (PublicityEnded) e.payload();
        PenaltyReference p = ended.penalty();
        if (!p.penalizingMember().equals(e.from())) {
            if (e.legId() != null) {
                return; // the leg's own checks decide about such a message; there is no notice to end
            }
            throw new ContractException(ErrorCode.NOT_A_PARTY, "/payload/penalty/penalizingMember",
                    "member " + e.from() + " may not end the publicity of a penalty of " + p.penalizingMember());
        }
        if (tx.sharing().endNotice(p.penalizingMember(), p.decisionNumber(), ended.endedOn(), ended.cause())) {
            return;
        }
        if (e.legId() != null || tx.sharing().hasNoticeOfPenalty(p.penalizingMember(), p.decisionNumber())) {
            return; // the end of a case's leg, or a notice ended before: nothing more to keep
        }
        MemberId home = ended.enterprise().creditCode().homeMember();
        if (!home.equals(e.to())) {
            LOG.warn("PublicityEnded {} from {} is about {} of {}, an enterprise of {}, not of {}; no notice kept",
                    e.messageId(), e.from(), p.decisionNumber(), ended.enterprise().creditCode(), home, e.to());
            return;
        }
        NoticeRecord fresh = record(e, new PenaltyNotice(ended.enterprise(), p, null, null), null, null, now);
        tx.sharing().insertNoticesLater(List.of(fresh));
        tx.sharing().endNotice(p.penalizingMember(), p.decisionNumber(), ended.endedOn(), ended.cause());
    }
}
