package org.tongban.contracts.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.contracts.crypto.EnvelopeSigner;
import org.tongban.contracts.crypto.EnvelopeVerifier;
import org.tongban.contracts.crypto.SignatureAlgorithm;
import org.tongban.contracts.crypto.VerificationPolicy;
import org.tongban.contracts.crypto.VerifiedEnvelope;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MessageId;
import org.tongban.contracts.json.StrictJson;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.Envelope;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.testing.SampleMessages;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.contracts.testing.TestKeys;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a home node does with each received {@code PenaltyNoticeBatch} of 2,000 notices (about
 * 560 KB, Ed25519) before storing it: strict parse, signature over the batch's head, every
 * notice bound and hashed into the tree checked against the signed root, key and time checks.
 * One operation is one batch: notices per second are the score times 2,000.
 *
 * <p>Run: {@code mvn -B -q -pl contracts -Pjmh verify -Djmh.args="BatchVerifyBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BatchVerifyBenchmark {
    static final int NOTICES = 2000;

    private EnvelopeVerifier verifier;
    private byte[] wire;
    private final StrictJson json = StrictJson.defaults();

    @Setup
    public void setUp() {
        List<PenaltyNotice> notices = new ArrayList<>(NOTICES);
        for (int i = 0; i < NOTICES; i++) {
            String serial = Integer.toString(1_000_000 + i);
            String first17 = "91230102" + String.format("%09d", 1_000_000 + i);
            notices.add(new PenaltyNotice(new Enterprise(CreditCode.of(first17 + CreditCode.checkCharacter(first17)),
                    "生成企业" + i), new PenaltyReference("330100生罚〔2026〕" + serial + "号", "综合行政执法局",
                    TestDirectory.HANGZHOU, LocalDate.of(2026, 5, 10), PenaltyCategory.GENERAL, "cn-2025"),
                    "超限运输", LocalDate.of(2026, 5, 15)));
        }
        Envelope unsigned = Envelope.unsigned(MessageId.parse("019aa1b2-c3d4-7e63-8a6b-7c8d9e0f1a2f"), null, null,
                TestDirectory.HANGZHOU, TestDirectory.HARBIN, SampleMessages.SENT_AT, SampleMessages.EXPIRES_AT, null,
                PenaltyNoticeBatch.of("hz-feed-bench", notices));
        wire = new EnvelopeSigner(TestKeys.member(TestDirectory.HANGZHOU.value(), SignatureAlgorithm.ED25519).signer()).sign(unsigned)
                .canonicalBytes();
        verifier = new EnvelopeVerifier(TestDirectory.trustStore(),
                Clock.fixed(SampleMessages.SENT_AT.toInstant().plusSeconds(60), ZoneOffset.UTC),
                VerificationPolicy.ONLINE, StrictJson.defaults());
    }

    /** From the bytes received, which are canonical: the leaves and the kept bytes are ranges of them. */
    @Benchmark
    public VerifiedEnvelope verify() {
        return verifier.verify(wire);
    }

    /** From the parsed document: the leaves and the kept bytes are written again from the tree. */
    @Benchmark
    public VerifiedEnvelope verifyParsed() {
        return verifier.verify(json.parse(wire));
    }
}
