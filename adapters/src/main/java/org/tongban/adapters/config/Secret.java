package org.tongban.adapters.config;

import io.vertx.core.json.JsonObject;
import org.tongban.adapters.spi.AdapterConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Function;

/**
 * A credential from configuration (client secret, app secret, callback token). Written as
 * {@code {"secret": "env:NAME"}} (an environment variable), {@code {"secret": "file:PATH"}}
 * (a file, relative to the configuration's directory, trailing line breaks dropped) or, in
 * development, a plain string. It prints as {@code ***} everywhere: {@link #toString()}, logs,
 * error messages; only {@link #reveal()} gives the value, at the point of use.
 */
public final class Secret {
    private static final String REDACTED = "***";

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** A secret given in code (tests, development). */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret may not be empty");
        }
        return new Secret(value, "plain");
    }

    static Secret read(String path, Object raw, Path baseDir, Function<String, String> environment) {
        String usage = path + ": expected a string, {\"secret\": \"env:NAME\"} or {\"secret\": \"file:PATH\"}";
        if (raw instanceof String) {
            if (((String) raw).isEmpty()) {
                throw new AdapterConfigException(path + ": the secret is empty");
            }
            return new Secret((String) raw, "plain");
        }
        if (!(raw instanceof JsonObject) || ((JsonObject) raw).size() != 1
                || !(((JsonObject) raw).getValue("secret") instanceof String)) {
            throw new AdapterConfigException(usage);
        }
        String ref = ((JsonObject) raw).getString("secret");
        if (ref.startsWith("env:") && ref.length() > 4) {
            String name = ref.substring(4);
            String v = environment.apply(name);
            if (v == null || v.isEmpty()) {
                throw new AdapterConfigException(path + ": environment variable " + name + " is not set or empty");
            }
            return new Secret(v, ref);
        }
        if (ref.startsWith("file:") && ref.length() > 5) {
            Path file = baseDir.resolve(ref.substring(5)).toAbsolutePath().normalize();
            String v;
            try {
                v = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            } catch (IOException e) {
                throw new AdapterConfigException(path + ": cannot read secret file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (v.isEmpty()) {
                throw new AdapterConfigException(path + ": secret file " + file + " is empty");
            }
            return new Secret(v, "file:" + file);
        }
        throw new AdapterConfigException(usage + "; got {\"secret\": \"" + ref.replaceAll(":.*", ":…") + "\"}");
    }

    /** The value itself; call only where it is used, never to print it. */
    public String reveal() {
        return value;
    }

    /** Where the value came from ({@code plain}, {@code env:NAME}, {@code file:/abs/path}); safe to print. */
    public String source() {
        return source;
    }

    /** Compares in constant time, for checking a credential a caller presented. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && ((Secret) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
