package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.crypto.SignatureBlock;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.CaseId;
import org.tongban.contracts.id.LegId;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;
import org.tongban.contracts.json.ReadContext;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The envelope (信封) every message of contract {@code tongban/credit-repair} travels in.
 *
 * @param version   the contract version declared
 * @param messageId unique id of this message; the receiver's inbox deduplicates on it
 * @param type      the message type, which fixes the payload's shape
 * @param caseId    the end-to-end case id, unchanged across hops; required for case-bound types
 * @param legId     the leg within the case; required for case-bound types
 * @param from      the sending member
 * @param to        the receiving member
 * @param sentAt    when the sender signed it; the signing key must be valid at this instant
 * @param expiresAt after this instant the message must not be acted on
 * @param inReplyTo the message this one answers, optional
 * @param payload   the typed body
 * @param signature the detached signature, or {@code null} before signing
 */
public record Envelope(ContractVersion version, MessageId messageId, MessageType type, CaseId caseId, LegId legId,
                       MemberId from, MemberId to, OffsetDateTime sentAt, OffsetDateTime expiresAt,
                       MessageId inReplyTo, Payload payload, SignatureBlock signature) {

    /** Top-level member that is left out of the signed bytes. */
    public static final String SIGNATURE_MEMBER = "signature";
    /** The member of a {@code PenaltyNoticeBatch} payload that its signature covers through {@code treeRoot}. */
    static final String BATCH_NOTICES = "notices";

    public Envelope {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(payload, "payload");
        if (payload.type() != type) {
            throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, "/payload",
                    "a " + type + " envelope cannot carry a " + payload.type() + " payload");
        }
        if (type.caseBound() && caseId == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/caseId", type + " messages name their case");
        }
        if (type.caseBound() && legId == null) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/legId", type + " messages name their leg");
        }
        if (from.equals(to)) {
            throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, "/to", "a member does not send to itself");
        }
        if (!expiresAt.isAfter(sentAt)) {
            throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, "/expiresAt", "expiresAt must be after sentAt");
        }
        checkRouting(type, payload, from, to);
    }

    /** An unsigned envelope of the current contract version. */
    public static Envelope unsigned(MessageId messageId, CaseId caseId, LegId legId, MemberId from, MemberId to,
                                    OffsetDateTime sentAt, OffsetDateTime expiresAt, MessageId inReplyTo,
                                    Payload payload) {
        return new Envelope(ContractVersion.CURRENT, messageId, payload.type(), caseId, legId, from, to, sentAt,
                expiresAt, inReplyTo, payload, null);
    }

    public Envelope withSignature(SignatureBlock block) {
        return new Envelope(version, messageId, type, caseId, legId, from, to, sentAt, expiresAt, inReplyTo,
                payload, block);
    }

    public boolean isSigned() {
        return signature != null;
    }

    /** The JSON object of the envelope, with its signature when it has one. */
    public ObjectNode toJson() {
        return toJson(payload.toJson());
    }

    /**
     * As {@link #toJson()}, with the payload given as a tree already built (which may hold
     * {@link org.tongban.contracts.json.CanonicalJson} values): for canonicalization only.
     */
    public ObjectNode toJson(JsonNode payloadJson) {
        return JsonObjectWriter.create()
                .put("contract", ContractVersion.CONTRACT)
                .put("version", version.toString())
                .putText("messageId", messageId)
                .put("type", type.wireName())
                .putText("caseId", caseId)
                .putText("legId", legId)
                .putText("from", from)
                .putText("to", to)
                .put("sentAt", sentAt)
                .put("expiresAt", expiresAt)
                .putText("inReplyTo", inReplyTo)
                .put("payload", payloadJson)
                .put(SIGNATURE_MEMBER, signature == null ? null : signature.toJson())
                .node();
    }

    /**
     * The bytes the signature covers: the RFC 8785 canonical form of {@link #signedView(JsonNode)}
     * (the envelope without its signature member; a batch also without its notices).
     */
    public byte[] signedBytes() {
        return Canonicalizer.canonicalize(signedView(toJson()));
    }

    /**
     * What an envelope's signature covers: the document without its {@code signature} member and,
     * for a {@code PenaltyNoticeBatch}, with a payload without its {@code notices}, which the
     * signed {@code treeRoot} stands for (the batch's signed head). A receiver checks the root
     * against the notices before it accepts any of them, so every notice is still bound to the
     * signature; and one notice, its inclusion proof and the signed head can be verified without
     * the rest of the batch. The view shares the document's nodes; it is for canonicalization.
     */
    public static ObjectNode signedView(JsonNode document) {
        ObjectNode view = without(document, SIGNATURE_MEMBER);
        JsonNode payload = document.get("payload");
        if (MessageType.PENALTY_NOTICE_BATCH.wireName().equals(document.path("type").textValue())
                && payload != null && payload.isObject() && payload.has(BATCH_NOTICES)) {
            view.set("payload", without(payload, BATCH_NOTICES));
        }
        return view;
    }

    /** A shallow copy of {@code object} without {@code member}. */
    private static ObjectNode without(JsonNode object, String member) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        object.fields().forEachRemaining(m -> {
            if (!member.equals(m.getKey())) {
                copy.set(m.getKey(), m.getValue());
            }
        });
        return copy;
    }

    /** The canonical bytes of the whole envelope, the form it is sent in. */
    public byte[] canonicalBytes() {
        return Canonicalizer.canonicalize(toJson());
    }

    /**
     * Binds a parsed document to an envelope, strictly. The contract name and version are
     * checked first: an unknown major version is {@code VERSION_UNSUPPORTED} whatever else the
     * document holds.
     */
    public static Envelope read(JsonNode document) {
        return read(document, java.util.Map.of());
    }

    /**
     * As {@link #read(JsonNode)}, given the canonical bytes of some of the document's values
     * already computed (by identity of their nodes), so that they are not computed again.
     */
    public static Envelope read(JsonNode document, java.util.Map<JsonNode, byte[]> canonical) {
        if (document == null || !document.isObject()) {
            throw new ContractException(ErrorCode.FIELD_TYPE, "", "an envelope is a JSON object");
        }
        ContractVersion version = checkContract(document);
        ReadContext ctx = new ReadContext(version.isNewerMinor(), canonical);
        JsonObjectReader r = JsonObjectReader.of(document, "", ctx);
        r.accept("contract");
        r.accept("version");
        MessageId messageId = r.parsed("messageId", MessageId::parse);
        MessageType type = r.parsed("type", Envelope::typeOf);
        CaseId caseId = r.optParsed("caseId", CaseId::parse);
        LegId legId = r.optParsed("legId", LegId::parse);
        MemberId from = r.parsed("from", MemberId::of);
        MemberId to = r.parsed("to", MemberId::of);
        OffsetDateTime sentAt = r.timestamp("sentAt");
        OffsetDateTime expiresAt = r.timestamp("expiresAt");
        MessageId inReplyTo = r.optParsed("inReplyTo", MessageId::parse);
        Payload payload = type == null ? null : r.object("payload", type::readPayload);
        if (type == null) {
            r.accept("payload");
        }
        SignatureBlock signature = r.optObject(SIGNATURE_MEMBER, SignatureBlock::read);
        Envelope envelope = r.build(() -> new Envelope(version, messageId, type, caseId, legId, from, to, sentAt,
                expiresAt, inReplyTo, payload, signature));
        ctx.throwIfAny();
        return envelope;
    }

    /** Checks {@code contract} and {@code version} and returns the version. */
    public static ContractVersion checkContract(JsonNode document) {
        JsonNode contract = document.get("contract");
        if (contract == null || !contract.isTextual()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/contract",
                    "member 'contract' must be \"" + ContractVersion.CONTRACT + "\"");
        }
        if (!ContractVersion.CONTRACT.equals(contract.textValue())) {
            throw new ContractException(ErrorCode.CONTRACT_UNKNOWN, "/contract",
                    "contract '" + contract.textValue() + "' is not " + ContractVersion.CONTRACT);
        }
        JsonNode v = document.get("version");
        if (v == null || !v.isTextual()) {
            throw new ContractException(ErrorCode.FIELD_REQUIRED, "/version", "member 'version' is required");
        }
        ContractVersion version;
        try {
            version = ContractVersion.parse(v.textValue());
        } catch (ContractException e) {
            throw new ContractException(ErrorCode.VERSION_UNSUPPORTED, "/version", e.violations().get(0).detail());
        }
        if (!version.isSupported()) {
            throw new ContractException(ErrorCode.VERSION_UNSUPPORTED, "/version",
                    "major version " + version.major() + " is not supported; this node speaks "
                            + ContractVersion.CURRENT.major() + ".x");
        }
        return version;
    }

    static MessageType typeOf(String wireName) {
        MessageType t = MessageType.fromWireName(wireName);
        if (t == null) {
            throw new ContractException(ErrorCode.MESSAGE_TYPE_UNKNOWN, "", "'" + wireName + "' is not a message type");
        }
        return t;
    }

    private static void checkRouting(MessageType type, Payload payload, MemberId from, MemberId to) {
        if (payload instanceof RepairApplication) {
            MemberId penalizing = ((RepairApplication) payload).penalty().penalizingMember();
            if (!penalizing.equals(to)) {
                throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, "/payload/penalty/penalizingMember",
                        "an application goes to the penalizing member " + penalizing + ", not to " + to);
            }
        } else if (payload instanceof PenaltyNotice) {
            checkNotice((PenaltyNotice) payload, from, to, "/payload");
        } else if (payload instanceof PenaltyNoticeBatch) {
            var notices = ((PenaltyNoticeBatch) payload).notices();
            for (int i = 0; i < notices.size(); i++) {
                checkNotice(notices.get(i), from, to, "/payload/notices/" + i);
            }
        }
    }

    private static void checkNotice(PenaltyNotice notice, MemberId from, MemberId to, String pointer) {
        if (!notice.penalty().penalizingMember().equals(from)) {
            throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, pointer + "/penalty/penalizingMember",
                    "a penalty notice is sent by the penalizing member");
        }
        MemberId home = notice.enterprise().creditCode().homeMember();
        if (!home.equals(to)) {
            throw new ContractException(ErrorCode.MESSAGE_INCONSISTENT, pointer + "/enterprise/creditCode",
                    "the enterprise is registered in " + home + ", so the notice goes there, not to " + to);
        }
    }
}
