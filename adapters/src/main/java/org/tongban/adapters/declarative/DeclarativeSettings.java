package org.tongban.adapters.declarative;

import org.tongban.adapters.config.HttpSettings;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.config.Settings;
import org.tongban.adapters.spi.AdapterConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@code declarative} adapter: the mapping file, the platform's address, the
 * credentials its mapping's {@code auth} needs (by fixed names: {@code apiKey}; {@code username}
 * and {@code password}; {@code clientId}, {@code clientSecret} and {@code scope}), the polling
 * pace of its change feed, and the shared {@code http} block. Credentials another auth type would
 * need are refused as unknown keys, so a stale secret does not linger in a configuration.
 *
 * @param mappingLocation the {@code mapping} setting as written, for messages
 */
record DeclarativeSettings(String mappingLocation, Mapping mapping, URI baseUrl, Secret apiKey, String username,
                                  Secret password, String clientId, Secret clientSecret, String scope,
                                  Duration pollEvery, Duration maxBackoff, int pageSize, HttpSettings http) {
    public static final Duration DEFAULT_POLL_EVERY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    public static final int DEFAULT_PAGE_SIZE = 100;

    public DeclarativeSettings {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(http, "http");
    }

    /** Reads the settings block and the mapping file it names (blocking: call where files may be read). */
    static DeclarativeSettings read(Settings s) {
        String location = s.requiredString("mapping");
        Mapping mapping = MappingReader.load(location, s.baseDir());
        URI baseUrl = s.requiredUrl("baseUrl");
        Secret apiKey = null;
        String username = null;
        Secret password = null;
        String clientId = null;
        Secret clientSecret = null;
        String scope = null;
        switch (mapping.auth().type()) {
            case API_KEY:
                apiKey = s.requiredSecret("apiKey");
                break;
            case BASIC:
                username = s.requiredString("username");
                password = s.requiredSecret("password");
                break;
            case OAUTH2_CLIENT_CREDENTIALS:
                clientId = s.requiredString("clientId");
                clientSecret = s.requiredSecret("clientSecret");
                scope = s.optionalString("scope").orElse(null);
                break;
            default:
                break;
        }
        Duration pollEvery = positive(s, "pollEvery", DEFAULT_POLL_EVERY);
        Duration maxBackoff = positive(s, "maxBackoff", DEFAULT_MAX_BACKOFF);
        if (maxBackoff.compareTo(pollEvery) < 0) {
            throw new AdapterConfigException(s.path("maxBackoff") + ": must be at least pollEvery (" + pollEvery
                    + "), got " + maxBackoff);
        }
        int pageSize = s.intIn("pageSize", DEFAULT_PAGE_SIZE, 1, 1000);
        HttpSettings http = HttpSettings.read(s.section("http"));
        s.done();
        return new DeclarativeSettings(location, mapping, baseUrl, apiKey, username, password, clientId, clientSecret,
                scope, pollEvery, maxBackoff, pageSize, http);
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new AdapterConfigException(s.path(key) + ": expected a duration above 0 and at most 1d, got " + d);
        }
        return d;
    }
}
