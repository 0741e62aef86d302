package org.tongban.gateway.cases;

import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.SlaTimer;

import java.util.List;

/**
 * A case with its legs and, when asked, its timeline and the service-level clocks of its legs
 * (deadlines): what the office API shows.
 */
public record CaseView(CaseRecord record, List<LegRecord> legs, List<LegEvent> timeline, List<SlaTimer> deadlines) {
    public CaseView {
        legs = List.copyOf(legs);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        deadlines = deadlines == null ? List.of() : List.copyOf(deadlines);
    }
}
