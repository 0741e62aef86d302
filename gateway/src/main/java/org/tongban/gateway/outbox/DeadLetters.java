package org.tongban.gateway.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.gateway.federation.DeliveryResults;
import org.tongban.gateway.federation.MessageFactory;
import org.tongban.gateway.opsapi.DeadLetterService;
import org.tongban.gateway.store.CanonicalJson;
import org.tongban.gateway.store.DeadLetterFilter;
import org.tongban.gateway.store.OutboxRecord;
import org.tongban.gateway.store.OutboxStatus;
import org.tongban.gateway.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operators' view of messages the outbox gave up on, and re-drive: a dead letter goes back
 * to the queue, due now, with its attempts and maximum age reset. An envelope to a peer that has
 * expired, or would expire before its new maximum age runs out (the re-drive horizon), is signed
 * anew under the same message id, so that the receiver's inbox still recognises it. Every
 * re-drive is an audit line and a timeline event. Blocking: call from a worker.
 */
public final class DeadLetters implements DeadLetterService {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int PAGE = 500;

    private final Store store;
    private final MessageFactory messages;
    private final DeliveryResults results;
    private final Clock clock;
    private final Duration horizon;
    private final Runnable poke;
    private final StrictJson json = StrictJson.defaults();

    /**
     * @param horizon an envelope expiring sooner than this after the re-drive is re-signed
     * @param poke    wakes the outbox after a re-drive
     */
    DeadLetters(Store store, MessageFactory messages, DeliveryResults results, Clock clock, Duration horizon,
                Runnable poke) {
        this.store = store;
        this.messages = messages;
        this.results = results;
        this.clock = clock;
        this.horizon = horizon;
        this.poke = poke;
    }

    @Override
    public List<OutboxRecord> list(DeadLetterFilter filter) {
        return store.read(tx -> tx.deadLetters(filter));
    }

    /** Re-drives one dead letter; false when {@code seq} is not a dead letter (unknown, or re-driven already). */
    @Override
    public boolean redrive(long seq, String actor) {
        boolean done = redriveOne(seq, actor);
        if (done) {
            poke.run();
        }
        return done;
    }

    /** Re-drives every dead letter to {@code destination} (all destinations when null); returns how many. */
    @Override
    public int redriveAll(String destination, String actor) {
        Set<Long> seen = new HashSet<>();
        int total = 0;
        while (true) {
            List<OutboxRecord> page = list(new DeadLetterFilter(destination, PAGE));
            // a message that dies again while this runs is not re-driven twice by one request
            List<OutboxRecord> fresh = page.stream().filter(r -> seen.add(r.seq())).toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (OutboxRecord r : fresh) {
                if (redriveOne(r.seq(), actor)) {
                    total++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (total > 0) {
            poke.run();
        }
        return total;
    }

    private boolean redriveOne(long seq, String actor) {
        return store.inTransaction(tx -> {
            Optional<OutboxRecord> found = tx.outbox(seq);
            if (found.isEmpty() || found.get().status() != OutboxStatus.DEAD) {
                return false;
            }
            OutboxRecord r = found.get();
            Instant now = clock.instant();
            Envelope envelope = Envelope.read(json.parse(r.envelope().utf8()));
            CanonicalJson text = r.envelope();
            boolean resigned = false;
            // only envelopes of hosted senders can be signed anew; a platform submission is not re-sent to a peer
            if (!r.isForPlatform() && !envelope.expiresAt().toInstant().isAfter(now.plus(horizon))) {
                Envelope fresh = messages.resign(envelope);
                text = CanonicalJson.ofUtf8(fresh.canonicalBytes());
                resigned = true;
            }
            if (!tx.redrive(seq, now, text)) {
                return false;
            }
            String member = r.isForPlatform() ? r.to().value() : envelope.from().value();
            tx.audit(now, actor, member, "outbox.redrive", "outbox:" + seq,
                    r.type().wireName() + " " + r.messageId() + " to " + r.destination()
                            + (resigned ? ", re-signed (expired or expiring at " + envelope.expiresAt() + ")" : "")
                            + "; last failure " + r.lastErrorKey());
            results.onRedriven(tx, r, actor);
            LOG.atInfo().addKeyValue("caseId", r.caseId()).addKeyValue("messageId", r.messageId())
                    .addKeyValue("destination", r.destination()).addKeyValue("actor", actor)
                    .log("dead letter {} re-driven{}", seq, resigned ? " and re-signed" : "");
            return true;
        });
    }
}
