package org.tongban.contracts.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.contracts.id.CreditCode;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.message.Enterprise;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyReference;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/**
 * The canonical bytes of one penalty notice, the leaf a batch's hash tree holds for it: written
 * directly ({@code direct}, what {@code PenaltyNoticeBatch.build} does) against building the
 * notice's JSON tree and canonicalizing it ({@code viaTree}, what it did before). A sending node
 * makes one per shared notice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class NoticeLeafBenchmark {
    private final PenaltyNotice notice = notice();

    private static PenaltyNotice notice() {
        String first17 = "91230100000123456";
        return new PenaltyNotice(new Enterprise(CreditCode.of(first17 + CreditCode.checkCharacter(first17)), "生成企业123456"),
                new PenaltyReference("330100生罚〔2026〕123456号", "综合行政执法局", MemberId.of("330100"),
                        LocalDate.of(2026, 5, 10), PenaltyCategory.GENERAL, "cn-2025"),
                "超限运输", LocalDate.of(2026, 5, 15));
    }

    @Benchmark
    public byte[] direct() {
        return notice.canonicalBytes();
    }

    @Benchmark
    public byte[] viaTree() {
        return Canonicalizer.canonicalize(notice.toJson());
    }
}
