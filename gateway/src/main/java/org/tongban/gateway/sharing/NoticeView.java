package org.tongban.gateway.sharing;

import org.tongban.gateway.store.NoticeRecord;
import org.tongban.ops.rules.Eligibility;

import java.util.Objects;

/**
 * A notice as the home office sees it: what was received, whether its penalty can be repaired
 * today and why not, and for a notice received in a batch, its inclusion proof (single view only).
 *
 * @param proof null in lists and for notices that came alone
 */
public record NoticeView(NoticeRecord record, Eligibility eligibility, NoticeProof proof) {
    public NoticeView {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(eligibility, "eligibility");
    }
}
