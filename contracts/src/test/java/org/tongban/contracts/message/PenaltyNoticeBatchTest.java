package org.tongban.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.batch.InclusionProof;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.json.Canonicalizer;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.tongban.contracts.message.WireDocs.NODES;
import static org.tongban.contracts.message.WireDocs.read;
import static org.tongban.contracts.message.WireDocs.sample;
import static org.tongban.contracts.message.WireDocs.set;
import static org.tongban.contracts.message.WireDocs.violations;
import static org.tongban.contracts.message.WireDocs.wire;

/** A batch of penalty notices is bound to its signed Merkle root. */
class PenaltyNoticeBatchTest {

    private static ObjectNode batch() {
        return wire(MessageType.PENALTY_NOTICE_BATCH);
    }

    /** Recomputes the tree root over the notices as they stand in the document, as a sender would. */
    private static ObjectNode reroot(ObjectNode doc) {
        List<byte[]> items = new ArrayList<>();
        for (JsonNode notice : doc.at("/payload/notices")) {
            items.add(Canonicalizer.canonicalize(notice));
        }
        return set(doc, "/payload/treeRoot", Digests.hex(MerkleTree.ofItems(items).root()));
    }

    private static void assertRootMismatch(ObjectNode doc) {
        assertThat(violations(doc)).extracting(Violation::code, Violation::pointer)
                .containsExactly(tuple(ErrorCode.BATCH_ROOT_MISMATCH, "/payload/treeRoot"));
    }

    @Nested
    class Tampering {
        @Test
        void a_tampered_notice_is_refused_with_batch_root_mismatch() {
            ObjectNode doc = set(batch(), "/payload/notices/0/summary", "货车超限运输（超限率 3%）");

            assertRootMismatch(doc);
        }

        @Test
        void a_tampered_penalty_date_is_refused() {
            ObjectNode doc = set(batch(), "/payload/notices/1/penalty/decisionDate", "2026-05-30");

            assertRootMismatch(doc);
        }

        @Test
        void reordered_notices_are_refused() {
            ObjectNode doc = batch();
            ArrayNode notices = (ArrayNode) doc.at("/payload/notices");
            JsonNode first = notices.remove(0);
            notices.add(first);

            assertRootMismatch(doc);
        }

        @Test
        void a_dropped_notice_is_refused() {
            ObjectNode doc = batch();
            ((ArrayNode) doc.at("/payload/notices")).remove(1);

            assertRootMismatch(doc);
        }

        @Test
        void an_added_notice_is_refused() {
            ObjectNode doc = batch();
            ArrayNode notices = (ArrayNode) doc.at("/payload/notices");
            notices.add(notices.get(0).deepCopy());

            assertRootMismatch(doc);
        }

        @Test
        void a_root_that_is_not_a_sha256_is_a_format_error() {
            ObjectNode doc = set(batch(), "/payload/treeRoot", "00");

            assertThat(violations(doc)).extracting(Violation::code, Violation::pointer)
                    .containsExactly(tuple(ErrorCode.FIELD_FORMAT, "/payload/treeRoot"));
        }

        @Test
        void the_record_check_refuses_a_root_that_does_not_match() {
            PenaltyNoticeBatch sent = (PenaltyNoticeBatch) sample(MessageType.PENALTY_NOTICE_BATCH).payload();
            PenaltyNoticeBatch forged = new PenaltyNoticeBatch(sent.batchId(), sent.notices().subList(0, 1), sent.treeRoot());

            assertThatCode(sent::verifyRoot).doesNotThrowAnyException();
            assertThatThrownBy(forged::verifyRoot).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_ROOT_MISMATCH));
        }
    }

    @Nested
    class Consistent_batches {
        @Test
        void a_notice_changed_and_re_rooted_by_the_sender_is_accepted() {
            ObjectNode doc = reroot(set(batch(), "/payload/notices/0/summary", "更正后的违法事实"));

            PenaltyNoticeBatch read = (PenaltyNoticeBatch) read(doc).payload();
            assertThat(read.notices().get(0).summary()).isEqualTo("更正后的违法事实");
        }

        @Test
        void the_root_of_a_newer_minor_version_covers_the_notices_as_received() {
            ObjectNode doc = set(batch(), "/version", "1.2");
            set(doc, "/payload/notices/0/sector", "transport");

            assertRootMismatch(doc);
            assertThat(read(reroot(doc)).payload()).isInstanceOf(PenaltyNoticeBatch.class);
        }

        @Test
        void every_notice_is_provably_in_the_signed_batch_on_its_own() {
            PenaltyNoticeBatch sent = (PenaltyNoticeBatch) sample(MessageType.PENALTY_NOTICE_BATCH).payload();
            MerkleTree tree = PenaltyNoticeBatch.tree(sent.notices());
            byte[] root = Digests.unhex(sent.treeRoot());

            for (int i = 0; i < sent.notices().size(); i++) {
                byte[] item = Canonicalizer.canonicalize(sent.notices().get(i).toJson());
                InclusionProof proof = tree.proof(i);

                assertThatCode(() -> MerkleTree.verify(item, proof, root)).doesNotThrowAnyException();
            }
        }

        @Test
        void each_notice_in_a_batch_is_routed_to_the_enterprise_home() {
            String tianjinFirm = "91120116MA05K8L2X";
            tianjinFirm += CreditCode.checkCharacter(tianjinFirm);
            ObjectNode doc = reroot(set(batch(), "/payload/notices/1/enterprise/creditCode", tianjinFirm));

            assertThat(violations(doc)).extracting(Violation::code, Violation::pointer)
                    .containsExactly(tuple(ErrorCode.MESSAGE_INCONSISTENT, "/payload/notices/1/enterprise/creditCode"));
        }

        @Test
        void an_empty_batch_is_refused() {
            ObjectNode doc = reroot(set(batch(), "/payload/notices", NODES.arrayNode()));

            assertThat(violations(doc)).extracting(Violation::code, Violation::pointer)
                    .containsExactly(tuple(ErrorCode.FIELD_REQUIRED, "/payload/notices"));
        }
    }
}
