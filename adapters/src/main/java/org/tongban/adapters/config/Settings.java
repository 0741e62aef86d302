package org.tongban.adapters.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tongban.adapters.spi.AdapterConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, strict reader of one adapter settings block (or a section of it). Every read names
 * the key as allowed; {@link #done()} then refuses any key that no one read, so a misspelt
 * setting fails at start-up instead of being silently ignored. Every error is an
 * {@link AdapterConfigException} whose message starts with the full key path
 * (e.g. {@code http.tls.verifyHost}) and says what is expected. Secret values are never
 * echoed in messages.
 *
 * <p>Not thread-safe; used once, while an adapter is created.
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]");

    private final JsonObject json;
    private final String prefix;
    private final Path baseDir;
    private final Function<String, String> environment;
    private final Set<String> allowed = new LinkedHashSet<>();
    private final List<Settings> sections = new ArrayList<>();

    private Settings(JsonObject json, String prefix, Path baseDir, Function<String, String> environment) {
        this.json = json == null ? new JsonObject() : json;
        this.prefix = prefix;
        this.baseDir = baseDir == null ? Path.of("") : baseDir;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Settings read from {@code json}; relative paths resolve against {@code baseDir}. */
    public static Settings of(JsonObject json, Path baseDir) {
        return new Settings(json, "", baseDir, System::getenv);
    }

    /** As {@link #of(JsonObject, Path)} with an explicit environment, for {@code env:} secrets. */
    public static Settings of(JsonObject json, Path baseDir, Function<String, String> environment) {
        return new Settings(json, "", baseDir, environment);
    }

    /** The full path of {@code key} in this block, as error messages name it. */
    public String path(String key) {
        return prefix + key;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Whether {@code key} is present and not {@code null}. Marks it as allowed. */
    public boolean has(String key) {
        allowed.add(key);
        return json.getValue(key) != null;
    }

    /** Whether {@code key} holds an object (a nested block). Marks it as allowed. */
    public boolean isSection(String key) {
        return value(key) instanceof JsonObject;
    }

    public String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    public Optional<String> optionalString(String key) {
        Object v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw invalid(key, "expected a non-empty string", v);
        }
        return Optional.of((String) v);
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean)) {
            throw invalid(key, "expected true or false", v);
        }
        return (Boolean) v;
    }

    /** A whole number in {@code [min, max]}, or {@code defaultValue} when absent. */
    public int intIn(String key, int defaultValue, int min, int max) {
        Object v = value(key);
        if (v == null) {
            return defaultValue;
        }
        String expected = "expected a whole number from " + min + " to " + max;
        if (!(v instanceof Integer || v instanceof Long)) {
            throw invalid(key, expected, v);
        }
        long n = ((Number) v).longValue();
        if (n < min || n > max) {
            throw invalid(key, expected, v);
        }
        return (int) n;
    }

    /**
     * A duration written as a whole number and a unit: {@code 200ms}, {@code 5s}, {@code 2m},
     * {@code 1h}, {@code 1d}; {@code defaultValue} when absent.
     */
    public Duration duration(String key, Duration defaultValue) {
        return optionalDuration(key).orElse(defaultValue);
    }

    public Duration requiredDuration(String key) {
        return optionalDuration(key).orElseThrow(() -> missing(key));
    }

    private Optional<Duration> optionalDuration(String key) {
        Object v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        String expected = "expected a duration such as 200ms, 5s, 2m, 1h or 1d";
        if (!(v instanceof String)) {
            throw invalid(key, expected + " (a bare number has no unit)", v);
        }
        Matcher m = DURATION.matcher(((String) v).trim());
        if (!m.matches()) {
            throw invalid(key, expected, v);
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Optional.of(Duration.ofMillis(n));
            case "s":
                return Optional.of(Duration.ofSeconds(n));
            case "m":
                return Optional.of(Duration.ofMinutes(n));
            case "h":
                return Optional.of(Duration.ofHours(n));
            default:
                return Optional.of(Duration.ofDays(n));
        }
    }

    /** An absolute {@code http} or {@code https} URL with a host and no query, fragment or user info. */
    public URI requiredUrl(String key) {
        return optionalUrl(key).orElseThrow(() -> missing(key));
    }

    public Optional<URI> optionalUrl(String key) {
        Object v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        String expected = "expected an http:// or https:// URL such as https://credit.example.gov.cn/api";
        if (!(v instanceof String)) {
            throw invalid(key, expected, v);
        }
        URI uri;
        try {
            uri = new URI(((String) v).trim());
        } catch (URISyntaxException e) {
            throw invalid(key, expected, v);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid(key, expected, v);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new AdapterConfigException(path(key) + ": a URL here may not carry a query, a fragment or "
                    + "credentials (put credentials in their own secret settings)");
        }
        return Optional.of(uri);
    }

    /**
     * One of the constants of {@code type}, matched by name ignoring case, with {@code -} read as
     * {@code _} (so {@code UTF-8} names {@code UTF_8}); {@code defaultValue} when absent.
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        Object v = value(key);
        if (v == null) {
            return defaultValue;
        }
        E[] constants = type.getEnumConstants();
        String expected = "expected one of " + Arrays.stream(constants).map(c -> c.name().replace('_', '-')).toList();
        if (!(v instanceof String)) {
            throw invalid(key, expected, v);
        }
        String wanted = ((String) v).trim().replace('-', '_');
        for (E c : constants) {
            if (c.name().equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        throw invalid(key, expected, v);
    }

    /** A secret (see {@link Secret}); the message of an error never shows the value. */
    public Secret requiredSecret(String key) {
        return optionalSecret(key).orElseThrow(() -> missing(key));
    }

    public Optional<Secret> optionalSecret(String key) {
        Object v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(Secret.read(path(key), v, baseDir, environment));
    }

    /** A path to a readable file, resolved against the base directory. */
    public Optional<Path> optionalFile(String key) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path p = baseDir.resolve(text.get()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new AdapterConfigException(path(key) + ": no readable file at " + p);
        }
        return Optional.of(p);
    }

    /** A host name or IP address to bind to or to name in a URL. */
    public String host(String key, String defaultValue) {
        String host = string(key, defaultValue);
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw invalid(key, "expected a host name or an IP address", host);
        }
        return host;
    }

    /** Whether {@code host} binds every interface (and so cannot be named in a callback URL). */
    public static boolean isWildcard(String host) {
        return WILDCARD_HOSTS.contains(host);
    }

    /**
     * The object at {@code key} as a nested block whose keys are reported as {@code key.inner};
     * an empty block when absent. Its keys are checked by this block's {@link #done()}.
     */
    public Settings section(String key) {
        Object v = value(key);
        if (v != null && !(v instanceof JsonObject)) {
            throw invalid(key, "expected an object of settings", v);
        }
        Settings s = new Settings((JsonObject) v, path(key) + ".", baseDir, environment);
        sections.add(s);
        return s;
    }

    /**
     * Refuses keys that were not read, in this block and in the sections taken from it. Call it
     * after reading every setting.
     */
    public void done() {
        Set<String> unknown = new TreeSet<>(json.fieldNames());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            String hint = allowed.stream().filter(a -> a.equalsIgnoreCase(first)).findFirst()
                    .map(a -> " (did you mean '" + a + "'? keys are case-sensitive)").orElse("");
            throw new AdapterConfigException(path(first) + ": unknown setting" + hint + "; allowed "
                    + (prefix.isEmpty() ? "here" : "in " + prefix.substring(0, prefix.length() - 1)) + ": "
                    + allowed + (unknown.size() > 1 ? "; other unknown keys: " + unknown.stream().skip(1)
                    .map(this::path).toList() : ""));
        }
        sections.forEach(Settings::done);
    }

    private Object value(String key) {
        allowed.add(key);
        return json.getValue(key);
    }

    private AdapterConfigException missing(String key) {
        String hint = json.fieldNames().stream().filter(f -> f.equalsIgnoreCase(key) && !f.equals(key)).findFirst()
                .map(f -> " (found '" + f + "': keys are case-sensitive)").orElse("");
        return new AdapterConfigException(path(key) + ": required setting is missing" + hint);
    }

    private AdapterConfigException invalid(String key, String expected, Object got) {
        return new AdapterConfigException(path(key) + ": " + expected + ", got " + describe(got));
    }

    private static String describe(Object v) {
        if (v instanceof String) {
            return "\"" + v + "\"";
        }
        if (v instanceof JsonObject) {
            return "an object";
        }
        if (v instanceof JsonArray) {
            return "a list";
        }
        return String.valueOf(v);
    }
}
