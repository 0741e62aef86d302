package org.tongban.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.failure.CredentialsRejectedException;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.adapters.failure.UnreadableResponseException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * Bearer tokens from an OAuth2 token endpoint by the client-credentials grant (RFC 6749 §4.4),
 * with the client's id and secret in the form body. A token is reused until less than 60 s, or
 * a tenth of its life when that is shorter, remain; then the next caller fetches a new one.
 * Callers that need a token while one is being fetched share that one fetch.
 *
 * <p>{@link #send} wraps a call to the platform: on a 401 it renews the token once and repeats
 * the call once; a second 401 fails with {@link CredentialsRejectedException}.
 */
public final class OAuth2TokenSource {
    /** Renew at the latest this long before a token expires. */
    static final Duration RENEW_MARGIN = Duration.ofSeconds(60);

    private final WebClient client;
    private final Credentials credentials;
    private final long timeoutMillis;
    private final Clock clock;
    private final Object lock = new Object();
    private Token current;
    private Future<Token> fetching;
    private long fetches;

    /**
     * @param client        the client to reach the token endpoint with (usually the adapter's own)
     * @param timeoutMillis how long a token request may take
     */
    public OAuth2TokenSource(WebClient client, Credentials credentials, long timeoutMillis, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeoutMillis = timeoutMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the token endpoint needs; {@code scope} may be {@code null}. */
    public record Credentials(URI tokenUrl, String clientId, Secret clientSecret, String scope) {
        public Credentials {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }
    }

    /** A usable token: the cached one, or a new one (shared with concurrent callers). */
    public Future<String> token() {
        synchronized (lock) {
            if (current != null && current.usableAt(clock.instant())) {
                return Future.succeededFuture(current.value());
            }
            return fetchLocked().map(Token::value);
        }
    }

    /**
     * A token other than {@code rejected}, which the platform just refused: a new one, unless
     * another caller already replaced it.
     */
    public Future<String> renew(String rejected) {
        synchronized (lock) {
            if (fetching != null) {
                return fetching.map(Token::value);
            }
            if (current != null && !current.value().equals(rejected) && current.usableAt(clock.instant())) {
                return Future.succeededFuture(current.value());
            }
            current = null;
            return fetchLocked().map(Token::value);
        }
    }

    /**
     * Sends a platform call with a token; on 401 renews the token and sends once more. Answers
     * other than 401 are returned as they are, for the dialect to judge.
     *
     * @param call sends the request with the given bearer token
     */
    public Future<HttpResponse<Buffer>> send(Function<String, Future<HttpResponse<Buffer>>> call) {
        return token().compose(first -> call.apply(first).compose(r -> {
            if (r.statusCode() != 401) {
                return Future.succeededFuture(r);
            }
            return renew(first).compose(call).compose(again -> {
                if (again.statusCode() == 401) {
                    return Future.failedFuture(new CredentialsRejectedException(401, errorCode(again),
                            "the platform refused a freshly issued token of client '" + credentials.clientId()
                                    + "'; check the client's permissions and scope at " + credentials.tokenUrl()));
                }
                return Future.succeededFuture(again);
            });
        }));
    }

    /** How many times a token was requested from the endpoint (for health and tests). */
    public long fetches() {
        synchronized (lock) {
            return fetches;
        }
    }

    private Future<Token> fetchLocked() {
        if (fetching == null) {
            fetches++;
            Future<Token> f = fetch();
            fetching = f;
            f.onComplete(ar -> {
                synchronized (lock) {
                    fetching = null;
                    if (ar.succeeded()) {
                        current = ar.result();
                    }
                }
            });
        }
        return fetching;
    }

    private Future<Token> fetch() {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "client_credentials")
                .add("client_id", credentials.clientId())
                .add("client_secret", credentials.clientSecret().reveal());
        if (credentials.scope() != null) {
            form.add("scope", credentials.scope());
        }
        Instant asked = clock.instant();
        return client.postAbs(credentials.tokenUrl().toString())
                .timeout(timeoutMillis)
                .putHeader("Accept", "application/json")
                .sendForm(form)
                .compose(r -> Future.succeededFuture(read(r, asked)));
    }

    private Token read(HttpResponse<Buffer> r, Instant asked) {
        int status = r.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            throw new CredentialsRejectedException(status, errorCode(r), "the token endpoint " + credentials.tokenUrl()
                    + " refused client '" + credentials.clientId() + "': " + describe(r));
        }
        if (status != 200) {
            throw new PlatformException(status, errorCode(r), "token endpoint " + credentials.tokenUrl() + ": "
                    + describe(r), RetryAfter.parse(r.getHeader("Retry-After"), clock));
        }
        JsonObject body = jsonOrNull(r);
        Object token = body == null ? null : body.getValue("access_token");
        Object type = body == null ? null : body.getValue("token_type");
        Object expires = body == null ? null : body.getValue("expires_in");
        if (!(token instanceof String) || ((String) token).isEmpty() || !(type instanceof String)
                || !"bearer".equalsIgnoreCase((String) type)
                || expires != null && !(expires instanceof Number && ((Number) expires).longValue() > 0)) {
            throw new UnreadableResponseException(status, "token endpoint " + credentials.tokenUrl()
                    + " answered without a bearer access_token and a positive expires_in");
        }
        if (expires == null) {
            // no stated life: use it until the platform refuses it (then renew once)
            return new Token((String) token, Instant.MAX);
        }
        Duration life = Duration.ofSeconds(((Number) expires).longValue());
        Duration margin = life.dividedBy(10).compareTo(RENEW_MARGIN) < 0 ? life.dividedBy(10) : RENEW_MARGIN;
        return new Token((String) token, asked.plus(life).minus(margin));
    }

    private static JsonObject jsonOrNull(HttpResponse<Buffer> r) {
        try {
            Object v = r.body() == null ? null : io.vertx.core.json.Json.decodeValue(r.body());
            return v instanceof JsonObject ? (JsonObject) v : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static String errorCode(HttpResponse<Buffer> r) {
        JsonObject body = jsonOrNull(r);
        return body != null && body.getValue("error") instanceof String ? body.getString("error") : null;
    }

    private static String describe(HttpResponse<Buffer> r) {
        JsonObject body = jsonOrNull(r);
        String code = errorCode(r);
        String text = body != null && body.getValue("error_description") instanceof String
                ? body.getString("error_description") : null;
        return "HTTP " + r.statusCode() + (code == null ? "" : " " + code) + (text == null ? "" : " (" + text + ")");
    }

    private record Token(String value, Instant renewAt) {
        boolean usableAt(Instant now) {
            return now.isBefore(renewAt);
        }

        @Override
        public String toString() {
            return "Token[***, renewAt=" + renewAt + "]";
        }
    }
}
