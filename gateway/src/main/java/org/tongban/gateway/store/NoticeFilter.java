package org.tongban.gateway.store;

import org.tongban.contracts.id.MemberId;

/**
 * Which penalty notices to list; null fields do not filter. Pages by notice id (keyset).
 *
 * @param ended true: only notices whose publicity ended; false: only those still published
 */
public record NoticeFilter(MemberId homeMember, MemberId penalizingMember, String creditCode, Boolean ended,
                           int limit, String afterNoticeId) {
}
