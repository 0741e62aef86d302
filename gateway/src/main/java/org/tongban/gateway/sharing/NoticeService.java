package org.tongban.gateway.sharing;

import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.gateway.cases.CaseService;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.cases.NewCase;
import org.tongban.gateway.store.InboxRecord;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.Tx;
import org.tongban.ops.rules.Eligibility;
import org.tongban.ops.rules.EligibilityCode;
import org.tongban.ops.rules.EligibilityReason;
import org.tongban.ops.rules.EligibilityRules;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The home office's view of penalty notices (处罚信息共享): its member's notices of penalties
 * imposed elsewhere, each with whether it can be repaired today and why not, and a case opened
 * from a notice in one step (联动代办), its one leg going back to the penalizing member. A clerk
 * sees only the notices of its own member; another member's notice is "not found". Blocking:
 * call from a worker.
 */
public final class NoticeService {
    private final Store store;
    private final CaseService cases;
    private final EligibilityRules rules;
    private final Clock clock;

    public NoticeService(Store store, CaseService cases, EligibilityRules rules, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The notices the clerk may see that match {@code filter}, in arrival order. */
    public List<NoticeView> list(Clerk clerk, NoticeFilter filter) {
        NoticeFilter scoped = clerk.seesEveryMember() ? filter : new NoticeFilter(clerk.member(), filter.penalizingMember(),
                filter.creditCode(), filter.ended(), filter.limit(), filter.afterNoticeId());
        LocalDate today = ChinaCalendarDay.today(clock);
        List<NoticeView> out = new ArrayList<>();
        for (NoticeRecord n : store.read(tx -> tx.sharing().listNotices(scoped))) {
            out.add(new NoticeView(n, eligibility(n, today), null));
        }
        return out;
    }

    /** One notice, with its inclusion proof when it came in a batch. */
    public NoticeView get(Clerk clerk, String noticeId) {
        record Found(NoticeRecord notice, Optional<InboxRecord> batch) {
        }
        Found f = store.read(tx -> {
            NoticeRecord n = visible(tx, clerk, noticeId);
            return new Found(n, n.batchId() == null ? Optional.empty() : tx.inbox(n.messageId()));
        });
        NoticeProof proof = f.batch().map(b -> BatchProofs.proof(b.envelope().text(), f.notice().leafIndex())).orElse(null);
        return new NoticeView(f.notice(), eligibility(f.notice(), ChinaCalendarDay.today(clock)), proof);
    }

    /**
     * Opens a case from a notice at the clerk's member, with one leg to the penalizing member,
     * through the office's ordinary filing. A notice opens one case: asking again answers that
     * case, marked as a replay. A notice whose publicity ended is refused ({@code NOT_ELIGIBLE}).
     *
     * @param requestBytes the request as received (canonical), which makes the filing idempotent per notice
     */
    public CaseService.Filing openCase(Clerk clerk, String noticeId, CaseFromNotice request, byte[] requestBytes) {
        NoticeRecord n = store.read(tx -> visible(tx, clerk, noticeId));
        if (!n.homeMember().equals(clerk.member())) {
            throw new ContractException(ErrorCode.FORBIDDEN, "", "only the office of member " + n.homeMember()
                    + " opens cases from its notices");
        }
        if (n.caseId() != null) {
            return new CaseService.Filing(cases.get(clerk, n.caseId()), true);
        }
        if (n.ended()) {
            throw new ContractException(ErrorCode.NOT_ELIGIBLE, "", "publicity of penalty " + n.penalty().decisionNumber()
                    + " ended on " + n.endedOn() + " (" + n.endCause() + "); there is nothing to repair");
        }
        LocalDate appliedOn = request.appliedOn() != null ? request.appliedOn() : ChinaCalendarDay.today(clock);
        NewCase filing = new NewCase(n.enterprise(), List.of(n.penalty()), appliedOn, request.homeReference(),
                request.contacts(), request.materials(), request.deferredMaterials(), request.statement(), null);
        // The notice is the idempotency key: a retry after a lost answer finds the case filed the first time.
        CaseService.Filing filed = cases.file(clerk, filing, "notice:" + noticeId, requestBytes);
        store.inTransaction(tx -> tx.sharing().linkCase(noticeId, filed.view().record().caseId()));
        return filed;
    }

    private static NoticeRecord visible(Tx tx, Clerk clerk, String noticeId) {
        Optional<NoticeRecord> n = tx.sharing().notice(noticeId);
        if (n.isEmpty() || !(clerk.seesEveryMember() || n.get().homeMember().equals(clerk.member()))) {
            // not found rather than forbidden: a clerk learns nothing about other members' notices
            throw new ContractException(ErrorCode.NOTICE_NOT_FOUND, "", "no penalty notice " + noticeId);
        }
        return n.get();
    }

    /** The rules' answer for today, and the end of publicity when the penalizing member reported it. */
    Eligibility eligibility(NoticeRecord n, LocalDate today) {
        Eligibility e = rules.evaluate(n.penalty(), today);
        if (!n.ended() || e.reasons().stream().anyMatch(r -> r.code() == EligibilityCode.PUBLICITY_ALREADY_ENDED)) {
            return e;
        }
        boolean automatic = n.endCause() == PublicityEndCause.MAX_PERIOD_REACHED;
        List<EligibilityReason> reasons = new ArrayList<>(e.reasons());
        reasons.add(new EligibilityReason(EligibilityCode.PUBLICITY_ALREADY_ENDED,
                "公示已于" + n.endedOn() + (automatic ? "因最长公示期届满自动停止（免申享）" : "因信用修复终止") + "，无需修复",
                "publicity ended on " + n.endedOn() + (automatic ? " at the maximum period" : " by a repair")
                        + "; there is nothing to repair"));
        return new Eligibility(e.asOf(), e.terms(), reasons, e.notes());
    }
}
