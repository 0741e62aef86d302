package org.tongban.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.tongban.gateway.store.OutboxStats;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.tongban.ops.metrics.MetricNames.CIRCUIT_STATE;
import static org.tongban.ops.metrics.MetricNames.DEAD_LETTERED;
import static org.tongban.ops.metrics.MetricNames.DEAD_LETTERS;
import static org.tongban.ops.metrics.MetricNames.DELIVERY_LATENCY;
import static org.tongban.ops.metrics.MetricNames.OUTBOX_GIVEN_BACK;
import static org.tongban.ops.metrics.MetricNames.INBOUND_LATENCY;
import static org.tongban.ops.metrics.MetricNames.LEG_TRANSITIONS;
import static org.tongban.ops.metrics.MetricNames.MESSAGES_IN;
import static org.tongban.ops.metrics.MetricNames.MESSAGES_OUT;
import static org.tongban.ops.metrics.MetricNames.OUTBOX_DEPTH;
import static org.tongban.ops.metrics.MetricNames.OUTBOX_OLDEST_AGE;
import static org.tongban.ops.metrics.MetricNames.PENALTY_NOTICES_RECEIVED;
import static org.tongban.ops.metrics.MetricNames.PENALTY_NOTICES_SHARED;
import static org.tongban.ops.metrics.MetricNames.PENALTY_REMINDERS;
import static org.tongban.ops.metrics.MetricNames.PLATFORM_EVENTS;
import static org.tongban.ops.metrics.MetricNames.SLA_BREACHES;
import static org.tongban.ops.metrics.MetricNames.PUBLICITY_AUTO_ENDED;
import static org.tongban.ops.metrics.MetricNames.VERIFICATION_FAILURES;

/** The node's meters, named in {@link org.tongban.ops.metrics.MetricNames}. Thread-safe. */
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void messageIn(String member, String peer, String type, String outcome) {
        Counter.builder(MESSAGES_IN).description("Envelopes received on the federation API")
                .tags("member", member, "peer", peer, "type", type, "outcome", outcome).register(registry).increment();
    }

    public void messageOut(String member, String peer, String type, String outcome) {
        Counter.builder(MESSAGES_OUT).description("Deliveries to peers and platforms")
                .tags("member", member, "peer", peer, "type", type, "outcome", outcome).register(registry).increment();
    }

    public void inboundLatency(String type, String outcome, Duration d) {
        Timer.builder(INBOUND_LATENCY).description("From receiving an envelope to answering it")
                .tags("type", type, "outcome", outcome).publishPercentileHistogram().register(registry).record(d);
    }

    public void deliveryLatency(String destination, String outcome, Duration d) {
        Timer.builder(DELIVERY_LATENCY).description("One delivery attempt")
                .tags("destination", destination, "outcome", outcome).register(registry).record(d);
    }

    public void verificationFailure(String code) {
        Counter.builder(VERIFICATION_FAILURES).description("Envelopes refused, by stable code")
                .tags("code", code).register(registry).increment();
    }

    public void legTransition(String member, String to) {
        Counter.builder(LEG_TRANSITIONS).description("Leg transitions applied")
                .tags("member", member, "to", to).register(registry).increment();
    }

    public void deadLettered(String destination, String reason) {
        Counter.builder(DEAD_LETTERED).description("Messages moved to dead letters")
                .tags("destination", destination, "reason", reason).register(registry).increment();
    }

    /** New outbox rows given back to the store, beyond what memory holds per destination. */
    public void outboxGivenBack(long count) {
        Counter.builder(OUTBOX_GIVEN_BACK).description("New outbox rows left to the claim: their destination already"
                + " had a claim's worth in memory").register(registry).increment(count);
    }

    public void platformEvent(String member, String type, String outcome) {
        Counter.builder(PLATFORM_EVENTS).description("Platform events taken from adapters")
                .tags("member", member, "type", type, "outcome", outcome).register(registry).increment();
    }

    /** A service-level clock of a leg at {@code member} (the penalizing member) ran out. */
    public void slaBreach(String member, String clock, String profile) {
        Counter.builder(SLA_BREACHES).description("Service-level deadlines that ran out")
                .tags("member", member, "clock", clock, "profile", profile).register(registry).increment();
    }

    /** {@code count} penalty decisions of {@code member}'s feed went the way {@code outcome} says. */
    public void noticesShared(String member, String outcome, long count) {
        Counter.builder(PENALTY_NOTICES_SHARED).description("Penalty decisions read for sharing, by outcome")
                .tags("member", member, "outcome", outcome).register(registry).increment(count);
    }

    public void noticesReceived(String member, String peer, String type, long count) {
        Counter.builder(PENALTY_NOTICES_RECEIVED).description("Penalty notices received at home members")
                .tags("member", member, "peer", peer, "type", type).register(registry).increment(count);
    }

    public void reminders(String member, long count) {
        Counter.builder(PENALTY_REMINDERS).description("Reminders that repair can be applied for (期满提醒)")
                .tags("member", member).register(registry).increment(count);
    }

    public void publicityAutoEnded(String member, String outcome, long count) {
        Counter.builder(PUBLICITY_AUTO_ENDED).description("Ends of publicity at the maximum period (免申享)")
                .tags("member", member, "outcome", outcome).register(registry).increment(count);
    }

    public void circuitState(String peer, int state) {
        gauge(CIRCUIT_STATE, Tags.of("peer", peer), "Circuit per peer: 0 closed, 1 open, 2 half-open").set(state);
    }

    /** Publishes the outbox figures of one stats run; destinations that emptied drop to zero. */
    public void outbox(List<OutboxStats> stats) {
        for (Map.Entry<String, AtomicLong> e : gauges.entrySet()) {
            if (e.getKey().startsWith(OUTBOX_DEPTH) || e.getKey().startsWith(OUTBOX_OLDEST_AGE)
                    || e.getKey().startsWith(DEAD_LETTERS)) {
                e.getValue().set(0);
            }
        }
        for (OutboxStats s : stats) {
            Tags t = Tags.of("destination", s.destination());
            gauge(OUTBOX_DEPTH, t, "Messages waiting in the outbox").set(s.pending() + s.inFlight());
            gauge(OUTBOX_OLDEST_AGE, t, "Age in seconds of the oldest undelivered message").set(s.oldestPendingAge().toSeconds());
            gauge(DEAD_LETTERS, t, "Dead letters kept").set(s.dead());
        }
    }

    private AtomicLong gauge(String name, Tags tags, String description) {
        String key = name + tags;
        return gauges.computeIfAbsent(key, k -> {
            AtomicLong v = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, v, AtomicLong::doubleValue).description(description)
                    .tags(tags).register(registry);
            return v;
        });
    }
}
