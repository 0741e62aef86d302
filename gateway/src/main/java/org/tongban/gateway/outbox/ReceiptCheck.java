package org.tongban.gateway.outbox;

import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.TrustStore;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.Receipt;

import java.time.Clock;

/**
 * Checks a peer's answer before a message counts as delivered (non-repudiation of receipt): an
 * envelope that verifies against the directory, signed by the member the message went to,
 * addressed to its sender, a {@code Receipt} naming our message id and the SHA-256 of exactly the
 * bytes sent — or, for a message signed anew on re-drive, the peer's original receipt of an earlier
 * signing (received before this signing was made). CPU work (a signature check): run it on a worker thread.
 */
final class ReceiptCheck {
    private final Clock clock;

    ReceiptCheck(Clock clock) {
        this.clock = clock;
    }

    /** The verified receipt; throws {@link BadReceiptException} saying what is wrong. */
    VerifiedEnvelope check(TrustStore trust, Envelope sent, byte[] sentBytes, byte[] answer) {
        VerifiedEnvelope verified;
        try {
            verified = new EnvelopeVerifier(trust, clock).verify(answer);
        } catch (ContractException e) {
            verified = e.code() == ErrorCode.MESSAGE_EXPIRED || e.code() == ErrorCode.MESSAGE_OUTSIDE_REPLAY_WINDOW
                    ? earlierReceipt(trust, sent, answer) : null;
            if (verified == null) {
                throw new BadReceiptException("the answer to " + sent.messageId() + " is not a valid signed envelope: "
                        + e.code() + " " + e.getMessage());
            }
        }
        Envelope r = verified.envelope();
        if (r.type() != MessageType.RECEIPT) {
            throw new BadReceiptException("the answer to " + sent.messageId() + " is a " + r.type().wireName()
                    + ", not a Receipt");
        }
        if (!r.from().equals(sent.to()) || !r.to().equals(sent.from())) {
            throw new BadReceiptException("the receipt for " + sent.messageId() + " goes from " + r.from() + " to " + r.to()
                    + ", not from " + sent.to() + " to " + sent.from());
        }
        Receipt receipt = (Receipt) r.payload();
        if (!receipt.receivedMessageId().equals(sent.messageId())) {
            throw new BadReceiptException("the receipt names message " + receipt.receivedMessageId() + ", not "
                    + sent.messageId());
        }
        String sha256 = Digests.sha256Hex(sentBytes);
        if (!receipt.receivedSha256().equals(sha256) && receipt.receivedAt().isBefore(sent.sentAt())) {
            // The peer already stored an earlier signing of this message (a dead letter re-signed
            // on re-drive keeps its message id and payload) and answers a duplicate with its
            // original receipt, as it must: that receipt proves the earlier delivery.
            return verified;
        }
        if (!receipt.receivedSha256().equals(sha256)) {
            throw new BadReceiptException("the receipt for " + sent.messageId() + " names SHA-256 "
                    + receipt.receivedSha256() + ", not " + sha256 + " of the bytes sent");
        }
        return verified;
    }

    /**
     * A peer answers a duplicate with the receipt it signed the first time, which may be past its
     * own lifetime by now. Such a receipt is checked as an archived message, at the instant it was
     * signed (signature, key validity then), and only accepted as the receipt of an earlier signing
     * of {@code sent}; {@code null} when it is not one.
     */
    private static VerifiedEnvelope earlierReceipt(TrustStore trust, Envelope sent, byte[] answer) {
        try {
            Envelope unverified = Envelope.read(StrictJson.defaults().parse(answer));
            if (!unverified.sentAt().isBefore(sent.sentAt())) {
                return null;
            }
            Clock then = Clock.fixed(unverified.sentAt().toInstant(), java.time.ZoneOffset.UTC);
            return new EnvelopeVerifier(trust, then, VerificationPolicy.ARCHIVE, StrictJson.defaults()).verify(answer);
        } catch (ContractException e) {
            return null;
        }
    }
}
