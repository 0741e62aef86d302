package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.json.CanonicalJson;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.message.Envelope;

/** Signs envelopes with a member's {@link MessageSigner}. */
public final class EnvelopeSigner {
    private final MessageSigner signer;

    public EnvelopeSigner(MessageSigner signer) {
        this.signer = signer;
    }

    /** The envelope with a fresh signature over its signed bytes (any old signature replaced; {@link Envelope#signedBytes()}). */
    public Envelope sign(Envelope envelope) {
        byte[] bytes = envelope.withSignature(null).signedBytes();
        byte[] value = signer.sign(bytes);
        return envelope.withSignature(new SignatureBlock(signer.algorithm(), signer.keyId(), value));
    }

    /**
     * Signs and returns the signed envelope with its canonical bytes (the form it is sent and
     * stored in), from one tree: the payload, given as {@code payloadJson} (e.g. a batch whose
     * notices hold their canonical bytes already), is written once for the bytes signed and copied
     * into the whole.
     */
    public SignedEnvelope signWithBytes(Envelope envelope, JsonNode payloadJson) {
        Envelope unsigned = envelope.withSignature(null);
        ObjectNode tree = unsigned.toJson(payloadJson);
        ObjectNode view = Envelope.signedView(tree);
        if (view.get("payload") == tree.get("payload")) {
            // the payload is signed whole: canonicalized once for the bytes signed and the whole
            JsonNode payloadBytes = CanonicalJson.node(Canonicalizer.canonicalize(tree.get("payload")));
            tree.set("payload", payloadBytes);
            view.set("payload", payloadBytes);
        }
        byte[] value = signer.sign(Canonicalizer.canonicalize(view));
        SignatureBlock block = new SignatureBlock(signer.algorithm(), signer.keyId(), value);
        tree.set(Envelope.SIGNATURE_MEMBER, block.toJson());
        return new SignedEnvelope(envelope.withSignature(block), Canonicalizer.canonicalize(tree));
    }

    /** As {@link #signWithBytes(Envelope, JsonNode)} with the payload's own JSON. */
    public SignedEnvelope signWithBytes(Envelope envelope) {
        return signWithBytes(envelope, envelope.payload().toJson());
    }

    public MessageSigner signer() {
        return signer;
    }
}
