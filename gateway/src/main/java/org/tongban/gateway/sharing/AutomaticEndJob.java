package org.tongban.gateway.sharing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.store.SharedPenaltyRecord;
import org.tongban.gateway.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The automatic end of publicity at the maximum period (免申享), on the penalizing side: when the
 * day after a shared penalty's maximum publicity period has come, the penalizing member records the
 * end and sends a {@code PublicityEnded} with cause {@code MAX_PERIOD_REACHED} to the home member,
 * once per penalty, delivered after the notice that shared it. Several processes on one PostgreSQL
 * may run it at once (claims skip locked rows). Blocking: run on a worker ({@link PeriodicJob}).
 */
public final class AutomaticEndJob {
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticEndJob.class);
    static final int CHUNK = 200;
    private static final List<PublicityChannel> EVERY_CHANNEL = List.of(PublicityChannel.CREDIT_CHINA,
            PublicityChannel.NATIONAL_ENTERPRISE_CREDIT_PUBLICITY, PublicityChannel.LOCAL_PORTAL);

    private final Store store;
    private final HostedMembers hosted;
    private final Predicate<MemberId> isMember;
    private final MessageFactory messages;
    private final Dispatcher dispatcher;
    private final GatewayMetrics metrics;
    private final Clock clock;

    /** @param isMember whether a member is in the federation directory in force */
    public AutomaticEndJob(Store store, HostedMembers hosted, Predicate<MemberId> isMember, MessageFactory messages,
                           Dispatcher dispatcher, GatewayMetrics metrics, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.hosted = Objects.requireNonNull(hosted, "hosted");
        this.isMember = Objects.requireNonNull(isMember, "isMember");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Ends every shared penalty due today; returns how many were recorded in this run. */
    public int run() {
        LocalDate today = ChinaCalendarDay.today(clock);
        int total = 0;
        while (true) {
            List<Ended> outcomes = store.inTransaction(tx -> {
                List<Ended> done = new ArrayList<>();
                Instant now = clock.instant();
                for (SharedPenaltyRecord r : tx.sharing().claimAutomaticEnds(today, CHUNK)) {
                    MemberId penalizing = r.penalty().penalizingMember();
                    String outcome;
                    Envelope sent = null;
                    if (!hosted.hosts(penalizing)) {
                        outcome = "not_hosted";
                    } else if (!isMember.test(r.homeMember())) {
                        outcome = "home_not_in_directory";
                    } else {
                        sent = messages.create(penalizing, r.homeMember(), null, null, null, new PublicityEnded(
                                r.enterprise(), r.penalty(), PublicityEndCause.MAX_PERIOD_REACHED, r.automaticEnd(),
                                EVERY_CHANNEL));
                        dispatcher.send(tx, sent, r.messageId().toString());
                        outcome = "shared";
                    }
                    tx.sharing().markAutomaticallyEnded(penalizing, r.penalty().decisionNumber(), now,
                            sent == null ? null : sent.messageId());
                    done.add(new Ended(penalizing, outcome, r.penalty().decisionNumber(), r.homeMember(), r.automaticEnd()));
                }
                return done;
            });
            report(outcomes);
            total += outcomes.size();
            if (outcomes.size() < CHUNK) {
                return total;
            }
        }
    }

    /** One penalty whose end was recorded, and what became of the message to its home member. */
    private record Ended(MemberId penalizing, String outcome, String decisionNumber, MemberId home, LocalDate endedOn) {
    }

    private void report(List<Ended> outcomes) {
        Map<List<String>, Integer> counts = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (Ended e : outcomes) {
            counts.merge(List.of(e.penalizing().value(), e.outcome()), 1, Integer::sum);
            if (!"shared".equals(e.outcome())) {
                LOG.warn("免申享: publicity of penalty {} of {} ended on {}; not shared with {} ({})", e.decisionNumber(),
                        e.penalizing(), e.endedOn(), e.home(), e.outcome());
            } else {
                LOG.info("免申享: publicity of penalty {} of {} ended on {} at the maximum period; shared with {}",
                        e.decisionNumber(), e.penalizing(), e.endedOn(), e.home());
            }
        }
        counts.forEach((key, n) -> metrics.publicityAutoEnded(key.get(0), key.get(1), n));
    }
}
