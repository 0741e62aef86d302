package org.tongban.adapters.config;

import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.contracts.id.MemberId;

import java.net.URI;
import java.util.Objects;

/**
 * Where an adapter receives the events its platform pushes: the {@code callback} block.
 *
 * @param host      interface to bind (default {@code 127.0.0.1})
 * @param port      port to bind; 0 takes any free port
 * @param path      request path, with {@code {member}} already replaced (default {@code /callbacks/{member}})
 * @param publicUrl the URL the platform must use when it differs from the bound address (behind
 *                  a proxy or a NAT), or {@code null}
 */
public record CallbackSettings(String host, int port, String path, URI publicUrl) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PATH = "/callbacks/{member}";

    public CallbackSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Reads the keys {@code host}, {@code port}, {@code path} and {@code publicUrl} of a
     * {@code callback} section; a dialect reads its own further keys (such as {@code token})
     * from the same section.
     */
    public static CallbackSettings read(Settings callback, MemberId member) {
        String host = callback.host("host", DEFAULT_HOST);
        int port = callback.intIn("port", 0, 0, 65535);
        String path = callback.string("path", DEFAULT_PATH).replace("{member}", member.value());
        if (!path.startsWith("/") || path.contains("?") || path.contains("#") || path.contains("{")) {
            throw new AdapterConfigException(callback.path("path") + ": expected an absolute path such as "
                    + DEFAULT_PATH + " (only {member} is replaced), got \"" + path + "\"");
        }
        URI publicUrl = callback.optionalUrl("publicUrl").orElse(null);
        if (publicUrl == null && Settings.isWildcard(host)) {
            throw new AdapterConfigException(callback.path("publicUrl") + ": required when " + callback.path("host")
                    + " is " + host + ", since the platform needs an address it can reach");
        }
        return new CallbackSettings(host, port, path, publicUrl);
    }
}
