package org.tongban.adapters.spi;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;

import java.util.Objects;

/**
 * Which leg an adapter call or a platform event is about: the case and leg ids that travel
 * end to end, the two members, and the platform's own reference once it has one.
 */
public record LegRef(CaseId caseId, LegId legId, MemberId homeMember, MemberId penalizingMember,
                     String platformReference) {
    public LegRef {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(homeMember, "homeMember");
        Objects.requireNonNull(penalizingMember, "penalizingMember");
    }

    public LegRef withPlatformReference(String reference) {
        return new LegRef(caseId, legId, homeMember, penalizingMember, reference);
    }
}
