package org.tongban.gateway.store;

import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.LegState;

/**
 * Which cases to list. Null fields do not filter.
 *
 * @param homeMember       cases filed at this member (a clerk sees only their own)
 * @param creditCode       cases of this enterprise
 * @param status           open or closed
 * @param legState         cases with at least one leg in this state
 * @param penalizingMember cases with at least one leg at this member
 * @param limit            page size
 * @param afterCaseId      keyset pagination: cases created after this one (ids are time-ordered)
 */
public record CaseFilter(MemberId homeMember, String creditCode, CaseStatus status, LegState legState,
                         MemberId penalizingMember, int limit, String afterCaseId) {
}
