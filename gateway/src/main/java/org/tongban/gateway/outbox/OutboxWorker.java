package org.tongban.gateway.outbox;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.contracts.crypto.TrustStore;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.federation.DeliveryResults;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.store.CanonicalJson;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.OutboxStats;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.store.GroupCommitter;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.StoreException;
import org.tongban.gateway.store.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The durable outbox's delivery engine. Every {@code pollEvery} (and at once on {@link #poke})
 * it claims due messages under a lease, leaving out destinations whose circuit is open or whose
 * deliveries in flight reached {@code perDestinationConcurrency}, and delivers them: envelopes to
 * peer nodes through {@link PeerTransport} (a 200 counts only with a valid signed receipt for the
 * exact bytes sent), received messages to hosted members' platforms through
 * {@link PlatformTransport}. The outcome is stored in one transaction with its effects on the
 * leg. Failures are judged by {@link org.tongban.adapters.failure.FailureClassifier}: retryable
 * ones come back after exponential backoff with full jitter (never before Retry-After) until the
 * maximum age, then they are dead letters, like permanent ones at once.
 *
 * <p>Ordering per leg is the store's: a message is not claimed while an earlier one with its
 * ordering key is undelivered. A message claimed by a process that died is claimed again when
 * its lease runs out; receivers deduplicate by message id, so delivery is at least once and
 * effect exactly once.
 *
 * <p>Threading: the worker's state lives on one Vert.x context; store work, receipt signatures
 * and envelope parsing run on worker threads, never on the event loop.
 */
public final class OutboxWorker {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    /** How often (by the node's clock) pending messages past their maximum age are expired and the gauges refreshed. */
    static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Store store;
    private final NodeConfig.Outbox cfg;
    private final PeerTransport peers;
    private final PlatformTransport platforms;
    private final DeliveryResults results;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final Backoff backoff;
    private final ReceiptCheck receipts;
    private final DeadLetters deadLetters;
    private final StrictJson json = StrictJson.defaults();
    private final int claimLimit;

    private volatile Context context;
    // confined to the context
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Sequence numbers claimed and not yet finished here: a lease that ran out mid-delivery is not claimed twice. */
    private final Set<Long> held = new HashSet<>();
    private long timer = -1;
    private boolean stopping;
    private boolean claiming;
    private boolean claimAgain;
    private Instant nextHousekeeping = Instant.MIN;
    private int units;
    private Promise<Void> drained;
    private volatile GroupCommitter committer;
    private final java.util.concurrent.ConcurrentLinkedQueue<Hint> hinted = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A row queued by this process, with its envelope when the process still had it. */
    private record Hint(OutboxRecord record, Envelope envelope) {
    }
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

    public OutboxWorker(Vertx vertx, Store store, NodeConfig.Outbox cfg, PeerTransport peers, PlatformTransport platforms,
                        MessageFactory messages, DeliveryResults results, GatewayMetrics metrics, Clock clock, String owner) {
        this(vertx, store, cfg, peers, platforms, messages, results, metrics, clock, owner, new Random());
    }

    /** As the public constructor, with the jitter's random source (seeded in tests, so that waits are exact). */
    OutboxWorker(Vertx vertx, Store store, NodeConfig.Outbox cfg, PeerTransport peers, PlatformTransport platforms,
                 MessageFactory messages, DeliveryResults results, GatewayMetrics metrics, Clock clock, String owner,
                 Random random) {
        this.vertx = vertx;
        this.store = store;
        this.cfg = cfg;
        this.peers = peers;
        this.platforms = platforms;
        this.results = results;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
        this.backoff = new Backoff(cfg.initialBackoff(), cfg.maxBackoff(), new FullJitter(random));
        this.receipts = new ReceiptCheck(clock);
        this.deadLetters = new DeadLetters(store, messages, results, clock, cfg.maxAge(), this::poke);
        this.claimLimit = Math.max(64, 4 * cfg.perDestinationConcurrency());
    }

    /**
     * Stores delivery outcomes through a group committer shared with the inbound path, so that
     * many outcomes share one transaction and one commit; without it each outcome commits alone.
     */
    public OutboxWorker useGroupCommitter(GroupCommitter groupCommitter) {
        this.committer = groupCommitter;
        return this;
    }

    /** Runs store work for one outcome: group-committed when a committer is set, else its own transaction. */
    private <T> Future<T> commit(java.util.function.Function<Tx, T> work) {
        GroupCommitter gc = committer;
        if (gc != null) {
            return Future.fromCompletionStage(gc.submit(work), context);
        }
        return vertx.executeBlocking(() -> store.inTransaction(work), false);
    }

    /** Starts the claim loop on a context of its own (or the caller's, when called from one). */
    public synchronized void start() {
        if (context != null) {
            throw new IllegalStateException("the outbox worker " + owner + " is already started");
        }
        Context c = vertx.getOrCreateContext();
        context = c;
        c.runOnContext(v -> {
            timer = vertx.setPeriodic(Math.max(10, cfg.pollEvery().toMillis()), id -> tick());
            tick();
        });
        LOG.info("outbox worker {} started: poll every {}, lease {}, {} per destination", owner, cfg.pollEvery(),
                cfg.leaseFor(), cfg.perDestinationConcurrency());
    }

    /** Claims now rather than at the next poll, e.g. right after messages were queued. Thread-safe. */
    public void poke() {
        Context c = context;
        if (c != null) {
            c.runOnContext(v -> tick());
        }
    }

    /**
     * Stops claiming and waits up to {@code grace} for deliveries under way to end and be stored.
     * Messages claimed and not finished stay claimed until their lease runs out, then any process
     * delivers them: nothing is lost.
     */
    public Future<Void> stop(Duration grace) {
        Context c = context;
        if (c == null) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        c.runOnContext(v -> {
            stopping = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            int waiting = lanes.values().stream().mapToInt(l -> l.waiting.size()).sum();
            if (units == 0) {
                done.tryComplete();
            } else {
                drained = done;
                long t = vertx.setTimer(Math.max(1, grace.toMillis()), id -> {
                    if (done.tryComplete()) {
                        LOG.warn("outbox worker {} stopped with {} deliveries under way; their leases will expire",
                                owner, units);
                    }
                });
                done.future().onComplete(x -> vertx.cancelTimer(t));
            }
            if (waiting > 0) {
                LOG.info("outbox worker {} leaves {} claimed messages to lease expiry", owner, waiting);
            }
        });
        return done.future();
    }

    /** The dead letters and their re-drive. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    // ---- claiming -------------------------------------------------------------------------

    /** Claims unless a claim is under way, in which case another follows it. */
    private void tick() {
        if (stopping) {
            return;
        }
        if (claiming) {
            claimAgain = true;
            return;
        }
        claiming = true;
        claimAgain = false;
        Instant now = clock.instant();
        List<String> skip = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            if (!lane.breaker.admitsClaims(now) || lane.active + lane.waiting.size() >= cfg.perDestinationConcurrency()) {
                skip.add(lane.destination);
            }
        }
        boolean housekeeping = !now.isBefore(nextHousekeeping);
        if (housekeeping) {
            nextHousekeeping = now.plus(HOUSEKEEPING_EVERY);
        }
        vertx.executeBlocking(() -> claimRun(now, skip, housekeeping), false).onComplete(ar -> {
            claiming = false;
            if (ar.failed()) {
                LOG.error("outbox worker {} could not claim; trying again at the next poll", owner, ar.cause());
                return;
            }
            ClaimRun run = ar.result();
            if (run.stats() != null) {
                metrics.outbox(run.stats());
            }
            for (OutboxRecord r : run.expired()) {
                metrics.deadLettered(r.destination(), DeliveryFailures.MAX_AGE);
                metrics.messageOut(memberOf(r, null), r.destinationId(), r.type().wireName(), "dead:" + DeliveryFailures.MAX_AGE);
                log(LOG.atWarn(), r).log("never delivered within {}; dead-lettered", cfg.maxAge());
            }
            take(run.claimed());
            if (claimAgain || run.claimed().size() == claimLimit) {
                tick();
            }
        });
    }

    /** Queues claimed messages on their destinations' lanes and starts what the lanes allow. */
    private void take(List<Claimed> claimed) {
        Set<Lane> touched = new LinkedHashSet<>();
        for (Claimed c : claimed) {
            if (!held.add(c.record().seq())) {
                continue;
            }
            Lane lane = lane(c.record().destination());
            lane.waiting.add(c);
            touched.add(lane);
        }
        touched.forEach(this::pump);
    }

    /**
     * The fast path: rows this process just queued born claimed under its own lease, handed over
     * after their commit, are delivered at once, with no claim. The poll remains the safety net
     * for retries, other processes' rows and rows whose process died before delivering them.
     * {@code signed} is the envelope the record holds (null: read it from the record).
     */
    public void enqueued(OutboxRecord record, Envelope signed) {
        hinted.add(new Hint(record, signed));
        Context c = context;
        if (c != null && draining.compareAndSet(false, true)) {
            c.runOnContext(v -> drainHints());
        }
    }

    private void drainHints() {
        draining.set(false);
        if (stopping) {
            hinted.clear();
            return;
        }
        List<Hint> records = new ArrayList<>();
        List<Long> shed = new ArrayList<>();
        Hint next;
        while (records.size() < 512 && records.size() + shed.size() < 4096 && (next = hinted.poll()) != null) {
            Lane lane = lane(next.record().destination());
            if (lane.held() >= claimLimit) {
                // memory holds no more than a claim's worth per destination; the rest waits in the store
                shed.add(next.record().seq());
                lane.shed = true;
                continue;
            }
            lane.preparing++;
            records.add(next);
        }
        if (!shed.isEmpty()) {
            giveBack(shed);
        }
        if (records.isEmpty()) {
            if (!hinted.isEmpty() && draining.compareAndSet(false, true)) {
                context.runOnContext(v -> drainHints());
            }
            return;
        }
        Instant now = clock.instant();
        units++;
        vertx.executeBlocking(() -> {
            List<Claimed> prepared = new ArrayList<>(records.size());
            for (Hint h : records) {
                prepared.add(h.envelope() != null && !h.record().isForPlatform()
                        ? new Claimed(h.record(), h.envelope(), null, null, now)
                        : prepare(h.record(), h.envelope(), now));
            }
            return prepared;
        }, false).onComplete(ar -> {
            for (Hint h : records) {
                lane(h.record().destination()).preparing--;
            }
            if (ar.succeeded()) {
                take(ar.result());
            } else {
                LOG.warn("outbox worker {} could not prepare {} new message(s); their leases will expire", owner,
                        records.size(), ar.cause());
            }
            unitDone();
            if (!hinted.isEmpty() && draining.compareAndSet(false, true)) {
                drainHints();
            }
        });
    }

    /**
     * Gives rows queued born claimed back to the store, unattempted and due now, when their
     * destination already has as many in memory as a claim takes: the poll claims them as the
     * destination catches up, so memory stays bounded however far deliveries fall behind intake.
     */
    private void giveBack(List<Long> seqs) {
        Instant now = clock.instant();
        units++;
        vertx.executeBlocking(() -> store.inTransaction(tx -> tx.releaseClaims(seqs, owner, now)), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warn("outbox worker {} could not give back {} message(s) beyond its memory bound; their"
                                + " leases will expire", owner, seqs.size(), ar.cause());
                    } else {
                        metrics.outboxGivenBack(ar.result());
                    }
                    unitDone();
                });
    }

    /** One unit of asynchronous work ended: a stop waiting for the work under way completes with the last. */
    private void unitDone() {
        units--;
        if (stopping && units == 0 && drained != null) {
            drained.tryComplete();
        }
    }

    /** The lease owner of this worker, under which rows may be queued born claimed. */
    public String owner() {
        return owner;
    }

    /** On a worker: expiry and gauges now and then, then the claim, then parsing what was claimed. */
    private ClaimRun claimRun(Instant now, List<String> skip, boolean housekeeping) {
        List<OutboxRecord> expired = List.of();
        List<OutboxStats> stats = null;
        if (housekeeping) {
            try {
                expired = store.inTransaction(tx -> {
                    List<OutboxRecord> dead = tx.expirePending(now.minus(cfg.maxAge()), now);
                    for (OutboxRecord r : dead) {
                        effect(tx, r, () -> {
                            results.onDead(tx, r, DeliveryFailures.MAX_AGE + ": " + (r.lastError() == null
                                    ? "never delivered" : r.lastError()));
                            return null;
                        });
                    }
                    return dead;
                });
                stats = store.read(tx -> tx.outboxStats(now));
            } catch (StoreException e) {
                LOG.error("outbox housekeeping failed; trying again in {}", HOUSEKEEPING_EVERY, e);
            }
        }
        List<OutboxRecord> claimed = store.inTransaction(tx -> tx.claim(owner, now, cfg.leaseFor(), claimLimit, skip));
        List<Claimed> prepared = new ArrayList<>(claimed.size());
        for (OutboxRecord r : claimed) {
            prepared.add(prepare(r, now));
        }
        return new ClaimRun(prepared, expired, stats);
    }

    /** Reads the envelope back, and the leg a platform needs; a record that cannot be read is a permanent failure. */
    private Claimed prepare(OutboxRecord r, Instant claimedAt) {
        return prepare(r, null, claimedAt);
    }

    /** As {@link #prepare(OutboxRecord, Instant)}, with the envelope the record holds when the caller still had it. */
    private Claimed prepare(OutboxRecord r, Envelope known, Instant claimedAt) {
        try {
            Envelope e = known != null ? known : Envelope.read(json.parse(r.envelope().utf8()));
            LegRef leg = null;
            if (r.isForPlatform() && e.type() == org.tongban.contracts.message.MessageType.REPAIR_APPLICATION) {
                // a new application: the envelope names everything the platform needs
                leg = new LegRef(e.caseId(), e.legId(), e.from(), e.to(), null);
            } else if (r.isForPlatform()) {
                if (r.legId() == null) {
                    throw new ContractException(ErrorCode.FIELD_REQUIRED, "/legId", "a platform submission belongs to a leg");
                }
                LegRecord l = store.read(tx -> tx.findLeg(r.legId())).orElseThrow(() -> new ContractException(
                        ErrorCode.LEG_NOT_FOUND, "/legId", "leg " + r.legId() + " is not in the store"));
                leg = new LegRef(l.caseId(), l.legId(), l.homeMember(), l.penalizingMember(), l.platformReference());
            }
            return new Claimed(r, e, leg, null, claimedAt);
        } catch (ContractException e) {
            return new Claimed(r, null, null, e, claimedAt);
        }
    }

    // ---- delivering -------------------------------------------------------------------------

    /** Starts waiting deliveries of a destination while its concurrency and circuit allow. */
    private void pump(Lane lane) {
        Instant now = clock.instant();
        while (!stopping && !lane.waiting.isEmpty() && lane.active < cfg.perDestinationConcurrency()) {
            Claimed next = lane.waiting.peek();
            if (next.unreadable() != null) {
                lane.waiting.poll();
                begin(lane, next, false);
                continue;
            }
            if (now.isAfter(next.claimedAt().plus(cfg.leaseFor()))) {
                // claimed too long ago: another process may have it by now; the lease decides
                lane.waiting.poll();
                held.remove(next.record().seq());
                log(LOG.atWarn(), next.record()).log("lease ran out before a delivery slot was free; left to the next claim");
                continue;
            }
            CircuitBreaker.State before = lane.breaker.state();
            boolean admitted = lane.breaker.tryAcquire(now);
            lane.publish(before);
            if (!admitted) {
                break;
            }
            lane.waiting.poll();
            begin(lane, next, true);
        }
        if (!stopping && !lane.waiting.isEmpty() && lane.breaker.state() == CircuitBreaker.State.OPEN) {
            release(lane);
        }
    }

    private void begin(Lane lane, Claimed c, boolean acquired) {
        lane.active++;
        units++;
        long started = System.nanoTime();
        Future<Delivered> attempt;
        if (c.unreadable() != null) {
            attempt = Future.failedFuture(c.unreadable());
        } else {
            try {
                attempt = attempt(c);
            } catch (RuntimeException e) {
                // a transport that throws instead of failing its future still ends this unit
                attempt = Future.failedFuture(e);
            }
        }
        attempt.transform(ar -> {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Instant now = clock.instant();
            if (ar.succeeded()) {
                if (acquired) {
                    lane.success();
                }
                metrics.deliveryLatency(c.record().destination(), "delivered", took);
                return recordDelivered(c, ar.result(), now);
            }
            Failure f = DeliveryFailures.classify(ar.cause());
            if (acquired) {
                if (f.retryable()) {
                    lane.failure(now);
                } else {
                    lane.success(); // it answered, so it is up
                }
            }
            metrics.deliveryLatency(c.record().destination(), "failed", took);
            return recordFailure(c, f, now);
        }).onComplete(ar -> {
            if (ar.failed()) {
                log(LOG.atError(), c.record()).setCause(ar.cause())
                        .log("the outcome of a delivery was not stored; the message is delivered again after its lease");
            }
            lane.active--;
            held.remove(c.record().seq());
            unitDone();
            pump(lane);
            if (lane.shed && lane.waiting.isEmpty() && !stopping) {
                lane.shed = false;
                tick(); // what was given back is due: claim it now rather than at the next poll
            }
        });
    }

    private Future<Delivered> attempt(Claimed c) {
        OutboxRecord r = c.record();
        if (r.isForPlatform()) {
            return onContext(() -> platforms.deliver(r, c.envelope(), c.leg())).map(p -> new Delivered(null, p));
        }
        byte[] sent = c.sent();
        TrustStore trust = peers.trustStore();
        return onContext(() -> peers.deliver(r.destinationId(), sent))
                .compose(answer -> vertx.executeBlocking(() -> receipts.check(trust, c.envelope(), sent, answer), false))
                .map(receipt -> new Delivered(receipt, null));
    }

    /** A transport's future, completed back on this worker's context whatever thread the transport used. */
    private <T> Future<T> onContext(Supplier<Future<T>> call) {
        Future<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Context c = context;
        Promise<T> p = Promise.promise();
        f.onComplete(ar -> c.runOnContext(v -> p.handle(ar)));
        return p.future();
    }

    private Future<Void> recordDelivered(Claimed c, Delivered d, Instant now) {
        OutboxRecord r = c.record();
        String receipt = d.peerReceipt() != null
                ? new String(d.peerReceipt().canonicalBytes(), StandardCharsets.UTF_8)
                : d.platformReceipt().platformReference();
        // The effect runs in the same unit without a savepoint of its own (two round trips saved
        // per message); should it fail, the delivery is recorded alone, as a fact, and the failure
        // logged, so that a leg that cannot take the effect never sends the message round again.
        return commit(tx -> {
            if (!tx.markDelivered(r.seq(), owner, now, receipt)) {
                return false;
            }
            if (d.peerReceipt() != null) {
                results.onReceipt(tx, c.envelope(), d.peerReceipt().envelope());
            } else {
                results.onPlatformDelivered(tx, r, d.platformReceipt());
            }
            return true;
        }).recover(e -> e instanceof StoreException ? Future.failedFuture(e) : commit(tx -> {
            log(LOG.atError(), r).setCause(e).log("the effect of this delivery on its leg failed and was skipped");
            return tx.markDelivered(r.seq(), owner, now, receipt);
        })).map(applied -> {
            metrics.messageOut(memberOf(r, c.envelope()), r.destinationId(), r.type().wireName(), "delivered");
            log(applied ? LOG.atInfo() : LOG.atWarn(), r)
                    .log(applied ? "delivered" : "delivered, but the lease had passed to another process");
            return null;
        });
    }

    private Future<Void> recordFailure(Claimed c, Failure f, Instant now) {
        OutboxRecord r = c.record();
        boolean tooOld = !now.isBefore(r.createdAt().plus(cfg.maxAge()));
        if (f.retryable() && !tooOld) {
            Instant next = now.plus(backoff.after(r.attempts(), f.retryAfter()));
            return commit(tx -> tx.markRetry(r.seq(), owner, next, f.key(), f.detail())).map(v -> {
                metrics.messageOut(memberOf(r, c.envelope()), r.destinationId(), r.type().wireName(), "retry:" + f.key());
                log(LOG.atWarn(), r).addKeyValue("failure", f.key()).addKeyValue("nextAttemptAt", next)
                        .log("attempt {} failed, retrying: {}", r.attempts(), f.detail());
                return null;
            });
        }
        String key = f.retryable() ? DeliveryFailures.MAX_AGE : f.key();
        String detail = f.retryable() ? "not delivered within " + cfg.maxAge() + "; last failure " + f.key() + ": "
                + f.detail() : f.detail();
        return commit(tx -> {
            if (!tx.markDead(r.seq(), owner, now, key, detail)) {
                return false;
            }
            effect(tx, r, () -> {
                results.onDead(tx, r, key + ": " + detail);
                return null;
            });
            return true;
        }).map(applied -> {
            metrics.deadLettered(r.destination(), key);
            metrics.messageOut(memberOf(r, c.envelope()), r.destinationId(), r.type().wireName(), "dead:" + key);
            log(LOG.atError(), r).addKeyValue("failure", key).log("dead-lettered after {} attempt(s): {}", r.attempts(), detail);
            return null;
        });
    }

    /** Gives a destination's waiting messages back to the queue while its circuit is open. */
    private void release(Lane lane) {
        List<Claimed> out = new ArrayList<>(lane.waiting);
        lane.waiting.clear();
        out.forEach(c -> held.remove(c.record().seq()));
        Instant until = lane.breaker.trialAt();
        units++;
        vertx.executeBlocking(() -> store.inTransaction(tx -> {
            for (Claimed c : out) {
                tx.markRetry(c.record().seq(), owner, until, DeliveryFailures.CIRCUIT_OPEN,
                        "circuit to " + lane.destination + " open until " + until);
            }
            return null;
        }), false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("could not give back {} messages to {}; their leases will expire", out.size(), lane.destination,
                        ar.cause());
            }
            unitDone();
        });
    }

    /**
     * Applies a delivery's effect on the leg under a savepoint: the delivery is a fact, and a leg
     * that cannot take the effect must not make the message go round again. Logged loudly.
     */
    private static void effect(Tx tx, OutboxRecord r, Supplier<Void> work) {
        try {
            tx.withSavepoint(work);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            log(LOG.atError(), r).setCause(e).log("the effect of this delivery on its leg failed and was skipped");
        }
    }

    private static String memberOf(OutboxRecord r, Envelope e) {
        if (r.isForPlatform()) {
            return r.to().value();
        }
        return e == null ? "unknown" : e.from().value();
    }

    private static LoggingEventBuilder log(LoggingEventBuilder b, OutboxRecord r) {
        return b.addKeyValue("caseId", r.caseId()).addKeyValue("legId", r.legId()).addKeyValue("messageId", r.messageId())
                .addKeyValue("type", r.type().wireName()).addKeyValue("destination", r.destination())
                .addKeyValue("attempt", r.attempts()).addKeyValue("seq", r.seq());
    }

    private Lane lane(String destination) {
        return lanes.computeIfAbsent(destination, Lane::new);
    }

    /** One destination: its circuit, its deliveries under way and its claimed messages waiting for a slot. */
    private final class Lane {
        final String destination;
        final CircuitBreaker breaker;
        final ArrayDeque<Claimed> waiting = new ArrayDeque<>();
        int active;
        /** New rows being read back for this destination. */
        int preparing;
        /** True when rows were given back to the store since the lane last ran empty. */
        boolean shed;

        int held() {
            return active + waiting.size() + preparing;
        }

        Lane(String destination) {
            this.destination = destination;
            this.breaker = new CircuitBreaker(cfg.breakerFailures(), cfg.breakerOpenFor());
            metrics.circuitState(destination, breaker.state().gauge);
        }

        void success() {
            CircuitBreaker.State before = breaker.state();
            breaker.onSuccess();
            publish(before);
        }

        void failure(Instant now) {
            CircuitBreaker.State before = breaker.state();
            if (breaker.onFailure(now)) {
                LOG.atWarn().addKeyValue("destination", destination).addKeyValue("trialAt", breaker.trialAt())
                        .log("circuit to {} opened after {} consecutive failures", destination, cfg.breakerFailures());
            }
            publish(before);
        }

        void publish(CircuitBreaker.State before) {
            if (breaker.state() != before) {
                metrics.circuitState(destination, breaker.state().gauge);
                if (breaker.state() == CircuitBreaker.State.CLOSED) {
                    LOG.atInfo().addKeyValue("destination", destination).log("circuit to {} closed", destination);
                }
            }
        }
    }

    /** A claimed message, read back; {@code unreadable} when its envelope or leg cannot be used. */
    private record Claimed(OutboxRecord record, Envelope envelope, LegRef leg, ContractException unreadable,
                           Instant claimedAt) {
        /**
         * The bytes sent to a peer: the record's envelope in UTF-8, the very bytes the signer made
         * when this process queued it (see {@link CanonicalJson}).
         */
        byte[] sent() {
            return record.envelope().utf8();
        }
    }

    private record ClaimRun(List<Claimed> claimed, List<OutboxRecord> expired, List<OutboxStats> stats) {
    }

    /** What a destination answered: a peer's verified receipt, or a platform's reference. */
    private record Delivered(VerifiedEnvelope peerReceipt, PlatformReceipt platformReceipt) {
    }
}
