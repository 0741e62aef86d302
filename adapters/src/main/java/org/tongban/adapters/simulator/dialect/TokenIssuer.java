package org.tongban.adapters.simulator.dialect;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The rest-oauth2 platform's access tokens: random, with an expiry, revocable for tests. */
public final class TokenIssuer {
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    public TokenIssuer(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public String issue() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        Instant now = clock.instant();
        tokens.entrySet().removeIf(e -> e.getValue().isBefore(now));
        tokens.put(token, now.plus(ttl));
        return token;
    }

    public boolean valid(String token) {
        Instant until = token == null ? null : tokens.get(token);
        return until != null && clock.instant().isBefore(until);
    }

    public Duration ttl() {
        return ttl;
    }

    /** Every token issued so far stops working (the adapter must refresh). */
    public int revokeAll() {
        int n = tokens.size();
        tokens.clear();
        return n;
    }
}
