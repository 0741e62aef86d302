package org.tongban.adapters.config;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import org.tongban.adapters.spi.AdapterConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A forward proxy between the adapter and its platform, written either as a URL
 * ({@code "proxy": "http://proxy.internal:3128"}, schemes {@code http}, {@code socks5}) or as
 * {@code {"url": "…", "username": "…", "password": <secret>}}.
 */
public record ProxySettings(ProxyType type, String host, int port, String username, Secret password) {
    public ProxySettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
    }

    static Optional<ProxySettings> read(Settings parent, String key) {
        if (!parent.has(key)) {
            return Optional.empty();
        }
        if (!parent.isSection(key)) {
            return Optional.of(parse(parent.path(key), parent.requiredString(key), null, null));
        }
        Settings p = parent.section(key);
        return Optional.of(parse(p.path("url"), p.requiredString("url"), p.optionalString("username").orElse(null),
                p.optionalSecret("password").orElse(null)));
    }

    private static ProxySettings parse(String path, String url, String username, Secret password) {
        String expected = path + ": expected a proxy URL such as http://proxy.internal:3128 or socks5://10.0.0.1:1080";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new AdapterConfigException(expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ProxyType type = switch (scheme) {
            case "http" -> ProxyType.HTTP;
            case "socks5" -> ProxyType.SOCKS5;
            default -> throw new AdapterConfigException(expected);
        };
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getRawUserInfo() != null) {
            throw new AdapterConfigException(expected + " (with a port; credentials go in username and password)");
        }
        return new ProxySettings(type, uri.getHost(), uri.getPort(), username, password);
    }

    ProxyOptions toProxyOptions() {
        ProxyOptions o = new ProxyOptions().setType(type).setHost(host).setPort(port);
        if (username != null) {
            o.setUsername(username);
        }
        if (password != null) {
            o.setPassword(password.reveal());
        }
        return o;
    }

    @Override
    public String toString() {
        return "ProxySettings[" + type + " " + host + ":" + port + (username == null ? "" : " user " + username) + "]";
    }
}
