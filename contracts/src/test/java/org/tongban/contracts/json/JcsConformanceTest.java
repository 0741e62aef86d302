package org.tongban.contracts.json;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test vectors of RFC 8785's reference implementation (cyberphone/json-canonicalization,
 * Apache-2.0, see {@code vectors/jcs/LICENSE.upstream}), read from the test classpath.
 */
class JcsConformanceTest {
    private static final String ROOT = "vectors/jcs/";

    static List<String> vectorNames() {
        return namesIn(ROOT + "input");
    }

    private static List<String> namesIn(String dir) {
        URL url = JcsConformanceTest.class.getClassLoader().getResource(dir);
        assertThat(url).as("classpath directory %s", dir).isNotNull();
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = JcsConformanceTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("classpath resource %s", path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class Vectors {
        @Test
        void every_input_has_an_expected_output_and_there_are_vectors_at_all() {
            assertThat(vectorNames()).hasSizeGreaterThanOrEqualTo(6).isEqualTo(namesIn(ROOT + "output"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.tongban.contracts.json.JcsConformanceTest#vectorNames")
        void input_canonicalizes_to_exactly_the_expected_bytes(String name) {
            byte[] expected = resource(ROOT + "output/" + name);

            byte[] actual = Canonicalizer.canonicalize(resource(ROOT + "input/" + name));

            assertThat(new String(actual, StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(actual).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.tongban.contracts.json.JcsConformanceTest#vectorNames")
        void canonical_output_is_a_fixed_point(String name) {
            byte[] expected = resource(ROOT + "output/" + name);

            assertThat(Canonicalizer.canonicalize(expected)).isEqualTo(expected);
        }
    }
}
