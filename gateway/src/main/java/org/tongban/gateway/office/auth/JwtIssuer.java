package org.tongban.gateway.office.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.crypto.Base64Url;
import org.tongban.gateway.cases.Clerk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Mints the bearer tokens {@link JwtVerifier} accepts: compact JWS, HS256, with the claims
 * {@code iss}, {@code sub}, {@code member}, {@code role}, {@code iat} and {@code exp}. Used by
 * the {@code tongban-gateway token} command, the demo and tests; a deployment with its own
 * identity provider mints the same claims there instead.
 */
public final class JwtIssuer {
    /** Longest lifetime a token may be given: a working week, so a leaked token does not live forever. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Hs256 mac;
    private final String issuer;
    private final Clock clock;

    /** @param secret the shared HMAC secret, at least 32 bytes once encoded as UTF-8 */
    public JwtIssuer(String secret, String issuer, Clock clock) {
        this(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8), issuer, clock);
    }

    public JwtIssuer(byte[] secret, String issuer, Clock clock) {
        this.mac = new Hs256(secret);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token for {@code clerk}, valid from now for {@code ttl}.
     *
     * @throws IllegalArgumentException when a clerk or supervisor has no member (such a token
     *                                  would be refused), or the lifetime is not positive or too long
     */
    public String issue(Clerk clerk, Duration ttl) {
        if (clerk.member() == null && clerk.role() != Clerk.Role.ops) {
            throw new IllegalArgumentException("a " + clerk.role() + " token must name a member (a six-digit division code)");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a token lives longer than 0 and at most " + MAX_TTL + "; asked for " + ttl);
        }
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = NODES.objectNode()
                .put("iss", issuer)
                .put("sub", clerk.subject())
                .put("role", clerk.role().name())
                .put("iat", now)
                .put("exp", now + ttl.toSeconds());
        if (clerk.member() != null) {
            claims.put("member", clerk.member().value());
        }
        return sign(NODES.objectNode().put("alg", "HS256").put("typ", "JWT"), claims);
    }

    /** Signs any header and claims; tests use it to build tokens the verifier must refuse. */
    String sign(ObjectNode header, ObjectNode claims) {
        String input = encode(header) + "." + encode(claims);
        return input + "." + Base64Url.encode(mac.sign(input));
    }

    private static String encode(ObjectNode node) {
        return Base64Url.encode(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
