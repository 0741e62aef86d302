package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.batch.InclusionProof;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One notice of a signed batch verified on its own: the batch's signed head (the envelope without
 * its notices), the notice's canonical bytes and its inclusion proof.
 */
class NoticeAloneTest {
    private final EnvelopeSigner hangzhou = new EnvelopeSigner(
            TestKeys.member(TestDirectory.HANGZHOU.value(), SignatureAlgorithm.ED25519).signer());
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(TestDirectory.trustStore(),
            Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(60), ZoneOffset.UTC));
    private final Envelope batch = hangzhou.sign(SampleMessages.everyType().get(MessageType.PENALTY_NOTICE_BATCH));
    private final List<PenaltyNotice> notices = ((PenaltyNoticeBatch) batch.payload()).notices();

    /** The signed head: the whole envelope as sent, its notices left out, its signature kept. */
    private ObjectNode head() {
        ObjectNode json = batch.toJson();
        ((ObjectNode) json.get("payload")).remove("notices");
        return json;
    }

    private static byte[] item(PenaltyNotice n) {
        return Canonicalizer.canonicalize(n.toJson());
    }

    private InclusionProof proof(int index) {
        return PenaltyNoticeBatch.tree(notices).proof(index);
    }

    @Test
    void each_notice_verifies_with_its_proof_and_the_signed_head_and_names_the_signer() {
        assertThat(notices).hasSizeGreaterThan(1);
        for (int i = 0; i < notices.size(); i++) {
            assertThat(verifier.verifyNotice(head(), item(notices.get(i)), proof(i))).isEqualTo(batch.from());
        }
    }

    @Test
    void the_whole_envelope_serves_as_its_own_head() {
        JsonNode whole = batch.toJson();

        assertThat(verifier.verifyNotice(whole, item(notices.get(1)), proof(1))).isEqualTo(batch.from());
    }

    @Test
    void a_changed_notice_or_a_proof_of_another_leaf_is_refused_on_the_root() {
        PenaltyNotice first = notices.get(0);
        PenaltyNotice changed = new PenaltyNotice(first.enterprise(), first.penalty(), "另一项违法事实", first.publishedOn());

        assertThatThrownBy(() -> verifier.verifyNotice(head(), item(changed), proof(0)))
                .isInstanceOfSatisfying(ContractException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_ROOT_MISMATCH));
        assertThatThrownBy(() -> verifier.verifyNotice(head(), item(notices.get(0)), proof(1)))
                .isInstanceOfSatisfying(ContractException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_ROOT_MISMATCH));
    }

    @Test
    void a_head_with_another_root_or_sender_is_refused_on_its_signature() {
        ObjectNode otherRoot = head();
        ((ObjectNode) otherRoot.get("payload")).put("treeRoot",
                org.tongban.contracts.crypto.Digests.hex(MerkleTree.ofItems(List.of(item(notices.get(0)))).root()));
        ObjectNode otherBatchId = head();
        ((ObjectNode) otherBatchId.get("payload")).put("batchId", "another-batch");

        for (ObjectNode h : List.of(otherRoot, otherBatchId)) {
            assertThatThrownBy(() -> verifier.verifyNotice(h, item(notices.get(0)), proof(0)))
                    .isInstanceOfSatisfying(ContractException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
        }
    }

    @Test
    void the_head_of_another_type_or_without_a_signature_is_refused() {
        ObjectNode unsigned = head();
        unsigned.remove(Envelope.SIGNATURE_MEMBER);
        ObjectNode single = SampleMessages.everyType().get(MessageType.PENALTY_NOTICE).toJson();

        assertThatThrownBy(() -> verifier.verifyNotice(unsigned, item(notices.get(0)), proof(0)))
                .isInstanceOfSatisfying(ContractException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_MISSING));
        assertThatThrownBy(() -> verifier.verifyNotice(single, item(notices.get(0)), proof(0)))
                .isInstanceOfSatisfying(ContractException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TYPE_UNKNOWN));
    }
}
