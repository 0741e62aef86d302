package org.tongban.contracts.crypto;

import org.tongban.contracts.message.Envelope;

import java.util.Objects;

/**
 * A signed envelope with its RFC 8785 canonical bytes, the form it is sent and stored in,
 * computed while signing so that they need not be computed again.
 *
 * @param envelope  the signed envelope
 * @param canonical its canonical UTF-8 bytes, signature included
 */
public record SignedEnvelope(Envelope envelope, byte[] canonical) {
    public SignedEnvelope {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(canonical, "canonical");
        if (!envelope.isSigned()) {
            throw new IllegalArgumentException("not signed: " + envelope.messageId());
        }
    }
}
