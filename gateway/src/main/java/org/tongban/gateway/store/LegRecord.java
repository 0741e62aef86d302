package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.LegState;
import org.tongban.contracts.message.PenaltyReference;

import java.time.Instant;

/**
 * A leg: one penalty of a case at one penalizing member. One record per node, shared by the
 * home and the penalizing member when one node hosts both.
 *
 * @param version incremented by every update (optimistic check)
 */
public record LegRecord(LegId legId, CaseId caseId, MemberId homeMember, MemberId penalizingMember, LegState state,
                        PenaltyReference penalty, String platformReference, Instant stateSince, Instant updatedAt,
                        long version) {
    public LegRecord withState(LegState newState, Instant at) {
        return new LegRecord(legId, caseId, homeMember, penalizingMember, newState, penalty, platformReference, at, at,
                version);
    }

    public LegRecord withPlatformReference(String reference, Instant at) {
        return new LegRecord(legId, caseId, homeMember, penalizingMember, state, penalty, reference, stateSince, at,
                version);
    }
}
