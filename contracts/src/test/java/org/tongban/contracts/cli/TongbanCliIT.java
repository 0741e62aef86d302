package org.tongban.contracts.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged tool, run as partners run it: {@code java -jar target/tongban-contracts-*-cli.jar}
 * in its own process, on a golden vector and on a tampered copy. Runs in the integration-test
 * phase, after the shaded jar is built.
 */
class TongbanCliIT {
    private static final Path GOLDEN = Path.of("golden-vectors");
    private static Path jar;

    @TempDir
    Path tmp;

    record Result(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("tongban-contracts-.*-cli\\.jar")).toList();
            assertThat(jars).as("the shaded CLI jar in target/ (mvn package)").hasSize(1);
            jar = jars.get(0);
        }
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result verify(Path file) throws IOException, InterruptedException {
        return run("verify", "--directory", GOLDEN.resolve("directory.json").toString(),
                "--anchor", GOLDEN.resolve("anchor.json").toString(), "--at", "2026-11-20T09:30:00+08:00", file.toString());
    }

    @Test
    void the_jar_accepts_a_golden_vector_with_exit_0() throws Exception {
        Result r = verify(GOLDEN.resolve("RepairApplication.sm2.json"));

        assertThat(r.exit()).as(r.stderr()).isEqualTo(0);
        assertThat(r.stdout()).startsWith("OK RepairApplication ").contains("230100-test-sm2");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void the_jar_refuses_a_tampered_copy_with_exit_1_and_the_stable_code() throws Exception {
        String text = Files.readString(GOLDEN.resolve("RepairApplication.ed25519.json"), StandardCharsets.UTF_8);
        Path tampered = tmp.resolve("RepairApplication.tampered.json");
        Files.writeString(tampered, text.replace("\"size\":284113", "\"size\":284114"), StandardCharsets.UTF_8);

        Result r = verify(tampered);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("SIGNATURE_INVALID: ").contains("/signature/value");
        assertThat(r.stderr().strip().lines()).hasSize(1);
    }

    @Test
    void the_jar_reports_a_usage_error_with_exit_2() throws Exception {
        Result r = run("verify");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("usage: tongban verify");
    }
}
