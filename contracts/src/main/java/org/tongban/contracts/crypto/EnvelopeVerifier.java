package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.batch.InclusionProof;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.CanonicalLayout;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.ReadContext;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies received envelopes. The checks run in a fixed order, and the first failure decides
 * the code:
 * <ol>
 *   <li>strict JSON and limits, contract and version ({@code VERSION_UNSUPPORTED});</li>
 *   <li>a signature block, a supported algorithm ({@code SIGNATURE_MISSING}, {@code ALGORITHM_UNSUPPORTED});</li>
 *   <li>the key id in the trust store ({@code KEY_UNKNOWN}) with the same algorithm
 *       ({@code KEY_ALGORITHM_MISMATCH});</li>
 *   <li>the signature over the canonical bytes of the received document without its signature
 *       member ({@code SIGNATURE_INVALID});</li>
 *   <li>the envelope's structure, strictly (unknown members, formats, enums, dates);</li>
 *   <li>the key owned by {@code from} ({@code KEY_NOT_OWNED_BY_SENDER}), valid at {@code sentAt}
 *       ({@code KEY_NOT_VALID_AT_SENT_AT}), {@code to} a member ({@code MEMBER_UNKNOWN});</li>
 *   <li>not expired ({@code MESSAGE_EXPIRED}), sent inside the replay window and not in the
 *       future beyond the clock skew ({@code MESSAGE_OUTSIDE_REPLAY_WINDOW}).</li>
 * </ol>
 * The signature is checked before the signed content is read at all, so any change to it, a
 * tampered {@code sentAt} or a renamed member alike, is reported as {@code SIGNATURE_INVALID}.
 *
 * <p>The signed bytes are computed from the document as received, not from the bound record, so
 * members added by a newer minor version are covered by the signature too. Thread-safe.
 */
public final class EnvelopeVerifier {
    private final TrustStore trust;
    private final Clock clock;
    private final VerificationPolicy policy;
    private final StrictJson json;

    public EnvelopeVerifier(TrustStore trust, Clock clock, VerificationPolicy policy, StrictJson json) {
        this.trust = trust;
        this.clock = clock;
        this.policy = policy;
        this.json = json;
    }

    public EnvelopeVerifier(TrustStore trust, Clock clock) {
        this(trust, clock, VerificationPolicy.ONLINE, StrictJson.defaults());
    }

    /** Parses and verifies; throws {@link ContractException} with the code of the first failed check. */
    public VerifiedEnvelope verify(byte[] document) {
        JsonNode tree = json.parse(document);
        // a document sent in its canonical form (as this library sends) holds the bytes to check and to keep
        return verify(tree, CanonicalLayout.of(document, Envelope.SIGNATURE_MEMBER, "payload", "notices"));
    }

    /** Verifies an already parsed document. */
    public VerifiedEnvelope verify(JsonNode tree) {
        return verify(tree, null);
    }

    private VerifiedEnvelope verify(JsonNode tree, CanonicalLayout received) {
        if (tree == null || !tree.isObject()) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "", "an envelope is a JSON object");
        }
        Envelope.checkContract(tree);
        SignatureBlock sig = signatureOf(tree);
        KeyEntry entry = lookUp(sig);
        Map<JsonNode, byte[]> items = batchItems(tree);
        // a batch's signature covers its head (treeRoot for the notices), bound to the notices in Envelope.read
        ObjectNode view = Envelope.signedView(tree);
        boolean detached = view.get("payload") == tree.get("payload");
        byte[] whole;
        byte[] signed;
        if (received != null && received.capture(tree.path("payload").get("notices"), items)) {
            whole = received.whole();
            signed = detached ? received.without() : Canonicalizer.canonicalize(view);
        } else {
            Canonicalizer.Split canonical = Canonicalizer.split(tree, Envelope.SIGNATURE_MEMBER, items);
            whole = canonical.whole();
            signed = detached ? canonical.without() : Canonicalizer.canonicalize(view);
        }
        if (!entry.key().verify(signed, sig.value())) {
            throw new ContractException(ErrorCode.SIGNATURE_INVALID, "/signature/value",
                    "the signature does not match the content signed by key " + sig.keyId());
        }
        Envelope envelope = Envelope.read(tree, items);
        checkKeyUse(entry, sig, envelope.from(), envelope.sentAt());
        if (!trust.isMember(envelope.to())) {
            throw new ContractException(ErrorCode.MEMBER_UNKNOWN, "/to", "member " + envelope.to() + " is not in the directory");
        }
        checkTimes(envelope, clock.instant());
        return new VerifiedEnvelope(envelope, Digests.sha256Hex(whole), whole, entry);
    }

    /**
     * Verifies one notice of a {@code PenaltyNoticeBatch} without the rest of the batch: from the
     * batch's signed head (the envelope without its notices, signature included; see
     * {@link Envelope#signedView}), the notice's canonical bytes and its RFC 9162 inclusion proof.
     * Checks the signature and its key as for the whole envelope (the key in the directory, of
     * the signature's algorithm, belonging to {@code from}, valid at {@code sentAt}) and the proof
     * against the signed {@code treeRoot}; not expiry or the replay window, which concern delivery.
     *
     * @return the member that signed the batch
     * @throws ContractException {@code SIGNATURE_INVALID}, {@code BATCH_ROOT_MISMATCH}, … as the whole envelope would
     */
    public MemberId verifyNotice(JsonNode signedHead, byte[] notice, InclusionProof proof) {
        if (signedHead == null || !signedHead.isObject()) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "", "a signed head is a JSON object");
        }
        Envelope.checkContract(signedHead);
        if (!MessageType.PENALTY_NOTICE_BATCH.wireName().equals(signedHead.path("type").textValue())) {
            throw new ContractException(ErrorCode.MESSAGE_TYPE_UNKNOWN, "/type", "not the head of a PenaltyNoticeBatch");
        }
        SignatureBlock sig = signatureOf(signedHead);
        KeyEntry entry = lookUp(sig);
        if (!entry.key().verify(Canonicalizer.canonicalize(Envelope.signedView(signedHead)), sig.value())) {
            throw new ContractException(ErrorCode.SIGNATURE_INVALID, "/signature/value",
                    "the signature does not match the batch head signed by key " + sig.keyId());
        }
        MemberId from = MemberId.of(signedHead.path("from").asText());
        java.time.OffsetDateTime sentAt;
        try {
            sentAt = java.time.OffsetDateTime.parse(signedHead.path("sentAt").asText());
        } catch (java.time.DateTimeException e) {
            throw new ContractException(ErrorCode.FIELD_FORMAT, "/sentAt", "not an RFC 3339 timestamp");
        }
        checkKeyUse(entry, sig, from, sentAt);
        String root = signedHead.path("payload").path("treeRoot").asText();
        if (!root.matches("[0-9a-f]{64}")) {
            throw new ContractException(ErrorCode.FIELD_FORMAT, "/payload/treeRoot", "not a SHA-256 in hex");
        }
        MerkleTree.verify(notice, proof, Digests.unhex(root));
        return from;
    }

    /** The signing key belongs to the sender and was valid when the message was sent. */
    private static void checkKeyUse(KeyEntry entry, SignatureBlock sig, MemberId from, java.time.OffsetDateTime sentAt) {
        if (!entry.owner().equals(from)) {
            throw new ContractException(ErrorCode.KEY_NOT_OWNED_BY_SENDER, "/signature/keyId",
                    "key " + sig.keyId() + " belongs to member " + entry.owner() + ", not to " + from);
        }
        if (!entry.isValidAt(sentAt.toInstant())) {
            throw new ContractException(ErrorCode.KEY_NOT_VALID_AT_SENT_AT, "/sentAt",
                    "key " + sig.keyId() + " is valid from " + entry.validFrom() + " until " + entry.validUntil()
                            + ", not at " + sentAt);
        }
    }

    /**
     * The notices of a batch, whose canonical bytes (the leaves of its hash tree) are captured
     * while the envelope is canonicalized for its signature, instead of being computed twice, or
     * taken from the bytes received when those are canonical ({@link CanonicalLayout}).
     */
    private static Map<JsonNode, byte[]> batchItems(JsonNode tree) {
        JsonNode type = tree.get("type");
        JsonNode payload = tree.get("payload");
        if (type == null || !MessageType.PENALTY_NOTICE_BATCH.wireName().equals(type.textValue()) || payload == null) {
            return Map.of();
        }
        JsonNode notices = payload.get("notices");
        if (notices == null || !notices.isArray()) {
            return Map.of();
        }
        Map<JsonNode, byte[]> items = new IdentityHashMap<>(notices.size() * 2);
        for (JsonNode n : notices) {
            items.put(n, null);
        }
        return items;
    }

    /** Reads the signature block alone, so that the signature is checked before the content is. */
    static SignatureBlock signatureOf(JsonNode tree) {
        JsonNode node = tree.get(Envelope.SIGNATURE_MEMBER);
        if (node == null || node.isNull()) {
            throw new ContractException(ErrorCode.SIGNATURE_MISSING, "/signature", "the document is not signed");
        }
        ReadContext ctx = ReadContext.strict();
        JsonObjectReader r = JsonObjectReader.of(node, "/signature", ctx);
        SignatureBlock block = r == null ? null : SignatureBlock.read(r);
        ctx.throwIfAny();
        return block;
    }

    private KeyEntry lookUp(SignatureBlock sig) {
        Optional<KeyEntry> found = trust.key(sig.keyId());
        if (found.isEmpty()) {
            throw new ContractException(ErrorCode.KEY_UNKNOWN, "/signature/keyId",
                    "key " + sig.keyId() + " is not in the federation directory");
        }
        KeyEntry entry = found.get();
        if (entry.key().algorithm() != sig.algorithm()) {
            throw new ContractException(ErrorCode.KEY_ALGORITHM_MISMATCH, "/signature/alg",
                    "key " + sig.keyId() + " is an " + entry.key().algorithm() + " key, not " + sig.algorithm());
        }
        return entry;
    }

    private void checkTimes(Envelope envelope, Instant now) {
        if (!now.isBefore(envelope.expiresAt().toInstant())) {
            throw new ContractException(ErrorCode.MESSAGE_EXPIRED, "/expiresAt",
                    "the message expired at " + envelope.expiresAt());
        }
        Instant sentAt = envelope.sentAt().toInstant();
        if (sentAt.isAfter(now.plus(policy.clockSkew()))) {
            throw new ContractException(ErrorCode.MESSAGE_OUTSIDE_REPLAY_WINDOW, "/sentAt",
                    "sentAt " + envelope.sentAt() + " is in the future (now " + now + ")");
        }
        if (policy.replayWindow() != null && sentAt.isBefore(now.minus(policy.replayWindow()))) {
            throw new ContractException(ErrorCode.MESSAGE_OUTSIDE_REPLAY_WINDOW, "/sentAt",
                    "sentAt " + envelope.sentAt() + " is older than the replay window of " + policy.replayWindow());
        }
    }

    /**
     * Checks an attachment's bytes against its signed descriptor: size, then SHA-256.
     *
     * @throws ContractException {@code ATTACHMENT_HASH_MISMATCH}
     */
    public static void verifyAttachment(Attachment descriptor, InputStream content) throws IOException {
        MessageDigest md = Digests.sha256();
        byte[] buf = new byte[64 * 1024];
        long size = 0;
        int n;
        while ((n = content.read(buf)) > 0) {
            size += n;
            if (size > descriptor.size()) {
                throw new ContractException(ErrorCode.ATTACHMENT_HASH_MISMATCH, "",
                        "attachment " + descriptor.id() + " is longer than the " + descriptor.size() + " bytes signed");
            }
            md.update(buf, 0, n);
        }
        if (size != descriptor.size()) {
            throw new ContractException(ErrorCode.ATTACHMENT_HASH_MISMATCH, "",
                    "attachment " + descriptor.id() + " has " + size + " bytes, not the " + descriptor.size() + " signed");
        }
        String actual = Digests.hex(md.digest());
        if (!actual.equals(descriptor.sha256())) {
            throw new ContractException(ErrorCode.ATTACHMENT_HASH_MISMATCH, "",
                    "attachment " + descriptor.id() + " hashes to " + actual + ", not to the signed " + descriptor.sha256());
        }
    }

    /** As {@link #verifyAttachment(Attachment, InputStream)}, for bytes in memory. */
    public static void verifyAttachment(Attachment descriptor, byte[] content) {
        try {
            verifyAttachment(descriptor, new java.io.ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new IllegalStateException("reading memory cannot fail", e);
        }
    }
}
