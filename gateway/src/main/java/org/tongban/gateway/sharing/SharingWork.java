package org.tongban.gateway.sharing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.tongban.adapters.spi.PlatformAdapter;
import org.tongban.contracts.id.MemberId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What penalty sharing runs on a node: a {@link PenaltyFeedPoller} per hosted member, and the two
 * periodic jobs, reminders at home (期满提醒, {@link ReminderJob}) and automatic ends of publicity on
 * the penalizing side (免申享, {@link AutomaticEndJob}).
 */
public final class SharingWork {
    private final List<PenaltyFeedPoller> pollers = new ArrayList<>();
    private final List<PeriodicJob> jobs = new ArrayList<>();

    public SharingWork(Vertx vertx, Map<MemberId, PlatformAdapter> adapters, PenaltySharing sharing, int pageSize,
                       Duration pollEvery, ReminderJob reminders, AutomaticEndJob automaticEnds, Duration jobsEvery) {
        adapters.forEach((member, adapter) -> pollers.add(new PenaltyFeedPoller(vertx, member, adapter, sharing, pageSize,
                pollEvery)));
        jobs.add(new PeriodicJob(vertx, "期满提醒 reminders", jobsEvery, reminders::run));
        jobs.add(new PeriodicJob(vertx, "免申享 automatic ends of publicity", jobsEvery, automaticEnds::run));
    }

    /** Starts polling at once and the jobs' first run now; call on the node's context. */
    public void start() {
        pollers.forEach(PenaltyFeedPoller::start);
        jobs.forEach(j -> {
            j.start();
            j.runNow();
        });
    }

    /** Stops polling and the jobs; completes when what was in progress ended. */
    public Future<Void> stop() {
        List<Future<Void>> stopping = new ArrayList<>();
        pollers.forEach(p -> stopping.add(p.stop()));
        jobs.forEach(j -> stopping.add(j.stop()));
        return Future.join(stopping).mapEmpty();
    }
}
