package org.tongban.gateway.federation;

import org.tongban.contracts.crypto.SignedEnvelope;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.Receipt;


/**
 * Signed receipts (回执): the receiving member states that it stored the message whose canonical
 * bytes hash to {@code receivedSha256}.
 */
public final class ReceiptFactory {
    private final MessageFactory messages;

    public ReceiptFactory(MessageFactory messages) {
        this.messages = messages;
    }

    public Envelope receiptFor(VerifiedEnvelope received) {
        Envelope in = received.envelope();
        return messages.create(in.to(), in.from(), in.caseId(), in.legId(), in.messageId(), receipt(received));
    }

    /** The signed receipt with its canonical bytes, the form it is answered and stored in. */
    public SignedEnvelope receiptWithBytes(VerifiedEnvelope received) {
        Envelope in = received.envelope();
        return messages.createWithBytes(in.to(), in.from(), in.caseId(), in.legId(), in.messageId(), receipt(received));
    }

    private Receipt receipt(VerifiedEnvelope received) {
        Envelope in = received.envelope();
        return new Receipt(in.messageId(), in.type(), received.sha256(), messages.now());
    }
}
