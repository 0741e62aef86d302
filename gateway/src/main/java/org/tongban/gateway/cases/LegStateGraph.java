package org.tongban.gateway.cases;

import org.tongban.contracts.message.LegState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.tongban.contracts.message.LegState.ACCEPTED;
import static org.tongban.contracts.message.LegState.EXPIRED;
import static org.tongban.contracts.message.LegState.FORWARDED;
import static org.tongban.contracts.message.LegState.MATERIALS_REQUESTED;
import static org.tongban.contracts.message.LegState.NOT_ACCEPTED;
import static org.tongban.contracts.message.LegState.PUBLICITY_ENDED;
import static org.tongban.contracts.message.LegState.RECEIVED;
import static org.tongban.contracts.message.LegState.REFUSED;
import static org.tongban.contracts.message.LegState.REPAIRED;
import static org.tongban.contracts.message.LegState.SUBMITTED;
import static org.tongban.contracts.message.LegState.WITHDRAWN;

/**
 * The leg state graph of DESIGN.md: SUBMITTED → FORWARDED → RECEIVED → ACCEPTED | NOT_ACCEPTED;
 * ACCEPTED ⇄ MATERIALS_REQUESTED; ACCEPTED → REPAIRED | REFUSED; MATERIALS_REQUESTED → REFUSED
 * (a platform may refuse when the materials never come); REPAIRED → PUBLICITY_ENDED; WITHDRAWN and
 * EXPIRED from any open state.
 *
 * <p>Some steps may be implied: a message from the penalizing member proves it received the
 * application even if its receipt has not been processed yet, and a decision proves acceptance.
 * {@link #path} walks only such implied edges before the requested one.
 */
public final class LegStateGraph {
    private static final Map<LegState, Set<LegState>> NEXT = new EnumMap<>(LegState.class);
    /** Edges that a later message may imply when their own message was not (yet) seen. */
    private static final Map<LegState, LegState> IMPLIED = new EnumMap<>(LegState.class);

    static {
        edge(SUBMITTED, FORWARDED);
        edge(FORWARDED, RECEIVED);
        edge(RECEIVED, ACCEPTED, NOT_ACCEPTED);
        edge(ACCEPTED, MATERIALS_REQUESTED, REPAIRED, REFUSED);
        edge(MATERIALS_REQUESTED, ACCEPTED, REFUSED);
        edge(REPAIRED, PUBLICITY_ENDED);
        for (LegState s : LegState.values()) {
            if (!s.isFinal()) {
                NEXT.computeIfAbsent(s, k -> EnumSet.noneOf(LegState.class)).addAll(EnumSet.of(WITHDRAWN, EXPIRED));
            }
        }
        IMPLIED.put(SUBMITTED, FORWARDED);
        IMPLIED.put(FORWARDED, RECEIVED);
        IMPLIED.put(RECEIVED, ACCEPTED);
        IMPLIED.put(MATERIALS_REQUESTED, ACCEPTED);
    }

    private LegStateGraph() {
    }

    private static void edge(LegState from, LegState... to) {
        NEXT.computeIfAbsent(from, k -> EnumSet.noneOf(LegState.class)).addAll(List.of(to));
    }

    public static boolean allows(LegState from, LegState to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    public static Set<LegState> next(LegState from) {
        return Collections.unmodifiableSet(NEXT.getOrDefault(from, EnumSet.noneOf(LegState.class)));
    }

    /**
     * The transitions that take a leg from {@code from} to {@code to}: the direct edge, or implied
     * edges followed by it. Empty when {@code to} cannot be reached that way (or already holds).
     */
    public static List<LegState> path(LegState from, LegState to) {
        List<LegState> steps = new ArrayList<>();
        LegState at = from;
        for (int i = 0; i < LegState.values().length; i++) {
            if (allows(at, to)) {
                steps.add(to);
                return steps;
            }
            LegState implied = IMPLIED.get(at);
            if (implied == null) {
                return List.of();
            }
            steps.add(implied);
            at = implied;
        }
        return List.of();
    }
}
