package org.tongban.gateway.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The node's one configuration file, typed. Loaded by {@link ConfigLoader} from YAML with
 * {@code TONGBAN_*} environment overrides, unknown keys refused, and checked by
 * {@link ConfigValidator} before anything starts. Relative paths are resolved against the
 * directory of the configuration file.
 *
 * @param baseDir the directory of the configuration file, set by {@link ConfigLoader} (never read
 *                from the file): relative paths in adapter settings, such as a mapping file,
 *                resolve against it
 */
public record NodeConfig(Node node, Federation federation, List<HostedMember> members, Listen listen, Tls tls,
                         Store store, Outbox outbox, Limits limits, Office office, Rules rules, Calendar calendar,
                         Sla sla, Sharing sharing, @JsonIgnore Path baseDir) {

    /** The same configuration, read from a file in {@code dir}. */
    public NodeConfig withBaseDir(Path dir) {
        return new NodeConfig(node, federation, members, listen, tls, store, outbox, limits, office, rules, calendar, sla,
                sharing, dir);
    }

    /**
     * @param id      this node's id in the federation directory
     * @param profile {@code production} (mutual TLS on the federation API) or {@code development}
     *                (plain HTTP allowed, for one laptop)
     * @param dataDir where the embedded store and other node files live
     */
    public record Node(String id, Profile profile, Path dataDir) {
    }

    public enum Profile {
        production, development
    }

    /**
     * @param directory   the signed federation directory (a file, refreshed while the node runs)
     * @param anchor      the trust anchor's public key file
     * @param refreshEvery how often the directory file is re-read
     */
    public record Federation(Path directory, Path anchor, Duration refreshEvery) {
    }

    /**
     * A member city hosted on this node.
     *
     * @param id      its division code
     * @param keys    its private key files; the newest one valid now signs
     * @param adapter how the node reaches the member's credit platform
     */
    public record HostedMember(String id, List<Path> keys, Adapter adapter) {
    }

    /** @param type adapter dialect (see the adapters module), @param settings its own settings */
    public record Adapter(String type, JsonNode settings) {
    }

    public record Listen(Endpoint federation, Endpoint office, Endpoint ops) {
    }

    public record Endpoint(String host, int port) {
        public URI uri(String scheme) {
            return URI.create(scheme + "://" + host + ":" + port);
        }
    }

    /**
     * This node's TLS identity, used as server and as client on the federation API. Peers are
     * trusted by the certificate fingerprints the signed directory lists for their nodes.
     */
    public record Tls(Path certificate, Path privateKey, TlsEngine engine) {
        public Tls {
            engine = engine == null ? TlsEngine.auto : engine;
        }

        public Tls(Path certificate, Path privateKey) {
            this(certificate, privateKey, TlsEngine.auto);
        }
    }

    /**
     * Which TLS implementation the federation API uses: {@code openssl} (BoringSSL through
     * netty-tcnative; AES-GCM several times cheaper than the JDK's on inbound buffers), {@code jdk},
     * or {@code auto}, BoringSSL where its native library loads on this platform, else the JDK.
     */
    public enum TlsEngine {
        auto, openssl, jdk
    }

    /**
     * @param kind     {@code embedded} (a file, no setup) or {@code postgresql}
     * @param path     the embedded database file
     * @param url      JDBC URL for PostgreSQL
     * @param poolSize connections
     */
    public record Store(StoreKind kind, Path path, String url, String user, Secret password, Integer poolSize) {
    }

    public enum StoreKind {
        embedded, postgresql
    }

    /**
     * @param initialBackoff          first retry delay
     * @param maxBackoff              longest retry delay
     * @param maxAge                  after this long undelivered, a message is dead-lettered
     * @param perDestinationConcurrency messages in flight to one destination at once
     * @param breakerFailures         consecutive failures that open a peer's circuit
     * @param breakerOpenFor          how long an open circuit stays open before a trial
     * @param leaseFor                how long a claimed message stays claimed by one process
     */
    public record Outbox(Duration initialBackoff, Duration maxBackoff, Duration maxAge, Integer perDestinationConcurrency,
                         Integer breakerFailures, Duration breakerOpenFor, Duration leaseFor, Duration pollEvery) {
    }

    /**
     * @param maxEnvelopeBytes largest accepted envelope
     * @param replayWindow     oldest accepted {@code sentAt}
     * @param clockSkew        newest accepted {@code sentAt} beyond now
     * @param messageLifetime  {@code expiresAt − sentAt} of messages this node signs
     */
    public record Limits(Integer maxEnvelopeBytes, Duration replayWindow, Duration clockSkew, Duration messageLifetime) {
    }

    /**
     * @param jwtSecret HMAC-SHA256 secret that signs office and ops bearer tokens
     * @param jwtIssuer expected {@code iss} claim
     */
    public record Office(Secret jwtSecret, String jwtIssuer) {
    }

    /**
     * Publicity rules beyond those shipped (see the ops module's README).
     *
     * @param files CSV files in the format of {@code publicity-rules.csv}; a file replaces each
     *              rule set it names and adds new ones
     */
    public record Rules(List<Path> files) {
    }

    /**
     * The working-day calendar beyond the shipped State Council notices (2024–2026).
     *
     * @param files     holiday-cn JSON files, one per year; a file for a shipped year replaces it
     * @param lookahead how far ahead the node needs a year's notice: from this long before 1 January,
     *                  a missing next year shows on {@code /ready} and in {@code tongban_calendar_years_missing}
     */
    public record Calendar(List<Path> files, Duration lookahead) {
    }

    /**
     * Service-level clocks of legs and their breaches.
     *
     * @param profiles  SLA profiles by id, added to the shipped ones (national, same-day, 24h) or
     *                  replacing one of the same id: {@code <id>: {description, clocks: {<CLOCK>: {within: 3wd, escalate: true}}}}
     * @param pollEvery how often the node looks for clocks that ran out
     * @param leaseFor  how long one process holds a claimed timer before another may take it
     */
    public record Sla(JsonNode profiles, Duration pollEvery, Duration leaseFor) {
    }

    /**
     * Penalty sharing (信息共享) between members.
     *
     * @param batchSize notices per signed {@code PenaltyNoticeBatch} (a home member's lone notice goes as
     *                  a single {@code PenaltyNotice})
     * @param pageSize  penalty decisions read from a member's platform at a time (platforms commonly cap a page at 1000)
     * @param pollEvery how often a platform's penalty feed is read when it had nothing more
     * @param jobsEvery how often due reminders (期满提醒) and automatic ends of publicity (免申享) are looked for
     */
    public record Sharing(Integer batchSize, Integer pageSize, Duration pollEvery, Duration jobsEvery) {
    }
}
