package org.tongban.gateway.sharing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.contracts.crypto.SignedEnvelope;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.store.Store;
import org.tongban.ops.rules.EligibilityRules;
import org.tongban.ops.rules.PublicityTerms;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The penalizing side of penalty sharing (信息共享): takes a page of penalty decisions read from a
 * hosted member's platform, routes each to the enterprise's home member ({@link HomeRouting}), and
 * sends them signed by the penalizing member through the durable outbox: a home member's lone
 * notice as a {@code PenaltyNotice}, several as {@code PenaltyNoticeBatch}es of at most
 * {@code batchSize}, each signed once over the RFC 9162 hash tree of its notices. Envelopes are
 * built and signed before the transaction; the transaction queues them, records the penalties
 * shared (for the automatic end of publicity, 免申享) and moves the feed position, so a page is
 * shared exactly once. Blocking: call from a worker.
 */
public final class PenaltySharing {
    private static final Logger LOG = LoggerFactory.getLogger(PenaltySharing.class);

    /**
     * What one page came to.
     *
     * @param stored    false when another process had moved the feed position first (nothing was stored)
     * @param outcomes  decisions by routing outcome
     * @param single    notices sent alone
     * @param batched   notices sent in batches
     * @param envelopes envelopes queued
     */
    public record Result(boolean stored, Map<HomeRouting.Outcome, Integer> outcomes, int single, int batched,
                         int envelopes) {
        public int count(HomeRouting.Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    private final Store store;
    private final HomeRouting routing;
    private final MessageFactory messages;
    private final Dispatcher dispatcher;
    private final EligibilityRules rules;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final int batchSize;

    public PenaltySharing(Store store, HomeRouting routing, MessageFactory messages, Dispatcher dispatcher,
                          EligibilityRules rules, GatewayMetrics metrics, Clock clock, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batchSize = batchSize;
    }

    /** Where {@code member}'s penalty feed was read up to ({@code null}: from its beginning). */
    public String position(MemberId member) {
        return store.read(tx -> tx.sharing().penaltyFeedPosition(member)).orElse(null);
    }

    /** Shares the decisions of {@code page}, read after position {@code expected}, and moves the position past it. */
    public Result share(MemberId member, String expected, PenaltyPage page) {
        Map<HomeRouting.Outcome, Integer> outcomes = new EnumMap<>(HomeRouting.Outcome.class);
        Map<MemberId, List<PenaltyNotice>> byHome = new LinkedHashMap<>();
        Map<MemberId, Integer> strangers = new TreeMap<>(java.util.Comparator.comparing(MemberId::value));
        int foreign = 0;
        for (PenaltyNotice n : page.decisions()) {
            HomeRouting.Route route = routing.route(member, n);
            outcomes.merge(route.outcome(), 1, Integer::sum);
            switch (route.outcome()) {
                case SHARE:
                    byHome.computeIfAbsent(route.home(), k -> new ArrayList<>()).add(n);
                    break;
                case HOME_NOT_IN_DIRECTORY:
                    strangers.merge(route.home(), 1, Integer::sum);
                    break;
                case NOT_THIS_MEMBER:
                    foreign++;
                    break;
                default:
                    break;
            }
        }
        if (page.decisions().isEmpty() && Objects.equals(expected, page.nextCursor())) {
            return new Result(true, outcomes, 0, 0, 0);
        }
        Instant now = clock.instant();
        List<SignedEnvelope> envelopes = new ArrayList<>();
        List<SharedPenaltyRecord> shared = new ArrayList<>();
        int single = 0;
        int batched = 0;
        for (Map.Entry<MemberId, List<PenaltyNotice>> group : byHome.entrySet()) {
            MemberId home = group.getKey();
            List<PenaltyNotice> all = group.getValue();
            for (int from = 0; from < all.size(); from += batchSize) {
                List<PenaltyNotice> chunk = all.subList(from, Math.min(all.size(), from + batchSize));
                SignedEnvelope signed;
                if (chunk.size() == 1) {
                    signed = messages.createWithBytes(member, home, chunk.get(0), chunk.get(0).toJson());
                } else {
                    PenaltyNoticeBatch.Built built = PenaltyNoticeBatch.build(member + "-" + messages.ids().next(), chunk);
                    signed = messages.createWithBytes(member, home, built.batch(), built.payloadJson());
                }
                Envelope env = signed.envelope();
                envelopes.add(signed);
                for (PenaltyNotice n : chunk) {
                    shared.add(new SharedPenaltyRecord(home, n.enterprise(), n.penalty(), env.messageId(), now,
                            automaticEnd(n.penalty()), null, null));
                }
                if (chunk.size() == 1) {
                    single++;
                } else {
                    batched += chunk.size();
                }
            }
        }
        boolean stored = store.inTransaction(tx -> {
            if (!tx.sharing().advancePenaltyFeed(member, expected, page.nextCursor(), now)) {
                return false;
            }
            for (SignedEnvelope e : envelopes) {
                dispatcher.send(tx, e);
            }
            tx.sharing().recordSharedLater(shared);
            return true;
        });
        if (!stored) {
            LOG.info("penalty feed of {} moved past {} in another process; this page is left to it", member, expected);
            return new Result(false, outcomes, 0, 0, 0);
        }
        record(member, outcomes, single, batched);
        if (!strangers.isEmpty()) {
            LOG.warn("penalty sharing: decisions of {} on enterprises registered outside the federation were not shared"
                    + " (home city: decisions) {}", member, strangers);
        }
        if (foreign > 0) {
            LOG.warn("penalty sharing: the platform of {} reported {} decision(s) of another member's authority;"
                    + " not shared", member, foreign);
        }
        return new Result(true, outcomes, single, batched, envelopes.size());
    }

    /** The day the penalty's publicity ends by itself (免申享), or null when no rule covers it. */
    private LocalDate automaticEnd(PenaltyReference p) {
        return rules.terms(p.decisionDate(), p.category()).map(PublicityTerms::automaticEnd).orElse(null);
    }

    private void record(MemberId member, Map<HomeRouting.Outcome, Integer> outcomes, int single, int batched) {
        String m = member.value();
        if (single > 0) {
            metrics.noticesShared(m, "single", single);
        }
        if (batched > 0) {
            metrics.noticesShared(m, "batched", batched);
        }
        outcomes.forEach((outcome, n) -> {
            if (outcome != HomeRouting.Outcome.SHARE) {
                metrics.noticesShared(m, outcome.tag(), n);
            }
        });
    }
}
