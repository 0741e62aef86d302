package org.tongban.contracts;

import org.junit.jupiter.api.Test;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void signs_and_verifies_a_repair_application_with_both_algorithms() {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            Envelope env = SampleMessages.envelope(SampleMessages.repairApplication());
            Envelope signed = new EnvelopeSigner(TestKeys.member("230100", alg).signer()).sign(env);
            byte[] wire = signed.canonicalBytes();
            System.out.println(new String(wire, StandardCharsets.UTF_8).length() + " chars");
            EnvelopeVerifier verifier = new EnvelopeVerifier(TestDirectory.trustStore(),
                    Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(5), ZoneOffset.UTC));
            VerifiedEnvelope v = verifier.verify(wire);
            assertThat(v.envelope()).isEqualTo(signed);
        }
    }

    @Test
    void every_sample_type_round_trips() {
        for (Envelope e : SampleMessages.everyType().values()) {
            Envelope signed = new EnvelopeSigner(TestKeys.member(e.from().value(), SignatureAlgorithm.ED25519).signer()).sign(e);
            EnvelopeVerifier verifier = new EnvelopeVerifier(TestDirectory.trustStore(),
                    Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(5 * 3600), ZoneOffset.UTC));
            assertThat(verifier.verify(signed.canonicalBytes()).envelope()).isEqualTo(signed);
        }
    }
}
