package org.tongban.gateway.testing;

import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.office.auth.JwtIssuer;

import java.time.Clock;
import java.time.Duration;

/** Bearer tokens for tests, minted with the federation's JWT secret. */
public final class Tokens {
    private Tokens() {
    }

    public static String mint(String secret, String issuer, String member, String role) {
        return new JwtIssuer(secret, issuer, Clock.systemUTC()).issue(
                new Clerk(role + "-" + (member == null ? "all" : member), member == null ? null : MemberId.of(member),
                        Clerk.Role.valueOf(role)), Duration.ofHours(1));
    }
}
