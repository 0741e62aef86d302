package org.tongban.contracts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.KeyFile;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * Canonicalize, sign and verify a typical RepairApplication envelope (about 2 KB: two contacts,
 * three materials, a deferred material, a statement), one thread. {@code bcVerifyOnly} is Bouncy
 * Castle's verification of the same signed bytes alone, the floor under {@code verify}.
 *
 * <p>Run: {@code mvn -B -q -pl contracts -Pjmh verify} (see contracts/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EnvelopeBenchmark {
    @Param({"Ed25519", "SM2-SM3"})
    public String algorithm;

    private Envelope unsigned;
    private JsonNode tree;
    private EnvelopeSigner signer;
    private EnvelopeVerifier verifier;
    private byte[] wire;
    private byte[] signedBytes;
    private byte[] signatureValue;
    private KeyFile key;

    @Setup
    public void setUp() {
        SignatureAlgorithm alg = SignatureAlgorithm.fromWireName(algorithm);
        key = TestKeys.member("230100", alg);
        unsigned = SampleMessages.envelope(SampleMessages.repairApplication());
        signer = new EnvelopeSigner(key.signer());
        Envelope signed = signer.sign(unsigned);
        wire = signed.canonicalBytes();
        tree = StrictJson.defaults().parse(wire);
        signedBytes = signed.signedBytes();
        signatureValue = signed.signature().value();
        verifier = new EnvelopeVerifier(TestDirectory.trustStore(),
                Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(60), ZoneOffset.UTC),
                VerificationPolicy.ONLINE, StrictJson.defaults());
    }

    /** Canonical bytes of a parsed envelope (RFC 8785). */
    @Benchmark
    public byte[] canonicalize() {
        return Canonicalizer.canonicalize(tree);
    }

    /** Strict parse of the wire bytes, then canonical form. */
    @Benchmark
    public byte[] parseAndCanonicalize() {
        return Canonicalizer.canonicalize(StrictJson.defaults().parse(wire));
    }

    /** Canonicalize and sign an envelope record. */
    @Benchmark
    public Envelope sign() {
        return signer.sign(unsigned);
    }

    /** Everything a receiver does: strict parse, canonical form, key lookup, signature, binding, time checks. */
    @Benchmark
    public VerifiedEnvelope verify() {
        return verifier.verify(wire);
    }

    /** Bouncy Castle alone on the same signed bytes: the floor under {@link #verify()}. */
    @Benchmark
    public boolean bcVerifyOnly() {
        return key.publicKey().verify(signedBytes, signatureValue);
    }
}
