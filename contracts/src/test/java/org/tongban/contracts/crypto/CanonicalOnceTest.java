package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.json.CanonicalJson;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.IdentityHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Canonical bytes computed once and reused (a batch's notices for its tree and its signature;
 * the signed form while signing; the leaves while verifying) are the bytes computed afresh.
 */
class CanonicalOnceTest {
    private final EnvelopeSigner hangzhou = new EnvelopeSigner(
            TestKeys.member(TestDirectory.HANGZHOU.value(), SignatureAlgorithm.ED25519).signer());

    @Test
    void a_tree_holding_canonical_bytes_canonicalizes_as_the_tree_they_came_from() {
        ObjectNode tree = SampleMessages.everyType().get(MessageType.REPAIR_APPLICATION).toJson();
        byte[] expected = Canonicalizer.canonicalize(tree);
        ObjectNode spliced = tree.deepCopy();
        spliced.set("payload", CanonicalJson.node(Canonicalizer.canonicalize(tree.get("payload"))));

        assertThat(Canonicalizer.canonicalize(spliced)).isEqualTo(expected);
    }

    @Test
    void signing_with_bytes_gives_the_signature_and_the_canonical_form_of_plain_signing() {
        for (Envelope unsigned : SampleMessages.everyType().values()) {
            EnvelopeSigner signer = new EnvelopeSigner(
                    TestKeys.member(unsigned.from().value(), SignatureAlgorithm.ED25519).signer());
            Envelope plain = signer.sign(unsigned);
            SignedEnvelope withBytes = signer.signWithBytes(unsigned);

            assertThat(withBytes.envelope()).as(unsigned.type().wireName()).isEqualTo(plain); // Ed25519 is deterministic
            assertThat(withBytes.canonical()).as(unsigned.type().wireName()).isEqualTo(plain.canonicalBytes());
        }
    }

    @Test
    void a_batch_built_once_has_the_root_bytes_and_signature_of_a_batch_built_plainly() {
        Envelope sample = SampleMessages.everyType().get(MessageType.PENALTY_NOTICE_BATCH);
        PenaltyNoticeBatch plainBatch = (PenaltyNoticeBatch) sample.payload();
        PenaltyNoticeBatch.Built built = PenaltyNoticeBatch.build(plainBatch.batchId(), plainBatch.notices());

        assertThat(built.batch()).isEqualTo(plainBatch);
        Envelope plain = hangzhou.sign(sample);
        SignedEnvelope once = hangzhou.signWithBytes(sample, built.payloadJson());
        assertThat(once.envelope()).isEqualTo(plain);
        assertThat(once.canonical()).isEqualTo(plain.canonicalBytes());

        VerifiedEnvelope verified = new EnvelopeVerifier(TestDirectory.trustStore(),
                Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(60), ZoneOffset.UTC))
                .verify(once.canonical());
        assertThat(verified.envelope()).isEqualTo(plain);
    }

    @Test
    void the_items_captured_while_splitting_are_their_canonical_bytes() {
        Envelope signed = hangzhou.sign(SampleMessages.everyType().get(MessageType.PENALTY_NOTICE_BATCH));
        JsonNode tree = StrictJson.defaults().parse(signed.canonicalBytes());
        Map<JsonNode, byte[]> capture = new IdentityHashMap<>();
        JsonNode notices = tree.get("payload").get("notices");
        notices.forEach(n -> capture.put(n, null));

        Canonicalizer.Split split = Canonicalizer.split(tree, Envelope.SIGNATURE_MEMBER, capture);

        assertThat(split.whole()).isEqualTo(signed.canonicalBytes());
        assertThat(capture).hasSize(2);
        for (JsonNode n : notices) {
            assertThat(capture.get(n)).isEqualTo(Canonicalizer.canonicalize(n));
        }
    }

    @Test
    void a_batch_whose_notice_was_changed_after_signing_is_refused_on_its_root() {
        Envelope signed = hangzhou.sign(SampleMessages.everyType().get(MessageType.PENALTY_NOTICE_BATCH));
        PenaltyNotice first = ((PenaltyNoticeBatch) signed.payload()).notices().get(0);
        PenaltyNotice changed = new PenaltyNotice(first.enterprise(), first.penalty(), "另一项违法事实", first.publishedOn());
        ObjectNode json = signed.toJson();
        ((ArrayNode) json.get("payload").get("notices")).set(0, changed.toJson());
        // the signature covers the batch's head, which is unchanged: the notices no longer hash to its root
        assertThat(Envelope.signedView(json)).isEqualTo(Envelope.signedView(signed.toJson()));

        assertThatThrownBy(() -> new EnvelopeVerifier(TestDirectory.trustStore(),
                Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(60), ZoneOffset.UTC))
                .verify(Canonicalizer.canonicalize(json)))
                .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.code()).containsExactly(ErrorCode.BATCH_ROOT_MISMATCH));
    }

    @Test
    void a_batch_whose_root_was_changed_is_refused_on_its_signature() {
        Envelope signed = hangzhou.sign(SampleMessages.everyType().get(MessageType.PENALTY_NOTICE_BATCH));
        ObjectNode json = signed.toJson();
        ((ObjectNode) json.get("payload")).put("treeRoot", "0".repeat(64));

        assertThatThrownBy(() -> new EnvelopeVerifier(TestDirectory.trustStore(),
                Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(60), ZoneOffset.UTC))
                .verify(Canonicalizer.canonicalize(json)))
                .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.SIGNATURE_INVALID));
    }
}
