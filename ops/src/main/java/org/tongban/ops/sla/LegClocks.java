package org.tongban.ops.sla;

import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.SlaClock;

import java.util.ArrayList;
import java.util.List;

import static org.tongban.ops.sla.ClockAction.Kind.PAUSE;
import static org.tongban.ops.sla.ClockAction.Kind.RESUME;
import static org.tongban.ops.sla.ClockAction.Kind.START;
import static org.tongban.ops.sla.ClockAction.Kind.STOP;

/**
 * Which clocks a leg transition starts, pauses, resumes and stops:
 * <ul>
 *   <li>{@code END_TO_END}: from the application at home (the leg is filed, SUBMITTED) to the
 *       result for the applicant (NOT_ACCEPTED, REPAIRED, REFUSED); paused while materials are owed;</li>
 *   <li>{@code DELIVERY}: from sending (FORWARDED) to the partner's receipt (RECEIVED);</li>
 *   <li>{@code ACCEPTANCE}: from receipt to acceptance or non-acceptance (受理);</li>
 *   <li>{@code DECISION}: from receipt to the repair decision, paused while MATERIALS_REQUESTED
 *       (the applicant owes materials) and resumed when they are handed in (back to ACCEPTED);</li>
 *   <li>{@code PUBLICITY_END}: from the decision to repair to PUBLICITY_ENDED.</li>
 * </ul>
 * Every clock stops when the leg reaches a final state (withdrawn, expired…).
 */
public final class LegClocks {
    private LegClocks() {
    }

    /**
     * The actions of one transition, in order; {@code from} is null when the leg is created.
     * Actions on clocks that are not running (or that a profile does not track) are the
     * caller's to ignore.
     */
    public static List<ClockAction> on(LegState from, LegState to) {
        List<ClockAction> out = new ArrayList<>();
        switch (to) {
            case SUBMITTED:
                add(out, START, SlaClock.END_TO_END);
                break;
            case FORWARDED:
                add(out, START, SlaClock.DELIVERY);
                break;
            case RECEIVED:
                add(out, STOP, SlaClock.DELIVERY);
                add(out, START, SlaClock.ACCEPTANCE, SlaClock.DECISION);
                break;
            case ACCEPTED:
                if (from == LegState.MATERIALS_REQUESTED) {
                    add(out, RESUME, SlaClock.DECISION, SlaClock.END_TO_END);
                } else {
                    add(out, STOP, SlaClock.ACCEPTANCE);
                }
                break;
            case MATERIALS_REQUESTED:
                add(out, PAUSE, SlaClock.DECISION, SlaClock.END_TO_END);
                break;
            case REPAIRED:
                add(out, STOP, SlaClock.ACCEPTANCE, SlaClock.DECISION, SlaClock.END_TO_END);
                add(out, START, SlaClock.PUBLICITY_END);
                break;
            default:
                break;
        }
        if (to.isFinal()) {
            add(out, STOP, SlaClock.values());
        }
        return out;
    }

    private static void add(List<ClockAction> out, ClockAction.Kind kind, SlaClock... clocks) {
        for (SlaClock c : clocks) {
            ClockAction a = new ClockAction(c, kind);
            if (!out.contains(a)) {
                out.add(a);
            }
        }
    }
}
