package org.tongban.adapters.polling;

import org.tongban.adapters.config.HttpSettings;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.config.Settings;
import org.tongban.adapters.spi.AdapterConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@code polling} dialect (see {@code adapters/DIALECTS.md}, section c).
 *
 * @param baseUrl    the platform's API root, e.g. {@code https://credit.example.gov.cn/api}
 * @param apiKey     sent as {@code X-Api-Key} on every call
 * @param pollEvery  the pause between polls of the change feed while all is well (default 2s)
 * @param maxBackoff the longest pause after failed polls (default 60s)
 * @param pageSize   changes asked for per poll (default 100)
 * @param http       the shared {@code http} block
 */
public record PollingSettings(URI baseUrl, Secret apiKey, Duration pollEvery, Duration maxBackoff, int pageSize,
                              HttpSettings http) {
    public static final Duration DEFAULT_POLL_EVERY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Larger pages would hold a poll for long; platforms cap theirs lower anyway. */
    public static final int MAX_PAGE_SIZE = 1000;

    public PollingSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(pollEvery, "pollEvery");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(http, "http");
    }

    /** Reads the settings block, refusing unknown keys. */
    public static PollingSettings read(Settings s) {
        URI baseUrl = s.requiredUrl("baseUrl");
        Secret apiKey = s.requiredSecret("apiKey");
        Duration pollEvery = positive(s, "pollEvery", DEFAULT_POLL_EVERY);
        Duration maxBackoff = positive(s, "maxBackoff", DEFAULT_MAX_BACKOFF);
        if (maxBackoff.compareTo(pollEvery) < 0) {
            throw new AdapterConfigException(s.path("maxBackoff") + ": must be at least pollEvery (" + pollEvery
                    + "), got " + maxBackoff);
        }
        int pageSize = s.intIn("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        HttpSettings http = HttpSettings.read(s.section("http"));
        s.done();
        return new PollingSettings(baseUrl, apiKey, pollEvery, maxBackoff, pageSize, http);
    }

    /** A duration above zero and at most a day, the range in which polling makes sense. */
    static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new AdapterConfigException(s.path(key) + ": expected a duration above 0 and at most 1d, got " + d);
        }
        return d;
    }
}
