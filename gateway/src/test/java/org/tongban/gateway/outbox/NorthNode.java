package org.tongban.gateway.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.directory.DirectoryNode;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.cases.CaseService;
import org.tongban.gateway.cases.CaseView;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.cases.NewCase;
import org.tongban.gateway.cases.PenaltyEligibility;
import org.tongban.ops.rules.EligibilityRules;
import org.tongban.ops.rules.RuleBook;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.federation.DeliveryResults;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.routing.Routes;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.jdbc.JdbcStore;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.SignedDirectory;
import org.tongban.ops.metrics.MetricNames;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The node under test, "north", hosting Harbin: a real store, directory, signing keys and case
 * service, wired as the node wires them, with the outbox worker left to each test.
 */
final class NorthNode implements AutoCloseable {
    static final long SEED = 20261120L;

    final MutableClock clock;
    final Path directoryFile;
    final DirectoryHolder directory;
    final HostedMembers hosted;
    final JdbcStore jdbc;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final GatewayMetrics metrics = new GatewayMetrics(registry);
    final MessageFactory messages;
    final DeliveryResults results;
    final Dispatcher dispatcher;
    final CaseService cases;
    private long serial = 1;

    NorthNode(Path dir, MutableClock clock) {
        this.clock = clock;
        this.directoryFile = dir.resolve("directory.json");
        SignedDirectory.write(directoryFile, serial, SignedDirectory.placeholders());
        this.directory = new DirectoryHolder(directoryFile, TestKeys.anchor(), clock);
        this.hosted = new HostedMembers(Map.of(TestDirectory.HARBIN,
                List.of(TestKeys.member(TestDirectory.HARBIN.value(), SignatureAlgorithm.ED25519))), clock);
        this.jdbc = JdbcStore.embedded(dir.resolve("north.db"), 4);
        this.messages = new MessageFactory(hosted, new Ids(clock, new SecureRandom()), clock, Duration.ofDays(7));
        LegTransitions transitions = new LegTransitions(clock, metrics);
        this.results = new DeliveryResults(transitions, clock);
        this.dispatcher = new Dispatcher(new Routes(hosted, directory), clock);
        this.cases = new CaseService(jdbc, hosted, messages, dispatcher, transitions,
                new PenaltyEligibility(new EligibilityRules(RuleBook.shipped()), clock), clock);
    }

    /** Publishes a new directory edition and takes it, as the node's refresh timer would. */
    void publish(List<DirectoryNode> nodes) {
        SignedDirectory.write(directoryFile, ++serial, nodes);
        if (!directory.refresh()) {
            throw new IllegalStateException("directory serial " + serial + " was not taken");
        }
    }

    /** North at a placeholder, east at {@code eastUrl} with its pins, south at a placeholder. */
    void publishEast(String eastUrl, String... eastPins) {
        publish(List.of(SignedDirectory.node("north", "http://127.0.0.1:9"), SignedDirectory.node("east", eastUrl, eastPins),
                SignedDirectory.node("south", "http://127.0.0.1:9")));
    }

    static NodeConfig.Outbox outbox(UnaryOperator<OutboxSettings> tune) {
        return tune.apply(new OutboxSettings()).build();
    }

    OutboxWorker worker(Vertx vertx, Store store, NodeConfig.Outbox cfg, PeerTransport peers, PlatformTransport platforms) {
        return new OutboxWorker(vertx, store, cfg, peers, platforms, messages, results, metrics, clock, "north-test",
                new Random(SEED));
    }

    OutboxWorker worker(Vertx vertx, NodeConfig.Outbox cfg, PeerTransport peers) {
        return worker(vertx, jdbc, cfg, peers, (record, envelope, leg) -> {
            throw new AssertionError("no platform in this test");
        });
    }

    /** Harbin files a case with one leg per Hangzhou penalty; each application is queued for east. */
    CaseView fileCase(int penalties) {
        RepairApplication app = SampleMessages.repairApplication();
        List<PenaltyReference> list = new ArrayList<>();
        for (int i = 0; i < penalties; i++) {
            list.add(new PenaltyReference("杭交执罚〔2026〕第" + (417 + i) + "号", "杭州市交通运输行政执法队",
                    TestDirectory.HANGZHOU, LocalDate.of(2026, 3, 31), PenaltyCategory.GENERAL, "cn-2023"));
        }
        NewCase request = new NewCase(app.enterprise(), list, app.appliedOn(), app.homeReference(), app.contacts(),
                app.materials(), app.deferredMaterials(), app.statement(), null);
        return cases.create(new Clerk("wang", TestDirectory.HARBIN, Clerk.Role.clerk), request, null,
                ("case-" + clock.instant() + "-" + penalties).getBytes(StandardCharsets.UTF_8));
    }

    OutboxRecord outboxOf(LegId leg) {
        List<OutboxRecord> rows = jdbc.read(tx -> tx.outboxOfLeg(leg));
        if (rows.size() != 1) {
            throw new AssertionError("expected one outbox row for leg " + leg + ", found " + rows.size());
        }
        return rows.get(0);
    }

    List<OutboxRecord> outboxRows(LegId leg) {
        return jdbc.read(tx -> tx.outboxOfLeg(leg));
    }

    LegRecord leg(LegId leg) {
        return jdbc.read(tx -> tx.findLeg(leg)).orElseThrow();
    }

    List<LegEvent> timeline(CaseView c) {
        return jdbc.read(tx -> tx.eventsOfCase(c.record().caseId()));
    }

    /** The circuit-state gauge of a destination: 0 closed, 1 open, 2 half-open. */
    double circuit(String destination) {
        Gauge g = registry.find(MetricNames.CIRCUIT_STATE).tag("peer", destination).gauge();
        return g == null ? -1 : g.value();
    }

    @Override
    public void close() {
        jdbc.close();
    }

    /** Outbox settings for tests: fast polls, short waits. */
    static final class OutboxSettings {
        Duration initialBackoff = Duration.ofSeconds(1);
        Duration maxBackoff = Duration.ofMinutes(5);
        Duration maxAge = Duration.ofHours(72);
        int concurrency = 8;
        int breakerFailures = 5;
        Duration breakerOpenFor = Duration.ofSeconds(30);
        Duration leaseFor = Duration.ofSeconds(60);
        Duration pollEvery = Duration.ofMillis(20);

        OutboxSettings backoff(Duration initial, Duration max) {
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        OutboxSettings concurrency(int n) {
            concurrency = n;
            return this;
        }

        OutboxSettings breaker(int failures, Duration openFor) {
            breakerFailures = failures;
            breakerOpenFor = openFor;
            return this;
        }

        OutboxSettings lease(Duration d) {
            leaseFor = d;
            return this;
        }

        OutboxSettings maxAge(Duration d) {
            maxAge = d;
            return this;
        }

        NodeConfig.Outbox build() {
            return new NodeConfig.Outbox(initialBackoff, maxBackoff, maxAge, concurrency, breakerFailures, breakerOpenFor,
                    leaseFor, pollEvery);
        }
    }
}
