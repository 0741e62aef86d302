package org.tongban.gateway.sla;

import org.tongban.contracts.directory.DirectoryMember;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.SlaClock;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.SlaTimer;
import org.tongban.gateway.store.Tx;
import org.tongban.ops.calendar.CalendarYearMissingException;
import org.tongban.ops.calendar.WorkingDayCalendar;
import org.tongban.ops.sla.ClockAction;
import org.tongban.ops.sla.ClockLimit;
import org.tongban.ops.sla.ClockRun;
import org.tongban.ops.sla.LegClocks;
import org.tongban.ops.sla.SlaProfile;
import org.tongban.ops.sla.SlaProfiles;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, pauses, resumes and stops the service-level clocks of a leg as it moves
 * ({@link LegClocks}), in the transaction of the transition, keeping one durable
 * {@link SlaTimer} per clock. Clocks run where the case is followed: on the node hosting the
 * leg's home member, under the SLA profile the federation directory names for the penalizing
 * member (looked up when each clock starts, so a later change of profile leaves running clocks
 * as they were).
 */
public final class SlaClocks implements LegTransitions.Listener {
    private final HostedMembers hosted;
    private final DirectoryHolder directory;
    private final SlaProfiles profiles;
    private final WorkingDayCalendar calendar;

    public SlaClocks(HostedMembers hosted, DirectoryHolder directory, SlaProfiles profiles, WorkingDayCalendar calendar) {
        this.hosted = hosted;
        this.directory = directory;
        this.profiles = profiles;
        this.calendar = calendar;
    }

    @Override
    public void onTransition(Tx tx, LegRecord leg, LegState from, LegState to, Instant at) {
        if (!hosted.hosts(leg.homeMember())) {
            return;
        }
        List<ClockAction> actions = LegClocks.on(from, to);
        if (actions.isEmpty()) {
            return;
        }
        Map<SlaClock, SlaTimer> timers = new EnumMap<>(SlaClock.class);
        tx.slaTimersOfLeg(leg.legId()).forEach(t -> timers.put(t.clock(), t));
        Optional<SlaProfile> profile = Optional.empty();
        boolean profileLooked = false;
        for (ClockAction a : actions) {
            SlaTimer t = timers.get(a.clock());
            if (a.kind() == ClockAction.Kind.START) {
                if (t != null) {
                    continue;
                }
                if (!profileLooked) {
                    profile = profileOf(tx, leg, from == null, at);
                    profileLooked = true;
                }
                Optional<ClockLimit> limit = profile.flatMap(p -> p.limit(a.clock()));
                if (limit.isEmpty()) {
                    continue;
                }
                ClockRun run = ClockRun.start(profile.get().id(), limit.get(), startOf(tx, leg, a.clock(), at));
                SlaTimer started = SlaTimer.of(leg, run, due(tx, leg, run, at), at);
                tx.insertSlaTimer(started);
                timers.put(a.clock(), started);
            } else if (t != null) {
                ClockRun next = t.run().apply(a.kind(), at);
                if (!next.equals(t.run())) {
                    SlaTimer moved = t.with(next, due(tx, leg, next, at), at);
                    tx.updateSlaTimer(moved);
                    timers.put(a.clock(), moved);
                }
            }
        }
    }

    /**
     * Sets the deadline of a running timer that has none (the calendar lacked a year when it
     * was scheduled). Returns true when it could be set now.
     */
    public boolean reschedule(Tx tx, SlaTimer timer, Instant now) {
        try {
            Optional<Instant> due = timer.run().dueAt(calendar);
            if (due.isEmpty()) {
                return false;
            }
            tx.updateSlaTimer(timer.with(timer.run(), due.get(), now));
            return true;
        } catch (CalendarYearMissingException e) {
            return false;
        }
    }

    private Optional<SlaProfile> profileOf(Tx tx, LegRecord leg, boolean noteIfMissing, Instant at) {
        Optional<String> id = directory.directory().member(leg.penalizingMember()).map(DirectoryMember::slaProfile);
        Optional<SlaProfile> p = id.flatMap(profiles::find);
        if (p.isEmpty() && noteIfMissing) {
            tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), at, EventKind.SLA_UNTRACKED, null, null, null, "node",
                    id.map(i -> "member " + leg.penalizingMember() + " has SLA profile '" + i + "', which this node does not"
                            + " define (sla.profiles); the leg's deadlines are not tracked")
                            .orElse("member " + leg.penalizingMember() + " is not in the federation directory; the leg's"
                                    + " deadlines are not tracked")));
        }
        return p;
    }

    /** END_TO_END runs from the day the enterprise applied at home; the others from the transition. */
    private static Instant startOf(Tx tx, LegRecord leg, SlaClock clock, Instant at) {
        if (clock != SlaClock.END_TO_END) {
            return at;
        }
        return tx.findCase(leg.caseId()).map(CaseRecord::appliedOn)
                .map(d -> d.atStartOfDay(WorkingDayCalendar.ZONE).toInstant())
                .filter(applied -> applied.isBefore(at)).orElse(at);
    }

    private Instant due(Tx tx, LegRecord leg, ClockRun run, Instant at) {
        try {
            return run.dueAt(calendar).orElse(null);
        } catch (CalendarYearMissingException e) {
            tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), at, EventKind.SLA_UNTRACKED, null, null, null, "node",
                    "the " + run.clock() + " deadline (" + run.limit().text() + ", profile " + run.profile()
                            + ") cannot be computed: no working-day calendar for " + e.year()
                            + "; it is set once the State Council notice for " + e.year() + " is loaded"));
            return null;
        }
    }
}
