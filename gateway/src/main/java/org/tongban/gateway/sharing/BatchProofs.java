package org.tongban.gateway.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.batch.InclusionProof;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.JsonLimits;
import org.tongban.contracts.json.StrictJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Inclusion proofs of notices received in a {@code PenaltyNoticeBatch}, computed from the batch
 * envelope as stored in the inbox (the canonical bytes received, so the notices hash as they were
 * signed). Each proof is checked against the signed root before it is handed out, with the batch's
 * signed head, so that the notice can be verified with nothing else.
 */
public final class BatchProofs {
    /** Stored envelopes were accepted under the node's own limit, which may be above the default. */
    private static final StrictJson STORED = new StrictJson(JsonLimits.LENIENT);

    private BatchProofs() {
    }

    /** The proof of leaf {@code leafIndex} of the batch in {@code envelopeJson}. */
    public static NoticeProof proof(String envelopeJson, int leafIndex) {
        JsonNode envelope = STORED.parse(envelopeJson.getBytes(StandardCharsets.UTF_8));
        JsonNode payload = envelope.get("payload");
        JsonNode notices = payload.get("notices");
        if (leafIndex < 0 || leafIndex >= notices.size()) {
            throw new IllegalArgumentException("leaf " + leafIndex + " of a batch of " + notices.size());
        }
        List<byte[]> items = new ArrayList<>(notices.size());
        for (JsonNode n : notices) {
            items.add(Canonicalizer.canonicalize(n));
        }
        MerkleTree tree = MerkleTree.ofItems(items);
        InclusionProof proof = tree.proof(leafIndex);
        String root = payload.get("treeRoot").asText();
        MerkleTree.verify(items.get(leafIndex), proof, Digests.unhex(root));
        ObjectNode head = Envelope.signedView(envelope); // shares the envelope's nodes, notices left out
        head.set(Envelope.SIGNATURE_MEMBER, envelope.get(Envelope.SIGNATURE_MEMBER));
        return new NoticeProof(MessageId.parse(envelope.get("messageId").asText()), payload.get("batchId").asText(), root,
                Digests.hex(MerkleTree.leafHash(items.get(leafIndex))), proof,
                new String(Canonicalizer.canonicalize(head), StandardCharsets.UTF_8));
    }
}
