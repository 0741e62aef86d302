package org.tongban.gateway.cases;

import org.tongban.contracts.id.MemberId;

import java.util.Objects;

/**
 * Who acts through the office or ops API, from the bearer token: subject, member and role.
 *
 * @param role {@code clerk} (files and follows its member's cases), {@code supervisor} (sees its
 *             member's cases, overrides rules), {@code ops} (sees every case, re-drives dead letters)
 */
public record Clerk(String subject, MemberId member, Role role) {
    public enum Role {
        clerk, supervisor, ops
    }

    public Clerk {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
    }

    public String actor() {
        return role + ":" + subject;
    }

    public boolean seesEveryMember() {
        return role == Role.ops;
    }
}
