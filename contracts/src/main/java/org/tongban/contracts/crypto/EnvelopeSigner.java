package org.tongban.contracts.crypto;

import org.tongban.contracts.message.Envelope;

/** Signs envelopes with a member's {@link MessageSigner}. */
public final class EnvelopeSigner {
    private final MessageSigner signer;

    public EnvelopeSigner(MessageSigner signer) {
        this.signer = signer;
    }

    /** The envelope with a fresh signature over its canonical bytes (any old signature replaced). */
    public Envelope sign(Envelope envelope) {
        byte[] bytes = envelope.withSignature(null).signedBytes();
        byte[] value = signer.sign(bytes);
        return envelope.withSignature(new SignatureBlock(signer.algorithm(), signer.keyId(), value));
    }

    public MessageSigner signer() {
        return signer;
    }
}
