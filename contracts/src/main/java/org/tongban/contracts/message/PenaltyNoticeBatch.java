package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.CanonicalJson;
import org.tongban.contracts.json.JsonObjectReader;
import org.tongban.contracts.json.JsonObjectWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of penalty notices for one home member, signed once. {@link #treeRoot()} is the
 * RFC 9162 Merkle tree head over the canonical bytes of each notice, so that each notice can
 * later be shown to belong to the signed batch on its own, with an inclusion proof.
 */
public record PenaltyNoticeBatch(String batchId, List<PenaltyNotice> notices, String treeRoot) implements Payload {
    public PenaltyNoticeBatch {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(treeRoot, "treeRoot");
        notices = List.copyOf(notices);
    }

    /** A batch with its tree root computed. */
    public static PenaltyNoticeBatch of(String batchId, List<PenaltyNotice> notices) {
        return new PenaltyNoticeBatch(batchId, notices, Digests.hex(tree(notices).root()));
    }

    /**
     * A batch built for sending, with its payload as a tree whose notices hold their canonical
     * bytes ({@link CanonicalJson}): the notices are canonicalized once, for the hash tree, and the
     * signature and the stored form reuse those bytes.
     *
     * @param batch       the batch, its tree root computed
     * @param payloadJson its JSON for {@link Envelope#toJson(JsonNode)}, to be canonicalized only
     */
    public record Built(PenaltyNoticeBatch batch, ObjectNode payloadJson) {
    }

    /** Builds a batch of {@code notices} and its payload tree for canonicalization, each notice canonicalized once. */
    public static Built build(String batchId, List<PenaltyNotice> notices) {
        List<byte[]> items = canonicalItems(notices);
        ArrayNode array = JsonNodeFactory.instance.arrayNode(notices.size());
        items.forEach(bytes -> array.add(CanonicalJson.node(bytes)));
        PenaltyNoticeBatch batch = new PenaltyNoticeBatch(batchId, notices, Digests.hex(MerkleTree.ofItems(items).root()));
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("batchId", batchId);
        json.set("notices", array);
        json.put("treeRoot", batch.treeRoot());
        return new Built(batch, json);
    }

    /** The Merkle tree over the canonical bytes of the notices. */
    public static MerkleTree tree(List<PenaltyNotice> notices) {
        return MerkleTree.ofItems(canonicalItems(notices));
    }

    /** The canonical bytes of each notice: the leaves of the batch's hash tree. */
    private static List<byte[]> canonicalItems(List<PenaltyNotice> notices) {
        List<byte[]> items = new ArrayList<>(notices.size());
        for (PenaltyNotice n : notices) {
            items.add(n.canonicalBytes());
        }
        return items;
    }

    @Override
    public MessageType type() {
        return MessageType.PENALTY_NOTICE_BATCH;
    }

    public static PenaltyNoticeBatch read(JsonObjectReader r) {
        String batchId = r.string("batchId", 64, Formats.TOKEN, Formats.TOKEN_NAME);
        List<PenaltyNotice> notices = r.list("notices", 1, Formats.MAX_BATCH, PenaltyNotice::read);
        String root = r.string("treeRoot", 64, Formats.SHA256, Formats.SHA256_NAME);
        if (notices != null && root != null) {
            // The root is checked over the notices as received, unknown ignorable members included.
            JsonNode items = r.node().get("notices");
            List<byte[]> canonical = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                canonical.add(r.context().canonical(item));
            }
            String actual = Digests.hex(MerkleTree.ofItems(canonical).root());
            if (!actual.equals(root)) {
                r.context().add(ErrorCode.BATCH_ROOT_MISMATCH, r.pointer() + "/treeRoot",
                        "the notices hash to " + actual);
            }
        }
        return r.build(() -> new PenaltyNoticeBatch(batchId, notices, root));
    }

    @Override
    public ObjectNode toJson() {
        return JsonObjectWriter.create()
                .put("batchId", batchId)
                .putRequiredList("notices", notices, PenaltyNotice::toJson)
                .put("treeRoot", treeRoot)
                .node();
    }

    /** Checks the root against the notices held in this record. */
    public void verifyRoot() {
        if (!Digests.hex(tree(notices).root()).equals(treeRoot)) {
            throw new ContractException(ErrorCode.BATCH_ROOT_MISMATCH, "/treeRoot", "the notices do not hash to the root");
        }
    }
}
