package org.tongban.gateway.office.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.Base64Url;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.JsonLimits;
import org.tongban.contracts.json.StrictJson;
import org.tongban.gateway.cases.Clerk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks office and ops bearer tokens (JWT, RFC 7519, as compact JWS) and says who is acting.
 *
 * <p>Only HS256 with the node's secret is accepted; the algorithm is fixed here, never taken
 * from the token, so {@code alg: none} and algorithm-confusion tokens fail. The signature is
 * checked before any claim is trusted and compared in constant time. {@code exp} is required;
 * {@code exp}, {@code nbf} and {@code iat} are checked with {@link #LEEWAY} of clock skew;
 * {@code iss} must be the configured issuer. Claims: {@code sub}; {@code role}, one of
 * {@code clerk}, {@code supervisor}, {@code ops}; {@code member}, a six-digit division code,
 * required for clerks and supervisors (ops tokens see every member and may omit it).
 *
 * <p>Every refusal is a {@link ContractException} {@code UNAUTHENTICATED} whose detail says
 * what is wrong with the token and never anything about the secret.
 */
public final class JwtVerifier {
    /** Clock skew tolerated between the token's issuer and this node. */
    public static final Duration LEEWAY = Duration.ofSeconds(60);
    /** Longest token taken; real ones are a few hundred characters. */
    public static final int MAX_TOKEN_CHARS = 4096;
    /** Longest subject: the actor written to the audit log is {@code role:subject}, at most 100 characters. */
    public static final int MAX_SUBJECT_CHARS = 64;

    private static final String ALGORITHM = "HS256";
    private static final Set<String> HEADER_PARAMETERS = Set.of("alg", "typ", "kid");
    private static final Pattern SUBJECT = Pattern.compile("[\\p{L}\\p{N}._@+-]{1," + MAX_SUBJECT_CHARS + "}");
    private static final StrictJson JSON = new StrictJson(new JsonLimits(MAX_TOKEN_CHARS, 4, 1024, 64));

    private final Hs256 mac;
    private final String issuer;
    private final Clock clock;

    /** @param secret the shared HMAC secret, at least 32 bytes once encoded as UTF-8 */
    public JwtVerifier(String secret, String issuer, Clock clock) {
        this(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8), issuer, clock);
    }

    public JwtVerifier(byte[] secret, String issuer, Clock clock) {
        this.mac = new Hs256(secret);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The clerk named by an HTTP {@code Authorization} header value ({@code Bearer <token>}).
     *
     * @throws ContractException {@code UNAUTHENTICATED} when the header is missing or the token is refused
     */
    public Clerk authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw refused("send the header 'Authorization: Bearer <token>'");
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw refused("the Authorization header must use the Bearer scheme");
        }
        return verify(value.substring(space + 1).strip());
    }

    /**
     * The clerk a token names.
     *
     * @throws ContractException {@code UNAUTHENTICATED} saying why the token is refused
     */
    public Clerk verify(String token) {
        if (token == null || token.isEmpty()) {
            throw refused("no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw refused("the token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw refused("encrypted tokens (JWE) are not accepted");
        }
        if (parts.length != 3) {
            throw refused("a token has three dot-separated parts; this one has " + parts.length);
        }
        checkHeader(json(parts[0], "header"));
        byte[] signature = decode(parts[2], "signature");
        // Nothing in the claims is looked at before the signature holds.
        if (!mac.verify(parts[0] + "." + parts[1], signature)) {
            throw refused("the token's signature does not verify");
        }
        return claims(json(parts[1], "claims"));
    }

    private static void checkHeader(JsonNode header) {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw refused("the token header names no algorithm");
        }
        if (alg.textValue().equalsIgnoreCase("none")) {
            throw refused("unsigned tokens (alg none) are not accepted");
        }
        if (!ALGORITHM.equals(alg.textValue())) {
            throw refused("algorithm '" + abbreviate(alg.textValue()) + "' is not accepted; tokens are signed with "
                    + ALGORITHM);
        }
        JsonNode typ = header.get("typ");
        if (typ != null && !(typ.isTextual() && typ.textValue().equalsIgnoreCase("JWT"))) {
            throw refused("the token type must be JWT");
        }
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            // crit, jku, jwk, x5u and friends would ask us to trust something else: refuse them.
            if (!HEADER_PARAMETERS.contains(name)) {
                throw refused("header parameter '" + abbreviate(name) + "' is not accepted");
            }
        }
    }

    private Clerk claims(JsonNode claims) {
        JsonNode iss = claims.get("iss");
        if (iss == null || !iss.isTextual()) {
            throw refused("the token names no issuer (iss)");
        }
        if (!issuer.equals(iss.textValue())) {
            throw refused("the token was issued by '" + abbreviate(iss.textValue()) + "', not by '" + issuer + "'");
        }
        Instant now = clock.instant();
        long exp = numericDate(claims, "exp", true);
        if (now.isAfter(Instant.ofEpochSecond(exp).plus(LEEWAY))) {
            throw refused("the token expired at " + Instant.ofEpochSecond(exp));
        }
        long nbf = numericDate(claims, "nbf", false);
        if (nbf != Long.MIN_VALUE && now.isBefore(Instant.ofEpochSecond(nbf).minus(LEEWAY))) {
            throw refused("the token is not valid before " + Instant.ofEpochSecond(nbf));
        }
        long iat = numericDate(claims, "iat", false);
        if (iat != Long.MIN_VALUE && now.isBefore(Instant.ofEpochSecond(iat).minus(LEEWAY))) {
            throw refused("the token was issued in the future (" + Instant.ofEpochSecond(iat) + ")");
        }
        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual() || !SUBJECT.matcher(sub.textValue()).matches()) {
            throw refused("the subject (sub) must be 1 to " + MAX_SUBJECT_CHARS
                    + " letters, digits or . _ @ + -");
        }
        Clerk.Role role = role(claims.get("role"));
        MemberId member = member(claims.get("member"), role);
        return new Clerk(sub.textValue(), member, role);
    }

    private static Clerk.Role role(JsonNode role) {
        if (role == null || !role.isTextual()) {
            throw refused("the token names no role");
        }
        for (Clerk.Role r : Clerk.Role.values()) {
            if (r.name().equals(role.textValue())) {
                return r;
            }
        }
        throw refused("role '" + abbreviate(role.textValue()) + "' is not one of clerk, supervisor, ops");
    }

    private static MemberId member(JsonNode member, Clerk.Role role) {
        if (member == null || member.isNull()) {
            if (role == Clerk.Role.ops) {
                return null;
            }
            throw refused("a " + role + " token must name its member (a six-digit division code)");
        }
        if (!member.isTextual()) {
            throw refused("the member claim must be a six-digit division code");
        }
        try {
            return MemberId.of(member.textValue());
        } catch (ContractException e) {
            throw refused("the member claim must be a six-digit division code");
        }
    }

    /** A NumericDate (seconds since the epoch, RFC 7519 §2), or {@code Long.MIN_VALUE} when absent and optional. */
    private static long numericDate(JsonNode claims, String name, boolean required) {
        JsonNode v = claims.get(name);
        if (v == null) {
            if (required) {
                throw refused("the token has no '" + name + "' claim");
            }
            return Long.MIN_VALUE;
        }
        // Instant accepts ±31,556,889,864,403,199 seconds; a sane date is far inside that.
        if (!v.isNumber() || Math.abs(v.doubleValue()) > 1e15) {
            throw refused("the '" + name + "' claim must be a number of seconds since 1970");
        }
        return (long) Math.floor(v.doubleValue());
    }

    private static JsonNode json(String part, String what) {
        byte[] bytes = decode(part, what);
        JsonNode node;
        try {
            node = JSON.parse(bytes);
        } catch (ContractException e) {
            throw refused("the token " + what + " is not valid JSON");
        }
        if (!node.isObject()) {
            throw refused("the token " + what + " is not a JSON object");
        }
        return node;
    }

    private static byte[] decode(String part, String what) {
        try {
            return Base64Url.decode(part, ErrorCode.UNAUTHENTICATED, "the token " + what);
        } catch (ContractException e) {
            throw refused("the token " + what + " is not base64url");
        }
    }

    private static ContractException refused(String why) {
        return new ContractException(ErrorCode.UNAUTHENTICATED, "", why);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
