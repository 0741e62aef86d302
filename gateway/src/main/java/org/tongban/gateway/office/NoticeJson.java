package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.gateway.sharing.NoticeProof;
import org.tongban.gateway.sharing.NoticeView;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.ops.rules.Eligibility;
import org.tongban.ops.rules.EligibilityReason;
import org.tongban.ops.rules.PublicityTerms;

/**
 * The office API's JSON of a penalty notice: the penalty as shared, where it came from, whether it
 * can be repaired today with the reasons in Chinese and English, the reminder and the end of
 * publicity once they happened, the case opened from it, and for one notice read alone its
 * inclusion proof. Absent optional members are left out.
 */
final class NoticeJson {
    private NoticeJson() {
    }

    static ObjectNode of(NoticeView v) {
        NoticeRecord n = v.record();
        return JsonObjectWriter.create()
                .put("noticeId", n.noticeId())
                .putText("homeMember", n.homeMember())
                .put("enterprise", n.enterprise().write().node())
                .put("penalty", n.penalty().write().node())
                .put("summary", n.summary())
                .put("publishedOn", n.publishedOn())
                .put("receivedAt", CaseJson.time(n.receivedAt()))
                .put("source", JsonObjectWriter.create().putText("messageId", n.messageId()).put("batchId", n.batchId())
                        .put("leafIndex", n.leafIndex() == null ? null : n.leafIndex().longValue()).node())
                .put("eligibility", eligibility(v.eligibility()))
                .put("remindedAt", n.remindedAt() == null ? null : CaseJson.time(n.remindedAt()))
                .put("publicityEnded", !n.ended() ? null
                        : JsonObjectWriter.create().put("endedOn", n.endedOn()).put("cause", n.endCause()).node())
                .putText("caseId", n.caseId())
                .put("proof", v.proof() == null ? null : proof(v.proof()))
                .node();
    }

    private static ObjectNode eligibility(Eligibility e) {
        PublicityTerms t = e.terms().orElse(null);
        return JsonObjectWriter.create()
                .put("asOf", e.asOf())
                .put("canApplyNow", e.canApplyNow())
                .put("ruleSet", t == null ? null : t.ruleSet().id())
                .put("minimumPeriodEnds", t == null ? null : t.minimumPeriodEnds())
                .put("earliestApplication", t == null ? null : t.earliestApplication())
                .put("maximumPeriodEnds", t == null ? null : t.maximumPeriodEnds())
                .put("automaticEnd", t == null ? null : t.automaticEnd())
                .putRequiredList("reasons", e.reasons(), NoticeJson::reason)
                .putList("notes", e.notes(), NoticeJson::reason)
                .node();
    }

    private static ObjectNode reason(EligibilityReason r) {
        return JsonObjectWriter.create().put("code", r.code()).put("zh", r.zh()).put("en", r.en()).node();
    }

    private static ObjectNode proof(NoticeProof p) {
        ArrayNode path = JsonObjectWriter.array();
        p.proof().path().forEach(h -> path.add(Digests.hex(h)));
        return JsonObjectWriter.create()
                .putText("messageId", p.messageId())
                .put("batchId", p.batchId())
                .put("treeRoot", p.treeRoot())
                .put("leafHash", p.leafHash())
                .put("leafIndex", p.proof().index())
                .put("treeSize", p.proof().treeSize())
                .put("auditPath", path)
                .put("signedHead", p.signedHead())
                .node();
    }
}
