package org.tongban.contracts.message;

import org.tongban.contracts.json.JsonObjectReader;

import java.util.function.Function;

/**
 * Message types of contract {@code tongban/credit-repair} version 1, with their wire names and
 * whether an envelope of the type must name a case and a leg.
 */
public enum MessageType {
    REPAIR_APPLICATION("RepairApplication", true, RepairApplication::read),
    RECEIPT("Receipt", false, Receipt::read),
    ACCEPTANCE("Acceptance", true, Acceptance::read),
    MATERIALS_REQUEST("MaterialsRequest", true, MaterialsRequest::read),
    MATERIALS_SUPPLEMENT("MaterialsSupplement", true, MaterialsSupplement::read),
    REPAIR_DECISION("RepairDecision", true, RepairDecision::read),
    PUBLICITY_ENDED("PublicityEnded", false, PublicityEnded::read),
    PENALTY_NOTICE("PenaltyNotice", false, PenaltyNotice::read),
    PENALTY_NOTICE_BATCH("PenaltyNoticeBatch", false, PenaltyNoticeBatch::read),
    STATUS_QUERY("StatusQuery", true, StatusQuery::read),
    STATUS_REPORT("StatusReport", true, StatusReport::read),
    WITHDRAWAL("Withdrawal", true, Withdrawal::read),
    ESCALATION("Escalation", true, Escalation::read);

    private final String wireName;
    private final boolean caseBound;
    private final Function<JsonObjectReader, ? extends Payload> reader;

    MessageType(String wireName, boolean caseBound, Function<JsonObjectReader, ? extends Payload> reader) {
        this.wireName = wireName;
        this.caseBound = caseBound;
        this.reader = reader;
    }

    /** The name in the envelope's {@code type} member, e.g. {@code RepairApplication}. */
    public String wireName() {
        return wireName;
    }

    /** True when envelopes of this type must carry {@code caseId} and {@code legId}. */
    public boolean caseBound() {
        return caseBound;
    }

    /** The type with this wire name, or {@code null}. */
    public static MessageType fromWireName(String name) {
        for (MessageType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    Payload readPayload(JsonObjectReader r) {
        return reader.apply(r);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
