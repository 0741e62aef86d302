package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.SlaClock;
import org.tongban.ops.sla.ClockRun;

import java.time.Instant;
import java.util.Objects;

/**
 * The durable timer of one service-level clock of a leg: the clock's run (profile, limit, start,
 * pauses, status) and when it is due. Kept where the case is followed (the home member's node).
 *
 * @param dueAt      the deadline while running; null when not running, or when the working-day
 *                   calendar lacks a year the deadline needs (then it is retried until it can be computed)
 * @param leaseOwner the process that claimed it to fire, until {@code leaseUntil}
 * @param firedAt    when its breach was recorded
 */
public record SlaTimer(LegId legId, CaseId caseId, MemberId homeMember, MemberId penalizingMember, ClockRun run,
                       Instant dueAt, String leaseOwner, Instant leaseUntil, Instant firedAt, Instant updatedAt) {
    public SlaTimer {
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(homeMember, "homeMember");
        Objects.requireNonNull(penalizingMember, "penalizingMember");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public SlaClock clock() {
        return run.clock();
    }

    /** A new timer for a clock just started on {@code leg}. */
    public static SlaTimer of(LegRecord leg, ClockRun run, Instant dueAt, Instant now) {
        return new SlaTimer(leg.legId(), leg.caseId(), leg.homeMember(), leg.penalizingMember(), run, dueAt, null, null,
                null, now);
    }

    /** The same timer with a new run and deadline. */
    public SlaTimer with(ClockRun newRun, Instant newDueAt, Instant now) {
        return new SlaTimer(legId, caseId, homeMember, penalizingMember, newRun, newDueAt, leaseOwner, leaseUntil,
                firedAt, now);
    }
}
