package org.tongban.adapters.simulator;

import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.fault.Faults;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a simulated platform is set up: its dialect, member, address, credentials, decision
 * policies, faults, seeded penalty feed and push retry timing. Credentials not given default to
 * development values derived from the member (printed by {@link PlatformSimulatorMain}).
 *
 * @param clientId        rest-oauth2 client id
 * @param clientSecret    rest-oauth2 client secret
 * @param callbackToken   rest-oauth2: the {@code X-Callback-Token} sent with pushed events
 * @param tokenTtl        rest-oauth2: lifetime of an access token ({@code expires_in})
 * @param appKey          xml-hmac application key
 * @param appSecret       xml-hmac HMAC-SM3 key
 * @param charset         xml-hmac charset of what the platform sends ({@code GBK} or {@code UTF-8})
 * @param apiKey          polling {@code X-Api-Key}, form-json {@code appcode}
 * @param pushRetryFirst  first wait before pushing an unacknowledged event again
 * @param pushRetryMax    longest wait between pushes of one event
 * @param pushTimeout     how long a push waits for the adapter's answer
 * @param randomSeed      seed of the failure-rate and jitter draws ({@code null}: random)
 */
public record SimulatorOptions(Dialect dialect, String member, String host, int port, String clientId,
                               String clientSecret, String callbackToken, Duration tokenTtl, String appKey,
                               String appSecret, Charset charset, String apiKey, DecisionPolicy policy,
                               Map<String, DecisionPolicy> policiesByCreditCode, Faults faults,
                               List<PenaltyEntry> penalties, Duration pushRetryFirst, Duration pushRetryMax,
                               Duration pushTimeout, Clock clock, Long randomSeed) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(2);
    public static final Duration DEFAULT_PUSH_RETRY_FIRST = Duration.ofMillis(200);
    public static final Duration DEFAULT_PUSH_RETRY_MAX = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern MEMBER = Pattern.compile("\\d{6}");

    public SimulatorOptions {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(member, "member");
        if (!MEMBER.matcher(member).matches()) {
            throw new IllegalArgumentException("member: '" + member + "' is not a six-digit division code");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not a port (0: any free one)");
        }
        if (!charset.equals(StandardCharsets.UTF_8) && !charset.name().equalsIgnoreCase("GBK")) {
            throw new IllegalArgumentException("charset is GBK or UTF-8, not " + charset.name());
        }
        policiesByCreditCode = Map.copyOf(policiesByCreditCode);
        penalties = List.copyOf(penalties);
        Objects.requireNonNull(clock, "clock");
    }

    public static Builder builder(Dialect dialect, String member) {
        return new Builder(dialect, member);
    }

    /** Options with development defaults; every setter returns the builder. */
    public static final class Builder {
        private final Dialect dialect;
        private final String member;
        private String host = DEFAULT_HOST;
        private int port;
        private String clientId;
        private String clientSecret;
        private String callbackToken;
        private Duration tokenTtl = DEFAULT_TOKEN_TTL;
        private String appKey;
        private String appSecret;
        private Charset charset = StandardCharsets.UTF_8;
        private String apiKey;
        private DecisionPolicy policy = DecisionPolicy.standard();
        private final Map<String, DecisionPolicy> byCode = new LinkedHashMap<>();
        private Faults faults = Faults.none();
        private final List<PenaltyEntry> penalties = new ArrayList<>();
        private Duration pushRetryFirst = DEFAULT_PUSH_RETRY_FIRST;
        private Duration pushRetryMax = DEFAULT_PUSH_RETRY_MAX;
        private Duration pushTimeout = DEFAULT_PUSH_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private Long randomSeed;

        private Builder(Dialect dialect, String member) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            this.member = Objects.requireNonNull(member, "member");
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        public Builder clientSecret(String v) {
            clientSecret = v;
            return this;
        }

        public Builder callbackToken(String v) {
            callbackToken = v;
            return this;
        }

        public Builder tokenTtl(Duration v) {
            tokenTtl = v;
            return this;
        }

        public Builder appKey(String v) {
            appKey = v;
            return this;
        }

        public Builder appSecret(String v) {
            appSecret = v;
            return this;
        }

        public Builder charset(Charset v) {
            charset = v;
            return this;
        }

        public Builder apiKey(String v) {
            apiKey = v;
            return this;
        }

        public Builder policy(DecisionPolicy v) {
            policy = v;
            return this;
        }

        public Builder policyFor(String creditCode, DecisionPolicy v) {
            byCode.put(creditCode, v);
            return this;
        }

        public Builder faults(Faults v) {
            faults = v;
            return this;
        }

        public Builder penalty(PenaltyEntry v) {
            penalties.add(v);
            return this;
        }

        public Builder pushRetry(Duration first, Duration max) {
            pushRetryFirst = first;
            pushRetryMax = max;
            return this;
        }

        public Builder pushTimeout(Duration v) {
            pushTimeout = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public Builder randomSeed(Long v) {
            randomSeed = v;
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(dialect, member, host, port,
                    orDefault(clientId, "tongban-" + member), orDefault(clientSecret, "client-secret-" + member),
                    orDefault(callbackToken, "callback-token-" + member), tokenTtl,
                    orDefault(appKey, "app-" + member), orDefault(appSecret, "app-secret-" + member), charset,
                    orDefault(apiKey, "api-key-" + member), policy, byCode, faults, penalties, pushRetryFirst,
                    pushRetryMax, pushTimeout, clock, randomSeed);
        }

        private static String orDefault(String v, String fallback) {
            return v == null || v.isEmpty() ? fallback : v;
        }
    }
}
