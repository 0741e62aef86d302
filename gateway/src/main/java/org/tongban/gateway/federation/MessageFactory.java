package org.tongban.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.SignedEnvelope;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.Ids;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Payload;
import org.tongban.gateway.node.HostedMembers;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Builds and signs the envelopes hosted members send: a fresh time-ordered message id, sentAt
 * now (China Standard Time), expiresAt after the configured lifetime, signed with the member's
 * current key.
 */
public final class MessageFactory {
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private final HostedMembers members;
    private final Ids ids;
    private final Clock clock;
    private final Duration lifetime;

    public MessageFactory(HostedMembers members, Ids ids, Clock clock, Duration lifetime) {
        this.members = members;
        this.ids = ids;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Envelope create(MemberId from, MemberId to, CaseId caseId, LegId legId, MessageId inReplyTo, Payload payload) {
        return sign(ids.newMessageId(), from, to, caseId, legId, inReplyTo, payload);
    }

    /**
     * As {@link #create}, returning the canonical bytes too, with the payload given as a tree built
     * for canonicalization (e.g. {@link org.tongban.contracts.message.PenaltyNoticeBatch.Built#payloadJson()}).
     */
    public SignedEnvelope createWithBytes(MemberId from, MemberId to, Payload payload, JsonNode payloadJson) {
        return signer(from).signWithBytes(unsigned(ids.newMessageId(), from, to, null, null, null, payload), payloadJson);
    }

    /** As {@link #create}, returning the canonical bytes the signer computed too. */
    public SignedEnvelope createWithBytes(MemberId from, MemberId to, CaseId caseId, LegId legId, MessageId inReplyTo,
                                          Payload payload) {
        return signer(from).signWithBytes(unsigned(ids.newMessageId(), from, to, caseId, legId, inReplyTo, payload));
    }

    /** Signs anew under the same message id, with fresh times (re-drive of an expired dead letter). */
    public Envelope resign(Envelope old) {
        return sign(old.messageId(), old.from(), old.to(), old.caseId(), old.legId(), old.inReplyTo(), old.payload());
    }

    private Envelope sign(MessageId id, MemberId from, MemberId to, CaseId caseId, LegId legId, MessageId inReplyTo,
                          Payload payload) {
        return signer(from).sign(unsigned(id, from, to, caseId, legId, inReplyTo, payload));
    }

    /** An envelope sent now, expiring after the configured lifetime. */
    private Envelope unsigned(MessageId id, MemberId from, MemberId to, CaseId caseId, LegId legId, MessageId inReplyTo,
                              Payload payload) {
        OffsetDateTime now = now();
        return Envelope.unsigned(id, caseId, legId, from, to, now, now.plus(lifetime), inReplyTo, payload);
    }

    private EnvelopeSigner signer(MemberId from) {
        return new EnvelopeSigner(members.signer(from));
    }

    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), CST);
    }

    public Ids ids() {
        return ids;
    }
}
