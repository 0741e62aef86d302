package org.tongban.contracts.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Attachment;
import org.tongban.contracts.message.ContractVersion;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MessageType;
import org.tongban.contracts.message.StatusQuery;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tongban.contracts.crypto.SignatureAlgorithm.ED25519;
import static org.tongban.contracts.crypto.SignatureAlgorithm.SM2_SM3;

/**
 * One test per stable refusal code of {@link EnvelopeVerifier}. Each starts from an envelope the
 * verifier accepts and changes one thing, so the code is shown to come from that change alone.
 */
class EnvelopeVerifierTest {
    private static final TrustStore DIRECTORY = TestDirectory.trustStore();
    private static final Instant SENT_AT = SampleMessages.SENT_AT.toInstant();
    private static final Instant SOON_AFTER = SENT_AT.plusSeconds(5);

    private static Envelope statusQuery() {
        return SampleMessages.envelope(new StatusQuery(true));
    }

    private static Envelope signed(Envelope e, KeyFile key) {
        return new EnvelopeSigner(key.signer()).sign(e);
    }

    private static Envelope signedByHarbin(Envelope e, SignatureAlgorithm alg) {
        return signed(e, TestKeys.member("230100", alg));
    }

    private static EnvelopeVerifier verifier(TrustStore trust, Instant now) {
        return new EnvelopeVerifier(trust, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static EnvelopeVerifier verifierAt(Instant now) {
        return verifier(DIRECTORY, now);
    }

    private static EnvelopeVerifier archiveVerifierAt(Instant now) {
        return new EnvelopeVerifier(DIRECTORY, Clock.fixed(now, ZoneOffset.UTC), VerificationPolicy.ARCHIVE,
                StrictJson.defaults());
    }

    private static ObjectNode tree(byte[] bytes) {
        return (ObjectNode) StrictJson.defaults().parse(bytes);
    }

    private static byte[] bytes(ObjectNode tree) {
        return Canonicalizer.canonicalize(tree);
    }

    private static void assertAccepted(EnvelopeVerifier v, byte[] document) {
        assertThatCode(() -> v.verify(document)).doesNotThrowAnyException();
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ContractException.class, e -> {
            assertThat(e.code()).as("code of %s", e.getMessage()).isEqualTo(code);
            assertThat(e.violations()).as("a single, precise violation").hasSize(1);
        });
    }

    private static void assertRefused(EnvelopeVerifier v, byte[] document, ErrorCode code) {
        assertRefused(() -> v.verify(document), code);
    }

    /** A trust store with the test directory's keys and members, plus some extra keys. */
    private record WithExtraKeys(TrustStore base, Map<String, KeyEntry> extra) implements TrustStore {
        @Override
        public Optional<KeyEntry> key(String keyId) {
            return extra.containsKey(keyId) ? Optional.of(extra.get(keyId)) : base.key(keyId);
        }

        @Override
        public boolean isMember(MemberId member) {
            return base.isMember(member);
        }
    }

    @Nested
    class Accepts {
        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void an_envelope_of_every_type_signed_by_its_sender(SignatureAlgorithm alg) {
            Map<MessageType, Envelope> samples = SampleMessages.everyType();
            assertThat(samples).hasSize(MessageType.values().length);
            for (Envelope unsigned : samples.values()) {
                Envelope signed = signed(unsigned, TestKeys.member(unsigned.from().value(), alg));
                byte[] wire = signed.canonicalBytes();

                VerifiedEnvelope v = verifierAt(unsigned.sentAt().toInstant().plusSeconds(60)).verify(wire);

                assertThat(v.envelope()).as(unsigned.type().wireName()).isEqualTo(signed);
                assertThat(v.signer().keyId()).isEqualTo(signed.signature().keyId());
                assertThat(v.signer().owner()).isEqualTo(unsigned.from());
                assertThat(v.canonicalBytes()).isEqualTo(wire);
                assertThat(v.sha256()).isEqualTo(Digests.sha256Hex(signed.canonicalBytes()))
                        .isNotEqualTo(Digests.sha256Hex(signed.signedBytes()));
            }
        }

        @Test
        void canonical_bytes_verify_as_their_parsed_document_does() {
            for (Envelope unsigned : SampleMessages.everyType().values()) {
                byte[] wire = signed(unsigned, TestKeys.member(unsigned.from().value(), ED25519)).canonicalBytes();
                EnvelopeVerifier verifier = verifierAt(unsigned.sentAt().toInstant().plusSeconds(60));

                VerifiedEnvelope fromBytes = verifier.verify(wire);
                VerifiedEnvelope fromTree = verifier.verify(StrictJson.defaults().parse(wire));

                assertThat(fromBytes.envelope()).as(unsigned.type().wireName()).isEqualTo(fromTree.envelope());
                assertThat(fromBytes.canonicalBytes()).isEqualTo(fromTree.canonicalBytes()).isEqualTo(wire)
                        .isNotSameAs(wire);
                assertThat(fromBytes.sha256()).isEqualTo(fromTree.sha256());
            }
        }

        @Test
        void the_hash_is_that_of_the_canonical_form_whatever_the_received_layout() {
            Envelope signed = signedByHarbin(statusQuery(), ED25519);
            byte[] pretty = signed.toJson().toPrettyString().getBytes(StandardCharsets.UTF_8);
            assertThat(pretty).isNotEqualTo(signed.canonicalBytes());

            VerifiedEnvelope v = verifierAt(SOON_AFTER).verify(pretty);

            assertThat(v.sha256()).isEqualTo(Digests.sha256Hex(signed.canonicalBytes()));
        }

        @Test
        void a_key_from_its_first_instant_and_a_message_at_the_edge_of_the_clock_skew() {
            KeyFile key = TestKeys.key("230100-from-sent-at", TestDirectory.HARBIN, ED25519, SampleMessages.SENT_AT,
                    SampleMessages.SENT_AT.plusYears(1));
            TrustStore trust = new WithExtraKeys(DIRECTORY, Map.of(key.keyId(), key.toKeyEntry()));
            byte[] wire = signed(statusQuery(), key).canonicalBytes();

            assertAccepted(verifier(trust, SENT_AT.minus(VerificationPolicy.DEFAULT_CLOCK_SKEW)), wire);
        }
    }

    @Nested
    class Signature {
        @Test
        void a_tampered_payload_is_signature_invalid() {
            byte[] wire = signedByHarbin(statusQuery(), ED25519).canonicalBytes();
            assertAccepted(verifierAt(SOON_AFTER), wire);
            ObjectNode t = tree(wire);
            ((ObjectNode) t.get("payload")).put("includeEvents", false);

            assertRefused(verifierAt(SOON_AFTER), bytes(t), ErrorCode.SIGNATURE_INVALID);
        }

        @Test
        void a_tampered_sm2_payload_is_signature_invalid() {
            Envelope app = SampleMessages.envelope(SampleMessages.repairApplication());
            byte[] wire = signedByHarbin(app, SM2_SM3).canonicalBytes();
            assertAccepted(verifierAt(SOON_AFTER), wire);
            String text = new String(wire, StandardCharsets.UTF_8).replace("284113", "284114");

            assertRefused(verifierAt(SOON_AFTER), text.getBytes(StandardCharsets.UTF_8), ErrorCode.SIGNATURE_INVALID);
        }

        @Test
        void a_valid_signature_of_another_message_is_signature_invalid() {
            Envelope a = signedByHarbin(statusQuery(), ED25519);
            Envelope b = signedByHarbin(SampleMessages.envelope(new StatusQuery(false)), ED25519);
            ObjectNode t = tree(a.canonicalBytes());
            t.set("signature", b.signature().toJson());

            assertRefused(verifierAt(SOON_AFTER), bytes(t), ErrorCode.SIGNATURE_INVALID);
        }

        @Test
        void an_unsigned_envelope_is_signature_missing() {
            byte[] unsigned = statusQuery().canonicalBytes();
            assertRefused(verifierAt(SOON_AFTER), unsigned, ErrorCode.SIGNATURE_MISSING);
            ObjectNode t = tree(unsigned);
            t.putNull("signature");
            assertRefused(verifierAt(SOON_AFTER), bytes(t), ErrorCode.SIGNATURE_MISSING);
        }

        @Test
        void an_algorithm_outside_the_federation_is_algorithm_unsupported() {
            ObjectNode t = tree(signedByHarbin(statusQuery(), ED25519).canonicalBytes());
            ((ObjectNode) t.get("signature")).put("alg", "RS256");

            assertRefused(verifierAt(SOON_AFTER), bytes(t), ErrorCode.ALGORITHM_UNSUPPORTED);
        }

        @Test
        void an_sm2_claim_for_an_ed25519_key_is_key_algorithm_mismatch() {
            ObjectNode t = tree(signedByHarbin(statusQuery(), ED25519).canonicalBytes());
            ((ObjectNode) t.get("signature")).put("alg", "SM2-SM3");

            assertRefused(verifierAt(SOON_AFTER), bytes(t), ErrorCode.KEY_ALGORITHM_MISMATCH);
        }
    }

    @Nested
    class Keys {
        @Test
        void a_key_outside_the_directory_is_key_unknown() {
            KeyFile stranger = TestKeys.key("230100-not-listed", TestDirectory.HARBIN, ED25519, TestKeys.VALID_FROM,
                    TestKeys.VALID_UNTIL);
            byte[] wire = signed(statusQuery(), stranger).canonicalBytes();

            assertRefused(verifierAt(SOON_AFTER), wire, ErrorCode.KEY_UNKNOWN);
            assertAccepted(verifier(new WithExtraKeys(DIRECTORY, Map.of(stranger.keyId(), stranger.toKeyEntry())),
                    SOON_AFTER), wire);
        }

        @Test
        void a_key_whose_window_excludes_sent_at_is_key_not_valid_at_sent_at() {
            KeyFile future = TestKeys.key("230100-2027", TestDirectory.HARBIN, ED25519,
                    OffsetDateTime.parse("2027-01-01T00:00:00+08:00"), OffsetDateTime.parse("2028-01-01T00:00:00+08:00"));
            KeyFile ended = TestKeys.key("230100-ended", TestDirectory.HARBIN, ED25519, TestKeys.VALID_FROM,
                    SampleMessages.SENT_AT); // validUntil is exclusive
            TrustStore trust = new WithExtraKeys(DIRECTORY,
                    Map.of(future.keyId(), future.toKeyEntry(), ended.keyId(), ended.toKeyEntry()));

            assertRefused(verifier(trust, SOON_AFTER), signed(statusQuery(), future).canonicalBytes(),
                    ErrorCode.KEY_NOT_VALID_AT_SENT_AT);
            assertRefused(verifier(trust, SOON_AFTER), signed(statusQuery(), ended).canonicalBytes(),
                    ErrorCode.KEY_NOT_VALID_AT_SENT_AT);
        }

        @Test
        void harbins_envelope_signed_with_hangzhous_key_is_key_not_owned_by_sender() {
            Envelope fromHarbin = statusQuery();
            assertThat(fromHarbin.from()).isEqualTo(TestDirectory.HARBIN);
            byte[] wire = signed(fromHarbin, TestKeys.member("330100", ED25519)).canonicalBytes();

            assertRefused(verifierAt(SOON_AFTER), wire, ErrorCode.KEY_NOT_OWNED_BY_SENDER);
        }

        @Test
        void a_validly_signed_envelope_to_a_stranger_is_member_unknown() {
            MemberId shanghai = MemberId.of("310000");
            assertThat(DIRECTORY.isMember(shanghai)).isFalse();
            Envelope toShanghai = SampleMessages.envelope(new StatusQuery(true), TestDirectory.HARBIN, shanghai);
            byte[] wire = signedByHarbin(toShanghai, SM2_SM3).canonicalBytes();

            assertRefused(verifierAt(SOON_AFTER), wire, ErrorCode.MEMBER_UNKNOWN);
        }
    }

    @Nested
    class Versions {
        @Test
        void a_signed_major_version_2_is_version_unsupported() {
            Envelope v1 = statusQuery();
            Envelope v2 = new Envelope(new ContractVersion(2, 0), v1.messageId(), v1.type(), v1.caseId(), v1.legId(),
                    v1.from(), v1.to(), v1.sentAt(), v1.expiresAt(), v1.inReplyTo(), v1.payload(), null);
            byte[] wire = signedByHarbin(v2, ED25519).canonicalBytes();
            assertThat(tree(wire).get("version").textValue()).isEqualTo("2.0");

            assertRefused(verifierAt(SOON_AFTER), wire, ErrorCode.VERSION_UNSUPPORTED);
        }

        @Test
        void a_version_edited_to_2_0_is_version_unsupported_before_the_signature_is_looked_at() {
            ObjectNode t = tree(signedByHarbin(statusQuery(), ED25519).canonicalBytes());
            t.put("version", "2.0");

            assertRefused(verifierAt(SOON_AFTER), bytes(t), ErrorCode.VERSION_UNSUPPORTED);
        }
    }

    @Nested
    class Times {
        private final byte[] wire = signedByHarbin(statusQuery(), ED25519).canonicalBytes();
        private final Instant expiresAt = SampleMessages.EXPIRES_AT.toInstant();

        @Test
        void after_expires_at_the_message_is_expired() {
            assertAccepted(archiveVerifierAt(expiresAt.minusSeconds(1)), wire);
            assertRefused(archiveVerifierAt(expiresAt), wire, ErrorCode.MESSAGE_EXPIRED);
            assertRefused(verifierAt(expiresAt), wire, ErrorCode.MESSAGE_EXPIRED);
            assertRefused(verifierAt(expiresAt.plus(Duration.ofDays(1))), wire, ErrorCode.MESSAGE_EXPIRED);
        }

        @Test
        void a_message_older_than_the_replay_window_is_outside_it() {
            Instant edge = SENT_AT.plus(VerificationPolicy.DEFAULT_REPLAY_WINDOW);
            assertAccepted(verifierAt(edge), wire);

            assertRefused(verifierAt(edge.plusSeconds(1)), wire, ErrorCode.MESSAGE_OUTSIDE_REPLAY_WINDOW);
        }

        @Test
        void a_message_from_the_future_beyond_the_clock_skew_is_outside_the_window() {
            Instant earliest = SENT_AT.minus(VerificationPolicy.DEFAULT_CLOCK_SKEW);
            assertAccepted(verifierAt(earliest), wire);

            assertRefused(verifierAt(earliest.minusSeconds(1)), wire, ErrorCode.MESSAGE_OUTSIDE_REPLAY_WINDOW);
        }

        @Test
        void the_archive_policy_has_no_replay_window_but_still_refuses_expired_messages() {
            assertRefused(verifierAt(SENT_AT.plus(Duration.ofDays(20))), wire, ErrorCode.MESSAGE_OUTSIDE_REPLAY_WINDOW);
            assertAccepted(archiveVerifierAt(SENT_AT.plus(Duration.ofDays(20))), wire);
            assertRefused(archiveVerifierAt(expiresAt.plusSeconds(1)), wire, ErrorCode.MESSAGE_EXPIRED);
        }
    }

    @Nested
    class Attachments {
        private final byte[] content = "%PDF-1.7 罚款缴纳凭证".getBytes(StandardCharsets.UTF_8);
        private final Attachment descriptor = new Attachment("m1", "罚款缴纳凭证.pdf", "application/pdf", content.length,
                Digests.sha256Hex(content), MaterialKind.PROOF_OF_FULFILMENT);

        @Test
        void the_signed_bytes_match() {
            assertThatCode(() -> EnvelopeVerifier.verifyAttachment(descriptor, content)).doesNotThrowAnyException();
        }

        @Test
        void other_bytes_of_the_same_size_are_attachment_hash_mismatch() {
            byte[] other = content.clone();
            other[0] ^= 1;
            assertRefused(() -> EnvelopeVerifier.verifyAttachment(descriptor, other), ErrorCode.ATTACHMENT_HASH_MISMATCH);
        }

        @Test
        void a_longer_or_shorter_file_is_attachment_hash_mismatch() {
            assertRefused(() -> EnvelopeVerifier.verifyAttachment(descriptor, Arrays.copyOf(content, content.length + 1)),
                    ErrorCode.ATTACHMENT_HASH_MISMATCH);
            assertRefused(() -> EnvelopeVerifier.verifyAttachment(descriptor, Arrays.copyOf(content, content.length - 1)),
                    ErrorCode.ATTACHMENT_HASH_MISMATCH);
            assertRefused(() -> EnvelopeVerifier.verifyAttachment(descriptor, new byte[0]),
                    ErrorCode.ATTACHMENT_HASH_MISMATCH);
        }
    }
}
