package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of an envelope; one record per {@link MessageType}. */
public sealed interface Payload permits RepairApplication, Receipt, Acceptance, MaterialsRequest,
        MaterialsSupplement, RepairDecision, PublicityEnded, PenaltyNotice, PenaltyNoticeBatch,
        StatusQuery, StatusReport, Withdrawal, Escalation {

    MessageType type();

    /** The payload's JSON object as it goes on the wire. */
    ObjectNode toJson();
}
