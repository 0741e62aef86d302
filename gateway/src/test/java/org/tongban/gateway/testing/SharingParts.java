package org.tongban.gateway.testing;

import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.sharing.AutomaticEndJob;
import org.tongban.gateway.sharing.HomeRouting;
import org.tongban.gateway.sharing.PenaltySharing;
import org.tongban.gateway.sharing.ReminderJob;

import java.util.function.Predicate;

/**
 * Penalty sharing wired over {@link TestNodeParts} as the node wires it: HARBIN and TIANJIN share
 * with each other in-process (local hand-over), with other members through the outbox.
 */
public final class SharingParts {
    private final TestNodeParts parts;
    private final Predicate<MemberId> isMember;

    public SharingParts(TestNodeParts parts) {
        this.parts = parts;
        this.isMember = m -> parts.directory().directory().member(m).isPresent();
    }

    public PenaltySharing sharing(int batchSize) {
        return new PenaltySharing(parts.store(), new HomeRouting(isMember), parts.messages(), parts.dispatcher(),
                parts.rules(), parts.metrics(), parts.clock(), batchSize);
    }

    public ReminderJob reminders() {
        return new ReminderJob(parts.store(), parts.metrics(), parts.clock());
    }

    public AutomaticEndJob automaticEnds() {
        return new AutomaticEndJob(parts.store(), parts.hosted(), isMember, parts.messages(), parts.dispatcher(),
                parts.metrics(), parts.clock());
    }

    /** A counter's value in the parts' registry (0 when it was never incremented). */
    public double counter(String name, String... tags) {
        var c = parts.registry().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
