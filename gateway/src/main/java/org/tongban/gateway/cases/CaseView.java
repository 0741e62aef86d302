package org.tongban.gateway.cases;

import org.tongban.gateway.store.CaseRecord;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;

import java.util.List;

/** A case with its legs and, when asked, its timeline: what the office API shows. */
public record CaseView(CaseRecord record, List<LegRecord> legs, List<LegEvent> timeline) {
    public CaseView {
        legs = List.copyOf(legs);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
