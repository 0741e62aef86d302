package org.tongban.contracts.directory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.crypto.KeyEntry;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.MessageSigner;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.SignatureBlock;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The federation directory is taken only when the trust anchor signed exactly these bytes. */
class DirectorySignaturesTest {
    private static final TrustAnchor ANCHOR = TestKeys.anchor();
    private static final Instant IN_2026 = Instant.parse("2026-11-20T01:30:00Z");

    private static byte[] signedBytes() {
        return Canonicalizer.canonicalize(TestDirectory.signed().toJson());
    }

    private static ObjectNode tree(byte[] bytes) {
        return (ObjectNode) StrictJson.defaults().parse(bytes);
    }

    /** Signs a document tree with the anchor as it stands, bypassing the record's own checks. */
    private static byte[] signTree(ObjectNode unsignedTree, MessageSigner signer) {
        unsignedTree.remove("signature");
        byte[] covered = Canonicalizer.canonicalizeWithout(unsignedTree, Set.of("signature"));
        unsignedTree.set("signature", new SignatureBlock(signer.algorithm(), signer.keyId(), signer.sign(covered)).toJson());
        return Canonicalizer.canonicalize(unsignedTree);
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ContractException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    @Nested
    class Verification {
        @Test
        void a_directory_signed_by_the_anchor_round_trips() {
            FederationDirectory signed = TestDirectory.signed();

            FederationDirectory read = DirectorySignatures.verify(signedBytes(), ANCHOR, IN_2026);

            assertThat(read).isEqualTo(signed);
            assertThat(read.members()).hasSize(11);
            assertThat(read.nodes()).extracting(DirectoryNode::id).containsExactly("north", "east", "south");
            assertThat(read.signature().keyId()).isEqualTo("anchor-test");
        }

        @Test
        void the_signature_covers_the_document_as_received_whatever_its_layout() {
            byte[] pretty = TestDirectory.signed().toJson().toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(DirectorySignatures.verify(pretty, ANCHOR, IN_2026)).isEqualTo(TestDirectory.signed());
        }

        @Test
        void a_tampered_byte_is_signature_invalid() {
            String text = new String(signedBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).contains("\"slaProfile\":\"same-day\"");
            byte[] tampered = text.replace("\"slaProfile\":\"same-day\"", "\"slaProfile\":\"same-dax\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);

            assertRefused(() -> DirectorySignatures.verify(tampered, ANCHOR, IN_2026), ErrorCode.SIGNATURE_INVALID);
        }

        @Test
        void a_swapped_member_key_is_signature_invalid() {
            ObjectNode t = tree(signedBytes());
            ObjectNode harbinKey = (ObjectNode) t.get("members").get(0).get("keys").get(0);
            harbinKey.put("publicKey", TestKeys.member("330100", SignatureAlgorithm.ED25519).publicKey().toBase64Url());

            assertRefused(() -> DirectorySignatures.verify(Canonicalizer.canonicalize(t), ANCHOR, IN_2026),
                    ErrorCode.SIGNATURE_INVALID);
        }

        @Test
        void a_directory_signed_by_a_member_key_is_key_unknown() {
            MessageSigner harbin = TestKeys.member("230100", SignatureAlgorithm.ED25519).signer();
            byte[] doc = Canonicalizer.canonicalize(DirectorySignatures.sign(TestDirectory.unsigned(), harbin).toJson());

            assertRefused(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026), ErrorCode.KEY_UNKNOWN);
        }

        @Test
        void a_directory_signed_by_another_key_under_the_anchors_id_is_signature_invalid() {
            KeyFile impostor = TestKeys.key("anchor-test-impostor", null, SignatureAlgorithm.ED25519, TestKeys.VALID_FROM,
                    TestKeys.VALID_UNTIL);
            MessageSigner sameIdOtherKey = new org.tongban.contracts.crypto.SoftwareSigner("anchor-test", impostor.privateKey());
            byte[] doc = Canonicalizer.canonicalize(DirectorySignatures.sign(TestDirectory.unsigned(), sameIdOtherKey).toJson());

            assertRefused(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026), ErrorCode.SIGNATURE_INVALID);
        }

        @Test
        void an_unsigned_directory_is_signature_missing() {
            byte[] doc = Canonicalizer.canonicalize(TestDirectory.unsigned().toJson());
            assertRefused(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026), ErrorCode.SIGNATURE_MISSING);
        }

        @Test
        void a_null_signature_is_signature_missing_as_for_envelopes() {
            ObjectNode t = tree(signedBytes());
            t.putNull("signature");
            assertRefused(() -> DirectorySignatures.verify(Canonicalizer.canonicalize(t), ANCHOR, IN_2026),
                    ErrorCode.SIGNATURE_MISSING);
        }

        @Test
        void a_directory_past_its_validity_is_directory_expired() {
            Instant validUntil = TestDirectory.signed().validUntil().toInstant();
            DirectorySignatures.verify(signedBytes(), ANCHOR, validUntil.minusSeconds(1));

            assertRefused(() -> DirectorySignatures.verify(signedBytes(), ANCHOR, validUntil), ErrorCode.DIRECTORY_EXPIRED);
        }

        @Test
        void a_directory_issued_outside_the_anchors_validity_is_key_not_valid_at_sent_at() {
            FederationDirectory d = TestDirectory.unsigned();
            FederationDirectory early = new FederationDirectory(d.federation(), d.serial(),
                    OffsetDateTime.parse("2025-06-01T00:00:00+08:00"), d.validUntil(), d.nodes(), d.members(), null);
            byte[] doc = Canonicalizer.canonicalize(DirectorySignatures.sign(early, TestKeys.anchorKey().signer()).toJson());

            assertRefused(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026), ErrorCode.KEY_NOT_VALID_AT_SENT_AT);
        }
    }

    @Nested
    class Consistency {
        private ObjectNode unsignedTree() {
            ObjectNode t = TestDirectory.unsigned().toJson();
            t.remove("signature");
            return t;
        }

        @Test
        void a_member_listed_twice_is_directory_invalid_even_when_signed() {
            ObjectNode t = unsignedTree();
            ArrayNode members = (ArrayNode) t.get("members");
            ObjectNode copy = members.get(0).deepCopy();
            ((ArrayNode) copy.get("keys")).removeAll(); // no key id clash: only the member id repeats
            ((ArrayNode) copy.get("keys")).add(keyNode("230100-extra"));
            members.add(copy);
            byte[] doc = signTree(t, TestKeys.anchorKey().signer());

            assertRefused(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026), ErrorCode.DIRECTORY_INVALID);
            assertRefused(() -> withMembers(withExtra(TestDirectory.unsigned().members(), TestDirectory.unsigned().members().get(0))),
                    ErrorCode.DIRECTORY_INVALID);
        }

        @Test
        void a_serial_beyond_the_exact_range_of_the_canonical_form_is_refused() {
            ObjectNode t = unsignedTree();
            t.put("serial", 1L << 53); // prints as 9007199254740992, the same canonical bytes as 2^53 + 1
            byte[] doc = signTree(t, TestKeys.anchorKey().signer());
            ObjectNode highest = unsignedTree();
            highest.put("serial", (1L << 53) - 1);

            assertThatThrownBy(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026)).isInstanceOfSatisfying(
                    ContractException.class, e -> assertThat(e.violations()).extracting(v -> v.pointer())
                            .contains("/serial"));
            assertThat(DirectorySignatures.verify(signTree(highest, TestKeys.anchorKey().signer()), ANCHOR, IN_2026)
                    .serial()).isEqualTo((1L << 53) - 1);
        }

        @Test
        void a_key_id_used_twice_is_directory_invalid() {
            ObjectNode t = unsignedTree();
            ObjectNode tianjinKey = (ObjectNode) t.get("members").get(1).get("keys").get(0);
            tianjinKey.put("keyId", "230100-test-ed25519");
            byte[] doc = signTree(t, TestKeys.anchorKey().signer());

            assertRefused(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026), ErrorCode.DIRECTORY_INVALID);
        }

        @Test
        void a_member_on_an_unlisted_node_is_directory_invalid() {
            ObjectNode t = unsignedTree();
            ((ObjectNode) t.get("members").get(0)).put("node", "west");
            byte[] doc = signTree(t, TestKeys.anchorKey().signer());

            assertRefused(() -> DirectorySignatures.verify(doc, ANCHOR, IN_2026), ErrorCode.DIRECTORY_INVALID);
            DirectoryMember m = TestDirectory.unsigned().members().get(0);
            DirectoryMember west = new DirectoryMember(m.id(), m.name(), "west", m.keys(), m.contacts(), m.slaProfile());
            List<DirectoryMember> members = new ArrayList<>(TestDirectory.unsigned().members());
            members.set(0, west);
            assertRefused(() -> withMembers(members), ErrorCode.DIRECTORY_INVALID);
        }

        @Test
        void a_node_listed_twice_is_directory_invalid() {
            FederationDirectory d = TestDirectory.unsigned();
            List<DirectoryNode> nodes = new ArrayList<>(d.nodes());
            nodes.add(d.nodes().get(0));
            assertRefused(() -> new FederationDirectory(d.federation(), d.serial(), d.issuedAt(), d.validUntil(), nodes,
                    d.members(), null), ErrorCode.DIRECTORY_INVALID);
        }

        private ObjectNode keyNode(String keyId) {
            KeyFile k = TestKeys.key(keyId, MemberId.of("230100"), SignatureAlgorithm.ED25519, TestKeys.VALID_FROM,
                    TestKeys.VALID_UNTIL);
            return new DirectoryKey(k.keyId(), k.publicKey(), k.validFrom(), k.validUntil()).write().node();
        }

        private List<DirectoryMember> withExtra(List<DirectoryMember> members, DirectoryMember extra) {
            DirectoryMember renamedKeys = new DirectoryMember(extra.id(), extra.name(), extra.node(),
                    List.of(new DirectoryKey("230100-extra", extra.keys().get(0).key(), extra.keys().get(0).validFrom(),
                            extra.keys().get(0).validUntil())), extra.contacts(), extra.slaProfile());
            List<DirectoryMember> out = new ArrayList<>(members);
            out.add(renamedKeys);
            return out;
        }

        private FederationDirectory withMembers(List<DirectoryMember> members) {
            FederationDirectory d = TestDirectory.unsigned();
            return new FederationDirectory(d.federation(), d.serial(), d.issuedAt(), d.validUntil(), d.nodes(), members, null);
        }
    }

    @Nested
    class TrustStore {
        private final DirectoryTrustStore store = new DirectoryTrustStore(
                DirectorySignatures.verify(signedBytes(), ANCHOR, IN_2026));

        @Test
        void resolves_every_key_to_its_owning_member() {
            for (DirectoryMember m : store.directory().members()) {
                for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
                    KeyFile k = TestKeys.member(m.id().value(), alg);
                    KeyEntry e = store.key(k.keyId()).orElseThrow();
                    assertThat(e.owner()).isEqualTo(m.id());
                    assertThat(e.key()).isEqualTo(k.publicKey());
                    assertThat(e.validFrom()).isEqualTo(k.validFrom());
                    assertThat(e.validUntil()).isEqualTo(k.validUntil());
                }
            }
        }

        @Test
        void knows_the_members_and_nothing_else() {
            assertThat(store.isMember(TestDirectory.HANGZHOU)).isTrue();
            assertThat(store.isMember(TestDirectory.XIANNING)).isTrue();
            assertThat(store.isMember(MemberId.of("310000"))).isFalse();
            assertThat(store.key("anchor-test")).as("the anchor signs the directory, not messages").isEmpty();
            assertThat(store.key("310000-test-ed25519")).isEmpty();
        }
    }
}
