package org.tongban.gateway.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.crypto.MessageSigner;
import org.tongban.contracts.crypto.SignatureBlock;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;
import org.tongban.gateway.store.NoticeFilter;
import org.tongban.gateway.store.NoticeRecord;
import org.tongban.gateway.testing.MutableClock;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.SharingParts;
import org.tongban.gateway.testing.TestNodeParts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch as the penalizing side builds it (one signature over the batch's head, whose tree root
 * covers every notice) and as the home side checks it: the whole batch by its signature and root,
 * each notice alone by its inclusion proof and the signed head; a changed notice is refused either way.
 */
class NoticeBatchTest {
    private static final LocalDate DECIDED = LocalDate.of(2026, 5, 10);

    @TempDir
    Path dir;
    TestNodeParts parts;
    MutableClock clock = new MutableClock();
    String envelopeJson;
    List<NoticeRecord> received;

    @BeforeEach
    void shareSevenNoticesInOneBatch() {
        parts = TestNodeParts.create(dir, clock);
        List<PenaltyNotice> page = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            page.add(Notices.notice(TestDirectory.TIANJIN, "230100", i, DECIDED));
        }
        new SharingParts(parts).sharing(500).share(TestDirectory.TIANJIN, null, new PenaltyPage(page, "7", false));
        received = parts.store().read(tx -> tx.sharing().listNotices(
                new NoticeFilter(TestDirectory.HARBIN, null, null, null, 100, null)));
        envelopeJson = parts.store().read(tx -> tx.inbox(received.get(0).messageId())).orElseThrow().envelope().text();
    }

    @AfterEach
    void tearDown() {
        parts.close();
    }

    private VerifiedEnvelope verify(byte[] bytes) {
        return new EnvelopeVerifier(TestDirectory.trustStore(), clock, VerificationPolicy.ONLINE, StrictJson.defaults())
                .verify(bytes);
    }

    private ObjectNode tree() {
        return (ObjectNode) StrictJson.defaults().parse(envelopeJson.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_seven_notices_travel_in_one_envelope_signed_once_that_verifies_with_its_root() {
        assertThat(received).hasSize(7).extracting(NoticeRecord::messageId).containsOnly(received.get(0).messageId());
        Envelope e = verify(envelopeJson.getBytes(StandardCharsets.UTF_8)).envelope();
        PenaltyNoticeBatch batch = (PenaltyNoticeBatch) e.payload();
        assertThat(batch.notices()).hasSize(7);
        batch.verifyRoot();
        assertThat(e.signature().keyId()).isEqualTo("120000-test-ed25519");
    }

    @Test
    void a_notice_changed_in_transit_no_longer_hashes_to_the_signed_root() {
        ObjectNode t = tree();
        ((ObjectNode) t.get("payload").get("notices").get(3).get("enterprise")).put("name", "另一家公司");
        byte[] tampered = Canonicalizer.canonicalize(t);

        assertThatThrownBy(() -> verify(tampered)).isInstanceOfSatisfying(ContractException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_ROOT_MISMATCH));
    }

    @Test
    void a_root_changed_in_transit_breaks_the_signature() {
        ObjectNode t = tree();
        ((ObjectNode) t.get("payload")).put("treeRoot", "ab".repeat(32));
        byte[] tampered = Canonicalizer.canonicalize(t);

        assertThatThrownBy(() -> verify(tampered)).isInstanceOfSatisfying(ContractException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
    }

    @Test
    void a_notice_changed_under_a_valid_signature_but_not_in_the_root_is_refused_for_its_root() {
        ObjectNode t = tree();
        ((ObjectNode) t.get("payload").get("notices").get(3).get("penalty")).put("decisionDate", "2026-05-11");
        t.remove("signature");
        // a sender that signs whatever it holds without recomputing the root over it
        MessageSigner signer = TestKeys.member("120000", SignatureAlgorithm.ED25519).signer();
        t.set("signature", new SignatureBlock(signer.algorithm(), signer.keyId(),
                signer.sign(Canonicalizer.canonicalize(Envelope.signedView(t)))).toJson());
        byte[] signed = Canonicalizer.canonicalize(t);

        assertThatThrownBy(() -> verify(signed)).isInstanceOfSatisfying(ContractException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BATCH_ROOT_MISMATCH);
            assertThat(e.getMessage()).contains("hash to");
        });
    }

    @Test
    void each_notice_is_verifiable_alone_with_its_inclusion_proof_and_a_changed_notice_is_not() {
        ObjectNode t = tree();
        byte[] root = Digests.unhex(t.get("payload").get("treeRoot").asText());
        for (NoticeRecord n : received) {
            NoticeProof p = BatchProofs.proof(envelopeJson, n.leafIndex());
            byte[] item = Canonicalizer.canonicalize(t.get("payload").get("notices").get(n.leafIndex()));
            MerkleTree.verify(item, p.proof(), root);
            assertThat(p.proof().treeSize()).isEqualTo(7);
            assertThat(p.leafHash()).isEqualTo(Digests.hex(MerkleTree.leafHash(item)));
            // the proof as handed out holds the signed head: the notice is verified with nothing else
            JsonNode head = StrictJson.defaults().parse(p.signedHead().getBytes(StandardCharsets.UTF_8));
            assertThat(head.get("payload").has("notices")).isFalse();
            assertThat(new EnvelopeVerifier(TestDirectory.trustStore(), clock).verifyNotice(head, item, p.proof()))
                    .isEqualTo(TestDirectory.TIANJIN);
        }
        NoticeProof third = BatchProofs.proof(envelopeJson, 3);
        ObjectNode changed = (ObjectNode) t.get("payload").get("notices").get(3).deepCopy();
        changed.put("summary", "改过的违法事实");
        assertThatThrownBy(() -> MerkleTree.verify(Canonicalizer.canonicalize(changed), third.proof(), root))
                .isInstanceOfSatisfying(ContractException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_ROOT_MISMATCH));
    }
}
