package org.tongban.contracts.json;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Numbers in canonical form are printed as ECMAScript's {@code Number.prototype.toString}
 * (ECMA-262 §7.1.12.1; RFC 8785 §3.2.2.3). The expected texts below are what a JavaScript engine
 * prints for the same value.
 */
class NumberCanonicalizationTest {

    /** Canonical text of one JSON number given as JSON text. */
    private static String canonical(String jsonNumber) {
        return new String(Canonicalizer.canonicalize(jsonNumber.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    @Nested
    class Known_values {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "1e21                    | 1e+21",
                "1E21                    | 1e+21",
                "1e20                    | 100000000000000000000",
                "100000000000000000000   | 100000000000000000000",
                "123456789012345680000   | 123456789012345680000",
                "0.000001                | 0.000001",
                "1e-6                    | 0.000001",
                "1e-7                    | 1e-7",
                "0.0000001               | 1e-7",
                "-0                      | 0",
                "-0.0                    | 0",
                "0.0                     | 0",
                "0e10                    | 0",
                "5e-324                  | 5e-324",
                "4.9e-324                | 5e-324",
                "2.2250738585072014e-308 | 2.2250738585072014e-308",
                "1.7976931348623157e308  | 1.7976931348623157e+308",
                "-1.7976931348623157e308 | -1.7976931348623157e+308",
                "9007199254740992        | 9007199254740992",
                "9007199254740991        | 9007199254740991",
                "-9007199254740991       | -9007199254740991",
                "9007199254740993        | 9007199254740992",
                "9007199254740994        | 9007199254740994",
                "9007199254740995        | 9007199254740996",
                "18446744073709551616    | 18446744073709552000",
                "0.30000000000000004     | 0.30000000000000004",
                "0.1                     | 0.1",
                "123e-20                 | 1.23e-18",
                "1e23                    | 1e+23",
                "4.50                    | 4.5",
                "2e-3                    | 0.002",
                "1E30                    | 1e+30",
                "333333333.33333329      | 333333333.3333333",
                "1.0                     | 1",
                "-1.5e-9                 | -1.5e-9",
                "123456.789e3            | 123456789",
                "0.1e1                   | 1",
                "100e-2                  | 1",
                "1.5e300                 | 1.5e+300",
                "7.120236347223045e-307  | 7.120236347223045e-307",
                "5.940911144672375e-213  | 5.940911144672375e-213",
        })
        void number_prints_as_ecmascript_does(String input, String expected) {
            assertThat(canonical(input)).isEqualTo(expected);
        }

        @Test
        void sum_of_one_tenth_and_two_tenths_prints_its_full_shortest_form() {
            assertThat(canonical(Double.toString(0.1 + 0.2))).isEqualTo("0.30000000000000004");
        }

        /** Sample lines of the upstream ES6 number test file ({@code vectors/jcs/README.upstream.md}). */
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "4340000000000001, 9007199254740994",
                "4340000000000002, 9007199254740996",
                "444b1ae4d6e2ef50, 1e+21",
                "3eb0c6f7a0b5ed8d, 0.000001",
                "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
                "8000000000000000, 0",
                "0000000000000000, 0",
        })
        void upstream_es6_samples(String ieeeHex, String expected) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));

            assertThat(canonical(Double.toString(d))).isEqualTo(expected);
        }

        @Test
        void numbers_keep_their_canonical_form_inside_structures() {
            assertThat(canonical("{\"b\":[1E2,-0.0,1e-7],\"a\":2.50}")).isEqualTo("{\"a\":2.5,\"b\":[100,0,1e-7]}");
        }
    }

    @Nested
    class Properties {
        /** ECMA-262 prints 1e-6 <= |x| < 1e21 without an exponent and everything else with one. */
        private final Pattern plain = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");
        private final Pattern exponent = Pattern.compile("-?[1-9](\\.[0-9]*[1-9])?e[+-][1-9][0-9]*");

        @Test
        void random_doubles_round_trip_in_their_shortest_closest_form() {
            Random rnd = new Random(8785);
            List<Double> values = new ArrayList<>(100_000);
            while (values.size() < 100_000) {
                double d = values.size() % 2 == 0
                        ? Double.longBitsToDouble(rnd.nextLong())
                        : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 12);
                if (!Double.isNaN(d) && !Double.isInfinite(d) && d != 0) {
                    values.add(d);
                }
            }
            checkAll(values);
        }

        @Test
        void every_power_of_two_is_printed_shortest() {
            // Below a power of two the gap to the next double is half the gap above it, the case
            // where rounding to the nearest decimal alone misses a shorter form that reads back.
            List<Double> values = new ArrayList<>();
            for (int e = -1074; e <= 1023; e++) {
                values.add(Math.scalb(1.0, e));
                values.add(-Math.scalb(1.0, e));
            }
            checkAll(values);
        }

        @Test
        void doubles_next_to_powers_of_ten_are_printed_shortest() {
            List<Double> values = new ArrayList<>();
            for (int e = -320; e <= 308; e++) {
                double d = Double.parseDouble("1e" + e);
                values.add(d);
                values.add(Math.nextUp(d));
                values.add(Math.nextDown(d));
            }
            values.removeIf(d -> d == 0 || Double.isInfinite(d));
            checkAll(values);
        }

        private void checkAll(List<Double> values) {
            // Canonicalize in arrays of 1,000 so that the parser and writer are exercised as in use.
            List<String> failures = new ArrayList<>();
            for (int from = 0; from < values.size(); from += 1000) {
                List<Double> chunk = values.subList(from, Math.min(values.size(), from + 1000));
                StringBuilder json = new StringBuilder("[");
                for (int i = 0; i < chunk.size(); i++) {
                    json.append(i == 0 ? "" : ",").append(Double.toString(chunk.get(i)));
                }
                String out = canonical(json.append(']').toString());
                String[] texts = out.substring(1, out.length() - 1).split(",");
                assertThat(texts).hasSameSizeAs(chunk);
                for (int i = 0; i < texts.length; i++) {
                    String problem = problemWith(chunk.get(i), texts[i]);
                    if (problem != null && failures.size() < 20) {
                        failures.add(chunk.get(i) + " -> " + texts[i] + ": " + problem);
                    }
                }
            }
            if (!failures.isEmpty()) {
                fail("numbers not in ECMAScript form:\n" + String.join("\n", failures));
            }
        }

        private String problemWith(double d, String text) {
            if (Double.parseDouble(text) != d) {
                return "does not read back as the same double";
            }
            double abs = Math.abs(d);
            boolean plainRange = abs >= 1e-6 && abs < 1e21;
            if (!(plainRange ? plain : exponent).matcher(text).matches()) {
                return "not in " + (plainRange ? "plain decimal" : "exponent") + " notation";
            }
            String digits = significantDigits(text);
            if (digits.length() > significantDigits(Double.toString(d)).length()) {
                return "more digits than Double.toString(" + Double.toString(d) + ")";
            }
            BigDecimal exact = new BigDecimal(abs);
            int k = digits.length();
            if (k > 1) {
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    BigDecimal shorter = exact.round(new MathContext(k - 1, mode));
                    if (shorter.doubleValue() == abs) {
                        return "not shortest: " + shorter + " reads back too";
                    }
                }
            }
            // Of the k-digit decimals that read back, ECMA-262 wants the one closest to the value.
            BigDecimal printed = new BigDecimal(text).abs();
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal other = exact.round(new MathContext(k, mode));
                if (other.doubleValue() == abs && other.subtract(exact).abs().compareTo(printed.subtract(exact).abs()) < 0) {
                    return "not closest: " + other + " is nearer";
                }
            }
            return null;
        }

        /** Digits of the mantissa without sign, point, leading and trailing zeros. */
        private String significantDigits(String text) {
            String mantissa = text.toLowerCase().split("e")[0].replace("-", "").replace(".", "");
            return mantissa.replaceAll("^0+", "").replaceAll("0+$", "");
        }
    }
}
