package org.tongban.adapters.config;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code http} block every dialect shares: how the adapter's client reaches its platform.
 *
 * @param connectTimeout time to open a connection (default 5s)
 * @param requestTimeout time for a whole answer to arrive (default 15s); applied per request
 * @param maxConnections connections kept to the platform (default 8)
 * @param trustPem       CA bundle (PEM) to trust instead of the JVM's, or {@code null}
 * @param verifyHost     whether the server certificate must name the host (default true)
 * @param proxy          forward proxy, or {@code null}
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxConnections, Path trustPem,
                           boolean verifyHost, ProxySettings proxy) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final boolean DEFAULT_VERIFY_HOST = true;

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isZero() || connectTimeout.isNegative() || requestTimeout.isZero()
                || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS, null,
                DEFAULT_VERIFY_HOST, null);
    }

    /** Reads the {@code http} block; {@code http} is the section taken from the adapter's settings. */
    public static HttpSettings read(Settings http) {
        Duration connect = positive(http, "connectTimeout", DEFAULT_CONNECT_TIMEOUT);
        Duration request = positive(http, "requestTimeout", DEFAULT_REQUEST_TIMEOUT);
        int max = http.intIn("maxConnections", DEFAULT_MAX_CONNECTIONS, 1, 1000);
        Settings tls = http.section("tls");
        Path trust = tls.optionalFile("trustPem").orElse(null);
        boolean verifyHost = tls.bool("verifyHost", DEFAULT_VERIFY_HOST);
        ProxySettings proxy = ProxySettings.read(http, "proxy").orElse(null);
        return new HttpSettings(connect, request, max, trust, verifyHost, proxy);
    }

    private static Duration positive(Settings s, String key, Duration def) {
        Duration d = s.duration(key, def);
        if (d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new org.tongban.adapters.spi.AdapterConfigException(s.path(key)
                    + ": expected a duration above 0 and at most 1h, got " + d);
        }
        return d;
    }

    /** Client options for the platform: timeouts, TLS trust and host check, proxy. */
    public WebClientOptions clientOptions() {
        WebClientOptions o = new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setVerifyHost(verifyHost)
                .setUserAgent("tongban-adapter");
        if (trustPem != null) {
            o.setTrustOptions(new PemTrustOptions().addCertPath(trustPem.toString()));
        }
        if (proxy != null) {
            o.setProxyOptions(proxy.toProxyOptions());
        }
        return o;
    }

    /** Pool options: at most {@link #maxConnections()} connections to the platform. */
    public PoolOptions poolOptions() {
        return new PoolOptions().setHttp1MaxSize(maxConnections).setHttp2MaxSize(maxConnections);
    }

    /** A client with these settings; the caller closes it. */
    public WebClient createClient(Vertx vertx) {
        return WebClient.create(vertx, clientOptions(), poolOptions());
    }

    /** The request timeout in milliseconds, for {@code HttpRequest.timeout}. */
    public long requestTimeoutMillis() {
        return requestTimeout.toMillis();
    }
}
