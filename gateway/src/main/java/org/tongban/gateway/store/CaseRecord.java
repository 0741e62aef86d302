package org.tongban.gateway.store;

import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A case (案件): one application by one enterprise at its home member.
 *
 * @param detail JSON of what the clerk filed besides the legs (contacts, statement, deferred
 *               materials), kept for the office API
 */
public record CaseRecord(CaseId caseId, MemberId homeMember, CreditCode creditCode, String enterpriseName,
                         CaseStatus status, LocalDate appliedOn, String homeReference, String createdBy,
                         Instant createdAt, Instant updatedAt, String detail) {
    public CaseRecord withStatus(CaseStatus newStatus, Instant at) {
        return new CaseRecord(caseId, homeMember, creditCode, enterpriseName, newStatus, appliedOn, homeReference,
                createdBy, createdAt, at, detail);
    }
}
