package org.tongban.gateway.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.contracts.crypto.TrustStore;
import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.gateway.federation.FederationApi;
import org.tongban.gateway.node.DirectoryHolder;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Delivers envelopes to peer nodes: {@code POST <node url>/federation/v1/messages} as
 * {@code application/json}, over mutual TLS when this node has a TLS identity (see
 * {@link org.tongban.gateway.tls.NodeTls#client}), or plain HTTP for {@code http://} URLs on a
 * development node without one. Node URLs are looked up in the directory in force at each call.
 *
 * <p>A {@code 200} yields the receipt bytes; any other answer becomes a
 * {@link PlatformException} with the status, the problem's stable {@code code}, its detail and
 * the Retry-After, so that {@link org.tongban.adapters.failure.FailureClassifier} decides.
 */
public final class PeerClient implements PeerTransport, AutoCloseable {
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
    /** Connections kept per peer node. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DirectoryHolder directory;
    private final WebClient client;
    private final boolean mutualTls;
    private final Clock clock;

    /** A client with {@value #DEFAULT_MAX_CONNECTIONS} keep-alive connections per peer. */
    public PeerClient(Vertx vertx, DirectoryHolder directory, WebClientOptions options) {
        this(vertx, directory, options, new PoolOptions().setHttp1MaxSize(DEFAULT_MAX_CONNECTIONS), Clock.systemUTC());
    }

    /**
     * @param options TLS and socket options; a key/certificate in them means this node speaks
     *                mutual TLS and refuses to send to {@code http://} peers
     * @param pool    connections per peer (size it to the outbox's per-destination concurrency)
     * @param clock   for Retry-After given as an HTTP date
     */
    public PeerClient(Vertx vertx, DirectoryHolder directory, WebClientOptions options, PoolOptions pool, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.mutualTls = options.getKeyCertOptions() != null;
        WebClientOptions o = new WebClientOptions(options);
        o.setKeepAlive(true);
        o.setConnectTimeout((int) DEFAULT_CONNECT_TIMEOUT_MS);
        this.client = WebClient.create(vertx, o, pool);
    }

    @Override
    public Future<byte[]> deliver(String nodeId, byte[] envelope) {
        FederationDirectory dir = directory.directory();
        if (!directory.isValid()) {
            // retryable: nothing goes out on a directory past its validity; a newer edition resumes delivery
            return Future.failedFuture(new NoRouteToHostException("federation directory serial " + dir.serial()
                    + " expired at " + dir.validUntil() + "; install a newer edition"));
        }
        DirectoryNode node = dir.node(nodeId).orElse(null);
        if (node == null) {
            // retryable: a directory edition may be on its way that lists the node again
            return Future.failedFuture(new NoRouteToHostException("node " + nodeId
                    + " is not in federation directory serial " + dir.serial()));
        }
        URI url = node.url();
        if (mutualTls && "http".equals(url.getScheme())) {
            return Future.failedFuture(new ContractException(ErrorCode.DIRECTORY_INVALID, "/nodes",
                    "node " + nodeId + " has the plain http URL " + url + "; this node sends only over mutual TLS"));
        }
        String base = url.toString().endsWith("/") ? url.toString().substring(0, url.toString().length() - 1)
                : url.toString();
        return client.postAbs(base + FederationApi.MESSAGES_PATH)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, application/problem+json")
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT_MS)
                .idleTimeout(DEFAULT_RESPONSE_TIMEOUT_MS)
                .sendBuffer(Buffer.buffer(envelope))
                .compose(response -> answer(nodeId, response));
    }

    @Override
    public TrustStore trustStore() {
        return directory.trustStore();
    }

    private Future<byte[]> answer(String nodeId, HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (response.statusCode() == 200) {
            return Future.succeededFuture(body == null ? new byte[0] : body.getBytes());
        }
        String code = null;
        String detail = null;
        if (body != null && body.length() > 0 && body.length() <= MAX_PROBLEM_BYTES) {
            try {
                JsonNode problem = MAPPER.readTree(body.getBytes());
                code = text(problem, "code");
                detail = text(problem, "detail");
            } catch (IOException e) {
                detail = truncate(body.toString(StandardCharsets.UTF_8));
            }
        }
        String message = "node " + nodeId + " answered HTTP " + response.statusCode()
                + (code == null ? "" : " " + code) + (detail == null ? "" : ": " + detail);
        return Future.failedFuture(new PlatformException(response.statusCode(), code, message,
                retryAfter(response.getHeader("Retry-After"))));
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit) && v.length() <= 9) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? truncate(v.textValue()) : null;
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }

    @Override
    public void close() {
        client.close();
    }
}
