package org.tongban.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tongban.contracts.error.Violation;
import org.tongban.contracts.json.StrictJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden vectors in {@code contracts/golden-vectors/} (signed {@code *.json} and unsigned
 * {@code *.unsigned.json} examples) validate against the schema their content names: an envelope
 * (member {@code contract}), a federation directory ({@code format}) or a key file
 * ({@code publicKey}). The folder is discovered when the test runs; when it is absent the test is
 * skipped, and files that are none of the three (a manifest, say) are skipped one by one.
 *
 * <p>A file whose path names it negative ({@code invalid}, {@code negative}, {@code reject},
 * {@code tamper}) may be refused by the codec, or be well-formed and fail only verification; for
 * those only the rule that always holds is checked: what the schema refuses, the codec refuses.
 */
class GoldenVectorSchemaTest {
    static final Path VECTORS = Path.of("golden-vectors");
    private static final Pattern NEGATIVE = Pattern.compile("invalid|negative|reject|tamper");

    @TestFactory
    Stream<DynamicTest> every_golden_vector_validates_against_its_schema() throws IOException {
        if (!Files.isDirectory(VECTORS)) {
            return skipped("contracts/golden-vectors/ is absent (it is produced separately); no vector to check");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(VECTORS)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            return skipped("contracts/golden-vectors/ holds no .json file yet");
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(VECTORS.relativize(f).toString(), () -> check(f)));
    }

    /** One test that reports itself skipped with the reason, so that the note shows in the test report. */
    private static Stream<DynamicTest> skipped(String reason) {
        return Stream.of(DynamicTest.dynamicTest("golden vectors", () -> Assumptions.abort(reason)));
    }

    private static void check(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        boolean negative = NEGATIVE.matcher(VECTORS.relativize(file).toString().toLowerCase(Locale.ROOT)).find();
        JsonNode document;
        try {
            document = StrictJson.defaults().parse(bytes);
        } catch (RuntimeException e) {
            assertThat(negative).as("%s is not strict JSON: %s", file, e.getMessage()).isTrue();
            return;
        }
        Codec codec = codecFor(document);
        Assumptions.assumeTrue(codec != null, file + " is not an envelope, a directory or a key file; no schema applies");
        if (codec == Codec.ENVELOPE) {
            String version = document.path("version").asText();
            Assumptions.assumeTrue(version.equals("1.0"), file + " declares version " + version
                    + "; the schema describes exactly 1.0");
        }
        List<String> schemaErrors = ContractSchemas.errors(codec.schemaFile(), document);
        List<Violation> violations = codec.violations(bytes);
        if (negative) {
            if (!schemaErrors.isEmpty()) {
                assertThat(violations).as("the schema refuses %s %s, so must the codec", file, schemaErrors).isNotEmpty();
            }
            return;
        }
        assertThat(schemaErrors).as("%s against %s", file, codec.schemaFile()).isEmpty();
        assertThat(violations).as("%s read by the codec", file).isEmpty();
    }

    private static Codec codecFor(JsonNode document) {
        if (!document.isObject()) {
            return null;
        }
        if (document.has("contract")) {
            return Codec.ENVELOPE;
        }
        if (document.has("format")) {
            return Codec.DIRECTORY;
        }
        if (document.has("publicKey") && document.has("alg")) {
            return Codec.KEY_FILE;
        }
        return null;
    }
}
