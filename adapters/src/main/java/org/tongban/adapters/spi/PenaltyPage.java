package org.tongban.adapters.spi;

import org.tongban.contracts.message.PenaltyNotice;

import java.util.List;
import java.util.Objects;

/**
 * One page of new penalty decisions (行政处罚决定) read from a city platform for sharing
 * (信息共享), in the platform's publication order.
 *
 * @param decisions  the decisions on this page, possibly none
 * @param nextCursor the cursor to read the following page with; the gateway stores it only after
 *                   the page is durably stored, so a page read twice is harmless and none is lost
 * @param more       whether the platform says more pages are ready now
 */
public record PenaltyPage(List<PenaltyNotice> decisions, String nextCursor, boolean more) {
    public PenaltyPage {
        decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions"));
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
