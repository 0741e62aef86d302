package org.tongban.gateway.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.adapters.spi.AdapterFactory;
import org.tongban.adapters.spi.AdapterRegistry;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.directory.FederationDirectory;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.cases.CaseService;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.cases.PenaltyEligibility;
import org.tongban.gateway.config.DomainData;
import org.tongban.gateway.config.ConfigException;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.federation.DeliveryResults;
import org.tongban.gateway.federation.FederationApi;
import org.tongban.gateway.federation.InboundEffects;
import org.tongban.gateway.federation.LocalHandOver;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.federation.ReceiptFactory;
import org.tongban.gateway.inbound.InboundPipeline;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.office.OfficeApi;
import org.tongban.gateway.office.auth.JwtVerifier;
import org.tongban.gateway.opsapi.HealthChecks;
import org.tongban.gateway.opsapi.OpsApi;
import org.tongban.gateway.outbox.AdapterTransport;
import org.tongban.gateway.outbox.OutboxHints;
import org.tongban.gateway.outbox.OutboxWorker;
import org.tongban.gateway.outbox.PeerClient;
import org.tongban.gateway.platform.AdapterCursors;
import org.tongban.gateway.platform.PlatformEventIntake;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.routing.Routes;
import org.tongban.gateway.sla.DueTimers;
import org.tongban.gateway.sla.SlaBreaches;
import org.tongban.gateway.sla.SlaClocks;
import org.tongban.gateway.sla.SlaReadiness;
import org.tongban.gateway.sla.SlaTimerWorker;
import org.tongban.gateway.sharing.AutomaticEndJob;
import org.tongban.gateway.sharing.HomeRouting;
import org.tongban.gateway.sharing.NoticeService;
import org.tongban.gateway.sharing.PenaltySharing;
import org.tongban.gateway.sharing.ReceivedNotices;
import org.tongban.gateway.sharing.ReminderJob;
import org.tongban.gateway.sharing.SharingWork;
import org.tongban.gateway.store.GroupCommitter;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.jdbc.JdbcStore;
import org.tongban.gateway.tls.NodeTls;
import org.tongban.ops.calendar.CalendarCoverage;
import org.tongban.ops.rules.EligibilityRules;
import org.tongban.ops.rules.RuleBook;
import org.tongban.ops.sla.SlaProfiles;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One running gateway node: it hosts member cities, holds their keys, talks to their platforms
 * through adapters, and to peer nodes over the federation API. {@link #start} builds everything
 * from the configuration and binds three ports: federation (mutual TLS), office and ops.
 */
public final class Node {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final Vertx vertx;
    private final NodeConfig config;
    private final Store store;
    private final GroupCommitter committer;
    private final OutboxWorker outbox;
    private final Map<MemberId, PlatformAdapter> adapters;
    private final List<HttpServer> servers = new ArrayList<>();
    private final DirectoryHolder directory;
    private final CaseService cases;
    private final PlatformEventIntake intake;
    private final PrometheusMeterRegistry registry;
    private final String owner;
    private long directoryTimer = -1;
    private int federationPort;
    private int officePort;
    private int opsPort;

    private Node(Vertx vertx, NodeConfig config, Store store, GroupCommitter committer, OutboxWorker outbox,
                 Map<MemberId, PlatformAdapter> adapters, DirectoryHolder directory, CaseService cases,
                 PlatformEventIntake intake, PrometheusMeterRegistry registry, String owner) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.committer = committer;
        this.outbox = outbox;
        this.adapters = adapters;
        this.directory = directory;
        this.cases = cases;
        this.intake = intake;
        this.registry = registry;
        this.owner = owner;
    }

    /**
     * Builds and starts a node. Blocking parts (keys, directory, store, migrations) run on a
     * worker; a {@link ConfigException} or {@link ContractException} explains what is wrong.
     */
    public static Future<Node> start(Vertx vertx, NodeConfig config, Clock clock) {
        return vertx.executeBlocking(() -> build(vertx, config, clock)).compose(node -> node.listen()
                // what did bind or open is let go again, so that the node can be started once more in this process
                .recover(e -> node.stop(Duration.ZERO).transform(v -> Future.<Void>failedFuture(e)))
                .map(node));
    }

    private static Node build(Vertx vertx, NodeConfig config, Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", config.node().id());
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        GatewayMetrics metrics = new GatewayMetrics(registry);

        DomainData domain = DomainData.load(config);
        TrustAnchor anchor = loadAnchor(config.federation().anchor());
        DirectoryHolder directory = new DirectoryHolder(config.federation().directory(), anchor, clock);
        HostedMembers hosted = new HostedMembers(loadKeys(config), clock);
        checkAgainstDirectory(config, directory.directory());

        NodeTls tls = config.tls() == null ? null : NodeTls.load(config.tls(), directory);
        Store store = openStore(config);
        String owner = config.node().id() + "/" + ProcessHandle.current().pid() + "@" + hostName();
        GroupCommitter committer = new GroupCommitter(store, "embedded".equals(store.kind()) ? 1 : 3, 128);
        try {
            Ids ids = new Ids(clock, new SecureRandom());
            MessageFactory messages = new MessageFactory(hosted, ids, clock, config.limits().messageLifetime());
            LegTransitions transitions = new LegTransitions(clock, metrics);
            SlaClocks slaClocks = new SlaClocks(hosted, directory, domain.profiles(), domain.calendar());
            transitions.listen(slaClocks);
            Routes routes = new Routes(hosted, directory);
            Dispatcher dispatcher = new Dispatcher(routes, clock);
            ReceiptFactory receipts = new ReceiptFactory(messages);
            // Publicity rules as shipped with this build; a node-configured rule book takes their place where one is configured.
            EligibilityRules rules = new EligibilityRules(RuleBook.shipped());
            ReceivedNotices notices = new ReceivedNotices(rules, ids, metrics);
            InboundEffects effects = new InboundEffects(transitions, messages, dispatcher, hosted, notices, clock);
            DeliveryResults results = new DeliveryResults(transitions, clock);
            dispatcher.bindLocalDelivery(new LocalHandOver(directory, receipts, effects, results, metrics, clock));
            CaseService cases = new CaseService(store, hosted, messages, dispatcher, transitions,
                    new PenaltyEligibility(new EligibilityRules(domain.rules()), clock), clock);
            SlaTimerWorker slaTimers = new SlaTimerWorker(vertx, new DueTimers(store, slaClocks,
                    new SlaBreaches(store, hosted, directory, messages, dispatcher, metrics, clock), config.sla().leaseFor(),
                    clock, owner), config.sla().pollEvery());
            CalendarCoverage coverage = new CalendarCoverage(domain.calendar(), clock, config.calendar().lookahead());
            coverage.bindTo(registry);
            PlatformEventIntake intake = new PlatformEventIntake(store, transitions, messages, dispatcher, metrics, clock);

            Map<MemberId, PlatformAdapter> adapters = createAdapters(vertx, config,
                    member -> new AdapterCursors(vertx, store, committer, member, clock), baseDir(config));
            WebClientOptions clientOptions = new WebClientOptions().setConnectTimeout(5_000).setIdleTimeout(30)
                    .setKeepAlive(true);
            PeerClient peers = new PeerClient(vertx, directory, tls == null ? clientOptions : tls.client(clientOptions));
            OutboxWorker outbox = new OutboxWorker(vertx, store, config.outbox(), peers, new AdapterTransport(adapters),
                    messages, results, metrics, clock, owner).useGroupCommitter(committer);
            OutboxHints hints = new OutboxHints();
            hints.bind(owner, config.outbox().leaseFor(), clock, outbox::enqueued);
            dispatcher.bindHints(hints);
            Node node = new Node(vertx, config, store, committer, outbox, adapters, directory, cases, intake, registry, owner);
            java.util.function.Predicate<MemberId> isMember = m -> directory.directory().member(m).isPresent();
            NodeConfig.Sharing sharingConfig = config.sharing();
            PenaltySharing sharing = new PenaltySharing(store, new HomeRouting(isMember), messages, dispatcher, rules, metrics,
                    clock, sharingConfig.batchSize());
            node.notices = new NoticeService(store, cases, rules, clock);
            node.sharing = new SharingWork(vertx, adapters, sharing, sharingConfig.pageSize(), sharingConfig.pollEvery(),
                    new ReminderJob(store, metrics, clock),
                    new AutomaticEndJob(store, hosted, isMember, messages, dispatcher, metrics, clock),
                    sharingConfig.jobsEvery());
            node.pipeline = new InboundPipeline(directory, hosted, receipts, effects, committer, metrics, clock,
                    config.limits().maxEnvelopeBytes(), config.limits().clockSkew(), config.limits().replayWindow());
            node.tls = tls;
            node.metrics = metrics;
            node.slaTimers = slaTimers;
            node.coverage = coverage;
            node.profiles = domain.profiles();
            return node;
        } catch (RuntimeException | Error e) {
            // nothing of a node that could not be built stays open: a start can be tried again
            committer.close();
            store.close();
            throw e;
        }
    }

    private InboundPipeline pipeline;
    private NoticeService notices;
    private SharingWork sharing;
    private NodeTls tls;
    private GatewayMetrics metrics;
    private SlaTimerWorker slaTimers;
    private CalendarCoverage coverage;
    private SlaProfiles profiles;

    private Future<Void> listen() {
        NodeConfig.Listen listen = config.listen();
        boolean development = config.node().profile() == NodeConfig.Profile.development;
        HttpServerOptions fedOptions = new HttpServerOptions().setHost(listen.federation().host())
                .setPort(listen.federation().port()).setCompressionSupported(false);
        if (tls != null) {
            fedOptions = tls.server(fedOptions);
        } else if (!development) {
            return Future.failedFuture(new ConfigException("the production profile needs tls: mutual TLS on the federation API"));
        }
        FederationApi federation = new FederationApi(vertx, pipeline, metrics, config.limits().maxEnvelopeBytes(), tls)
                .verifyOn(vertx.createSharedWorkerExecutor("tongban-verify",
                        Math.max(2, Runtime.getRuntime().availableProcessors())));
        JwtVerifier jwt = new JwtVerifier(config.office().jwtSecret().reveal(), config.office().jwtIssuer(), Clock.systemUTC());
        OfficeApi office = new OfficeApi(vertx, cases, notices, jwt);
        HealthChecks health = new HealthChecks();
        health.register("store", () -> store.isHealthy() ? HealthChecks.Result.up() : HealthChecks.Result.down("store does not answer"));
        health.register("directory", () -> directory.isValid() ? HealthChecks.Result.up()
                : HealthChecks.Result.down("federation directory serial " + directory.directory().serial() + " expired"));
        SlaReadiness.register(health, coverage, directory, profiles);
        for (Map.Entry<MemberId, PlatformAdapter> a : adapters.entrySet()) {
            health.register("platform-" + a.getKey(), () -> {
                var h = a.getValue().health().toCompletionStage().toCompletableFuture().join();
                return h.up() ? HealthChecks.Result.up() : HealthChecks.Result.down(h.detail());
            });
        }
        OpsApi ops = new OpsApi(vertx, registry, health, outbox.deadLetters(), store, jwt);

        Future<HttpServer> f = vertx.createHttpServer(fedOptions).requestHandler(federation.router()).listen();
        Future<HttpServer> o = vertx.createHttpServer(new HttpServerOptions().setHost(listen.office().host())
                .setPort(listen.office().port())).requestHandler(office.router()).listen();
        Future<HttpServer> p = vertx.createHttpServer(new HttpServerOptions().setHost(listen.ops().host())
                .setPort(listen.ops().port())).requestHandler(ops.router()).listen();
        return Future.join(f, o, p).transform(all -> {
            for (Future<HttpServer> bound : List.of(f, o, p)) {
                if (bound.succeeded()) {
                    servers.add(bound.result());
                }
            }
            return all.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(all.cause());
        }).compose(all -> {
            federationPort = f.result().actualPort();
            officePort = o.result().actualPort();
            opsPort = p.result().actualPort();
            return startAdapters();
        }).onSuccess(v -> {
            outbox.start();
            slaTimers.start();
            sharing.start();
            long every = Math.max(1000, config.federation().refreshEvery().toMillis());
            directoryTimer = vertx.setPeriodic(every, id -> vertx.executeBlocking(directory::refresh, false));
            LOG.info("node {} ready: federation={}://{}:{}{} office=http://{}:{} ops=http://{}:{} store={} members={}",
                    config.node().id(), tls == null ? "http" : "https", listen.federation().host(), federationPort,
                    tls == null ? "" : " (tls " + tls.engineName() + ")",
                    listen.office().host(), officePort, listen.ops().host(), opsPort, store.kind(), adapters.keySet());
        });
    }

    private Future<Void> startAdapters() {
        List<Future<Void>> started = new ArrayList<>();
        for (Map.Entry<MemberId, PlatformAdapter> e : adapters.entrySet()) {
            MemberId member = e.getKey();
            started.add(e.getValue().start(event -> vertx.executeBlocking(() -> {
                intake.accept(member, event);
                return null;
            }, false).<Void>mapEmpty().onSuccess(v -> outbox.poke())));
        }
        return Future.all(started).mapEmpty();
    }

    /**
     * Stops in order: no new requests, in-flight deliveries finished or left to their leases,
     * pending stores committed, adapters stopped, store closed. Work not finished within
     * {@code grace} is safely abandoned: everything acknowledged is already stored.
     */
    public Future<Void> stop(Duration grace) {
        if (directoryTimer >= 0) {
            vertx.cancelTimer(directoryTimer);
        }
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpServer s : servers) {
            closing.add(s.shutdown(grace));
        }
        return Future.join(closing)
                .transform(v -> slaTimers.stop())
                .transform(v -> sharing.stop())
                .transform(v -> outbox.stop(grace))
                .transform(v -> {
                    List<Future<Void>> stops = new ArrayList<>();
                    adapters.values().forEach(a -> stops.add(a.stop()));
                    return Future.join(stops).mapEmpty();
                })
                .transform(v -> vertx.executeBlocking(() -> {
                    committer.close(grace.toMillis());
                    store.close();
                    return null;
                }))
                .onComplete(v -> LOG.info("node {} stopped", config.node().id()))
                .mapEmpty();
    }

    public int federationPort() {
        return federationPort;
    }

    public int officePort() {
        return officePort;
    }

    public int opsPort() {
        return opsPort;
    }

    public NodeConfig config() {
        return config;
    }

    public CaseService cases() {
        return cases;
    }

    public Store store() {
        return store;
    }

    public String owner() {
        return owner;
    }

    public DirectoryHolder directory() {
        return directory;
    }

    /** Where relative paths in adapter settings resolve: beside the configuration file, else the working directory. */
    private static Path baseDir(NodeConfig config) {
        return config.baseDir() != null ? config.baseDir() : Path.of("").toAbsolutePath();
    }

    private static Store openStore(NodeConfig config) {
        NodeConfig.Store s = config.store();
        if (s.kind() == NodeConfig.StoreKind.postgresql) {
            return JdbcStore.postgres(s.url(), s.user(), s.password() == null ? null : s.password().reveal(), s.poolSize());
        }
        Path file = s.path() != null ? s.path() : config.node().dataDir().resolve("tongban.db");
        return JdbcStore.embedded(file, s.poolSize());
    }

    private static Map<MemberId, PlatformAdapter> createAdapters(Vertx vertx, NodeConfig config,
            java.util.function.Function<MemberId, org.tongban.adapters.spi.CursorStore> cursors, Path baseDir) {
        AdapterRegistry registry = AdapterRegistry.load(Node.class.getClassLoader());
        Map<MemberId, PlatformAdapter> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < config.members().size(); i++) {
            NodeConfig.HostedMember m = config.members().get(i);
            AdapterFactory factory = registry.factory(m.adapter().type()).orElse(null);
            if (factory == null) {
                problems.add("members[" + i + "].adapter.type: no adapter '" + m.adapter().type() + "' is installed; installed: "
                        + registry.factories().keySet());
                continue;
            }
            io.vertx.core.json.JsonObject settings = m.adapter().settings() == null ? new io.vertx.core.json.JsonObject()
                    : new io.vertx.core.json.JsonObject(m.adapter().settings().toString());
            try {
                MemberId member = MemberId.of(m.id());
                out.put(member, factory.create(new org.tongban.adapters.spi.AdapterContext(vertx, member, settings,
                        cursors.apply(member), baseDir)));
            } catch (AdapterConfigException e) {
                problems.add("members[" + i + "].adapter.settings: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return out;
    }

    private static Map<MemberId, List<KeyFile>> loadKeys(NodeConfig config) {
        Map<MemberId, List<KeyFile>> out = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < config.members().size(); i++) {
            NodeConfig.HostedMember m = config.members().get(i);
            List<KeyFile> keys = new ArrayList<>();
            for (int k = 0; k < m.keys().size(); k++) {
                Path p = m.keys().get(k);
                try {
                    KeyFile key = KeyFile.parse(Files.readAllBytes(p));
                    if (!key.hasPrivateKey()) {
                        problems.add("members[" + i + "].keys[" + k + "]: " + p + " holds no private key");
                    } else if (key.member() != null && !key.member().value().equals(m.id())) {
                        problems.add("members[" + i + "].keys[" + k + "]: " + p + " is a key of member " + key.member()
                                + ", not of " + m.id());
                    } else {
                        keys.add(key);
                    }
                } catch (IOException e) {
                    problems.add("members[" + i + "].keys[" + k + "]: cannot read " + p + ": " + e.getMessage());
                } catch (ContractException e) {
                    problems.add("members[" + i + "].keys[" + k + "]: " + p + " is not a valid key file: " + e.getMessage());
                }
            }
            out.put(MemberId.of(m.id()), keys);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return out;
    }

    private static TrustAnchor loadAnchor(Path file) {
        try {
            KeyFile k = KeyFile.parse(Files.readAllBytes(file));
            return new TrustAnchor(k.keyId(), k.publicKey(), k.validFrom(), k.validUntil());
        } catch (IOException e) {
            throw new ConfigException("federation.anchor: cannot read " + file + ": " + e.getMessage());
        } catch (ContractException e) {
            throw new ConfigException("federation.anchor: " + file + " is not a valid public key file: " + e.getMessage());
        }
    }

    private static void checkAgainstDirectory(NodeConfig config, FederationDirectory dir) {
        List<String> problems = new ArrayList<>();
        if (dir.node(config.node().id()).isEmpty()) {
            problems.add("node.id: node '" + config.node().id() + "' is not in federation directory serial " + dir.serial()
                    + "; nodes listed: " + dir.nodes().stream().map(n -> n.id()).toList());
        }
        for (NodeConfig.HostedMember m : config.members()) {
            var dm = dir.member(MemberId.of(m.id()));
            if (dm.isEmpty()) {
                problems.add("members: member " + m.id() + " is not in the federation directory");
            } else if (!dm.get().node().equals(config.node().id())) {
                problems.add("members: the directory places member " + m.id() + " on node " + dm.get().node()
                        + ", not on " + config.node().id());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
