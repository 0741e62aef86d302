package org.tongban.gateway.sla;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.directory.DirectoryMember;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.message.Contact;
import org.tongban.contracts.message.ContactRole;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Escalation;
import org.tongban.contracts.message.EscalationReason;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.metrics.GatewayMetrics;
import org.tongban.gateway.node.DirectoryHolder;
import org.tongban.gateway.node.HostedMembers;
import org.tongban.gateway.routing.Dispatcher;
import org.tongban.gateway.store.EventKind;
import org.tongban.gateway.store.LegEvent;
import org.tongban.gateway.store.LegRecord;
import org.tongban.gateway.store.SlaTimer;
import org.tongban.gateway.store.Store;
import org.tongban.gateway.store.Tx;
import org.tongban.ops.sla.ClockRun;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;

/**
 * What a clock that ran out does, once, in one transaction: the timer becomes BREACHED, the leg's
 * timeline gets an {@code SLA_BREACH} event, and, when the profile says so, an {@link Escalation}
 * (合作会商) signed by the home member is queued through the outbox to the penalizing member,
 * addressed to its credit-office contact from the federation directory. The breach is counted in
 * {@code tongban_sla_breaches_total} once the transaction commits. Blocking: call from a worker.
 */
public final class SlaBreaches {
    private static final Logger LOG = LoggerFactory.getLogger(SlaBreaches.class);
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private final Store store;
    private final HostedMembers hosted;
    private final DirectoryHolder directory;
    private final MessageFactory messages;
    private final Dispatcher dispatcher;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public SlaBreaches(Store store, HostedMembers hosted, DirectoryHolder directory, MessageFactory messages,
                       Dispatcher dispatcher, GatewayMetrics metrics, Clock clock) {
        this.store = store;
        this.hosted = hosted;
        this.directory = directory;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Fires a timer this process claimed. The leg is locked first (as transitions lock it), then
     * the timer is re-read: when it was stopped, paused or moved meanwhile, or another process
     * holds it now, nothing happens and the lease is given back. Returns true when it fired.
     */
    public boolean fire(SlaTimer claimed, String owner) {
        return store.inTransaction(tx -> {
            Optional<LegRecord> leg = tx.lockLeg(claimed.legId());
            SlaTimer t = tx.slaTimer(claimed.legId(), claimed.clock()).orElse(null);
            Instant now = clock.instant();
            if (t == null || leg.isEmpty()) {
                // Kept under this process's lease, so that it is not claimed again at once.
                LOG.atWarn().addKeyValue("legId", claimed.legId()).log("the {} timer has no leg or row", claimed.clock());
                return false;
            }
            if (t.run().status() != ClockRun.Status.RUNNING || !owner.equals(t.leaseOwner())
                    || t.dueAt() == null || t.dueAt().isAfter(now)) {
                tx.releaseSlaTimer(t.legId(), t.clock(), owner);
                return false;
            }
            if (!tx.markSlaTimerBreached(t.legId(), t.clock(), owner, now)) {
                return false;
            }
            record(tx, leg.get(), t, now);
            return true;
        });
    }

    private void record(Tx tx, LegRecord leg, SlaTimer t, Instant now) {
        ClockRun run = t.run();
        OffsetDateTime deadline = OffsetDateTime.ofInstant(t.dueAt(), CST);
        String what = run.clock() + " (profile " + run.profile() + ", within " + run.limit().text() + ", started "
                + OffsetDateTime.ofInstant(run.startedAt(), CST) + ") ran out at " + deadline;
        tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), now, EventKind.SLA_BREACH, null, null, null, "node",
                what + "; waiting on " + leg.penalizingMember()));
        if (run.escalate()) {
            escalate(tx, leg, run, deadline, what, now);
        }
        String member = leg.penalizingMember().value();
        tx.afterCommit(() -> metrics.slaBreach(member, run.clock().name(), run.profile()));
        LOG.atWarn().addKeyValue("caseId", leg.caseId()).addKeyValue("legId", leg.legId())
                .log("SLA breach at {}: {}", member, what);
    }

    private void escalate(Tx tx, LegRecord leg, ClockRun run, OffsetDateTime deadline, String what, Instant now) {
        Optional<DirectoryMember> partner = directory.directory().member(leg.penalizingMember());
        Contact addressee = partner.flatMap(SlaBreaches::contactOf).orElse(null);
        Escalation escalation = new Escalation(EscalationReason.SLA_BREACH, run.clock(), deadline,
                OffsetDateTime.ofInstant(now, CST), addressee,
                "服务时限超时，请合作会商 / service-level deadline passed, please consult: " + what + ", leg " + leg.legId());
        try {
            tx.withSavepoint(() -> {
                Envelope env = messages.create(leg.homeMember(), leg.penalizingMember(), leg.caseId(), leg.legId(), null,
                        escalation);
                dispatcher.send(tx, env);
                // A partner hosted here notes the escalation itself, on this same leg.
                if (!hosted.hosts(leg.penalizingMember())) {
                    tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), now, EventKind.ESCALATED, null, null,
                            env.messageId(), "node", "Escalation (" + run.clock() + ") queued for " + leg.penalizingMember()
                                    + (addressee == null ? ", which lists no contact in the directory"
                                    : ", addressed to " + addressee.name() + " (" + addressee.role() + ")")));
                }
                return null;
            });
        } catch (ContractException e) {
            // The breach stands on its own; an escalation that cannot be built or routed is said so.
            tx.appendEvent(LegEvent.of(leg.caseId(), leg.legId(), now, EventKind.ESCALATED, null, null, null, "node",
                    "Escalation to " + leg.penalizingMember() + " could not be sent: " + e.getMessage()));
        }
    }

    /** The partner's credit office (信用办) first, else whoever the directory lists first. */
    static Optional<Contact> contactOf(DirectoryMember m) {
        return m.contacts().stream()
                .min(Comparator.comparing((Contact c) -> c.role() == ContactRole.CREDIT_OFFICE ? 0 : 1));
    }
}
