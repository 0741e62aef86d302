package org.tongban.gateway.testing;

import org.tongban.contracts.message.Envelope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.directory.TrustAnchor;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Payload;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.cases.CaseService;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.cases.LegTransitions;
import org.tongban.gateway.cases.PenaltyEligibility;
import org.tongban.gateway.federation.DeliveryResults;
import org.tongban.gateway.federation.InboundEffects;
import org.tongban.gateway.federation.LocalHandOver;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.federation.ReceiptFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.office.auth.JwtIssuer;
import org.tongban.gateway.office.auth.JwtVerifier;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.routing.Routes;
import org.tongban.gateway.sharing.NoticeService;
import org.tongban.gateway.sharing.ReceivedNotices;
import org.tongban.gateway.sla.SlaBreaches;
import org.tongban.gateway.sla.SlaClocks;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.jdbc.JdbcStore;
import org.tongban.ops.calendar.WorkingDayCalendar;
import org.tongban.ops.rules.EligibilityRules;
import org.tongban.ops.rules.RuleBook;
import org.tongban.ops.sla.SlaProfiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parts of a node that sit behind the office and ops APIs, wired as the node wires them,
 * on an embedded store in a temporary directory: HARBIN and TIANJIN are hosted here (a case
 * between them is handed over in the same transaction), every other member of
 * {@link TestDirectory} is on a peer node (its messages wait in the outbox). The store notes any
 * call made on an event loop ({@link EventLoopGuardStore}).
 */
public final class TestNodeParts implements AutoCloseable {
    public static final MemberId HARBIN = TestDirectory.HARBIN;
    public static final MemberId TIANJIN = TestDirectory.TIANJIN;
    public static final MemberId HANGZHOU = TestDirectory.HANGZHOU;
    public static final String JWT_SECRET = "tongban-test-jwt-secret-0123456789abcdef";
    public static final String JWT_ISSUER = "tongban-test";

    private final Clock clock;
    private final EventLoopGuardStore store;
    private final PrometheusMeterRegistry registry;
    private final GatewayMetrics metrics;
    private final HostedMembers hosted;
    private final MessageFactory messages;
    private final Dispatcher dispatcher;
    private final CaseService cases;
    private final JwtVerifier jwt;
    private final JwtIssuer tokens;
    private final DirectoryHolder directory;
    private final LocalHandOver handOver;
    private final EligibilityRules rules;
    private final NoticeService notices;
    private final SlaClocks slaClocks;
    private final SlaBreaches slaBreaches;
    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();

    private TestNodeParts(Path dir, Clock clock, SlaProfiles profiles) {
        this.clock = clock;
        this.directory = new DirectoryHolder(write(dir.resolve("directory.json"),
                TestDirectory.signed().toJson().toString()), anchor(dir), clock);
        this.store = new EventLoopGuardStore(JdbcStore.embedded(dir.resolve("db"), 4));
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new GatewayMetrics(registry);
        this.hosted = new HostedMembers(Map.of(
                HARBIN, List.of(TestKeys.member(HARBIN.value(), SignatureAlgorithm.ED25519)),
                TIANJIN, List.of(TestKeys.member(TIANJIN.value(), SignatureAlgorithm.ED25519))), clock);
        Ids ids = new Ids(clock, new SecureRandom());
        this.messages = new MessageFactory(hosted, ids, clock, Duration.ofDays(7));
        LegTransitions transitions = new LegTransitions(clock, metrics);
        this.slaClocks = new SlaClocks(hosted, directory, profiles, calendar);
        transitions.listen(slaClocks);
        this.dispatcher = new Dispatcher(new Routes(hosted, directory), clock);
        this.rules = new EligibilityRules(RuleBook.shipped());
        InboundEffects effects = new InboundEffects(transitions, messages, dispatcher, hosted,
                new ReceivedNotices(rules, ids, metrics), clock);
        this.handOver = new LocalHandOver(directory, new ReceiptFactory(messages), effects,
                new DeliveryResults(transitions, clock), metrics, clock);
        dispatcher.bindLocalDelivery(handOver);
        this.cases = new CaseService(store, hosted, messages, dispatcher, transitions,
                new PenaltyEligibility(rules, clock), clock);
        this.notices = new NoticeService(store, cases, rules, clock);
        this.slaBreaches = new SlaBreaches(store, hosted, directory, messages, dispatcher, metrics, clock);
        this.jwt = new JwtVerifier(JWT_SECRET, JWT_ISSUER, clock);
        this.tokens = new JwtIssuer(JWT_SECRET, JWT_ISSUER, clock);
    }

    /** Everything on the system clock (the test keys and directory are valid 2026–2031). */
    public static TestNodeParts create(Path dir) {
        return new TestNodeParts(dir, Clock.systemUTC(), SlaProfiles.shipped());
    }

    /** Everything on {@code clock} (e.g. a {@link MutableClock}, for what depends on the day). */
    public static TestNodeParts create(Path dir, Clock clock) {
        return new TestNodeParts(dir, clock, SlaProfiles.shipped());
    }

    /** On a clock of the test's (e.g. a {@link MutableClock}), with these SLA profiles. */
    public static TestNodeParts create(Path dir, Clock clock, SlaProfiles profiles) {
        return new TestNodeParts(dir, clock, profiles);
    }

    /** The trust anchor as the node reads it: from a public key file. */
    private static TrustAnchor anchor(Path dir) {
        Path file = write(dir.resolve("anchor.json"), TestKeys.anchorKey().publicOnly().toJson().toString());
        try {
            KeyFile k = KeyFile.parse(Files.readAllBytes(file));
            return new TrustAnchor(k.keyId(), k.publicKey(), k.validFrom(), k.validUntil());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Clock clock() {
        return clock;
    }

    public DirectoryHolder directory() {
        return directory;
    }

    public HostedMembers hosted() {
        return hosted;
    }

    public MessageFactory messages() {
        return messages;
    }

    public SlaClocks slaClocks() {
        return slaClocks;
    }

    public SlaBreaches slaBreaches() {
        return slaBreaches;
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    public Store store() {
        return store;
    }

    /** Store calls made on an event-loop thread so far; the APIs must make none. */
    public List<String> storeCallsOnEventLoop() {
        return store.callsOnEventLoop();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public CaseService cases() {
        return cases;
    }

    public JwtVerifier jwt() {
        return jwt;
    }

    /** A bearer token for a clerk, supervisor or operator of {@code member} (null for an ops token without one). */
    public String token(String subject, MemberId member, Clerk.Role role) {
        return tokens.issue(new Clerk(subject, member, role), Duration.ofHours(1));
    }

    public String clerkToken(MemberId member) {
        return token("clerk-" + member, member, Clerk.Role.clerk);
    }

    public String opsToken() {
        return token("operator", null, Clerk.Role.ops);
    }

    /**
     * Plays the penalizing member's side of a leg hosted here: signs {@code payload} from it to
     * the home member and hands it over, as its platform's answer would (acceptance, materials
     * request, decision…). Only for legs whose both members are hosted on this node.
     */
    public void answerFromPenalizingMember(LegId legId, Payload payload) {
        store.inTransaction(tx -> {
            LegRecord leg = tx.findLeg(legId).orElseThrow(() -> new IllegalArgumentException("no leg " + legId));
            dispatcher.send(tx, messages.create(leg.penalizingMember(), leg.homeMember(), leg.caseId(), legId, null,
                    payload));
            return null;
        });
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public NoticeService notices() {
        return notices;
    }

    public EligibilityRules rules() {
        return rules;
    }

    /**
     * Takes an envelope signed by a member on a peer node as the federation API takes it after the
     * transport: verified against the directory, stored in the inbox with a receipt, applied.
     */
    public void receive(Envelope envelope) {
        store.inTransaction(tx -> {
            handOver.deliver(tx, envelope);
            return null;
        });
    }

    /** An envelope from {@code from} (any member of the test directory, with its test key) to {@code to}, signed now. */
    public Envelope signedBy(MemberId from, MemberId to, Payload payload) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.ofHours(8));
        return new org.tongban.contracts.crypto.EnvelopeSigner(TestKeys.member(from.value(), SignatureAlgorithm.ED25519)
                .signer()).sign(Envelope.unsigned(messages.ids().newMessageId(), null, null, from, to, now, now.plusDays(7),
                null, payload));
    }

    @Override
    public void close() {
        store.close();
        registry.close();
    }
}
