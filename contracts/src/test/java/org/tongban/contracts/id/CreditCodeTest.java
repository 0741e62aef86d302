package org.tongban.contracts.id;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditCodeTest {
    /** The 31 characters of GB 32100-2015, in value order (no I, O, Z, S, V). */
    private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** The weights printed in GB 32100-2015 table 2: 3^(i-1) mod 31. */
    private static final int[] STANDARD_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Check character by the formula of GB 32100-2015 §5: C18 = 31 − (Σ Ci·Wi mod 31), 31 → 0. */
    private static char standardCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARS.indexOf(first17.charAt(i)) * STANDARD_WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CHARS.charAt(c == 31 ? 0 : c);
    }

    private static String withCheck(String first17) {
        return first17 + standardCheck(first17);
    }

    /** Each code of {@code domain/uscc-examples.txt} with the heading it is listed under. */
    static Stream<Arguments> examples() {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = CreditCodeTest.class.getClassLoader().getResourceAsStream("domain/uscc-examples.txt")) {
            assertThat(in).as("domain/uscc-examples.txt on the test classpath").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String heading = null;
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.startsWith("#")) {
                    heading = line.substring(1).strip();
                } else if (!line.isEmpty()) {
                    assertThat(heading).as("a code before any heading").isNotNull();
                    out.add(Arguments.of(line, heading));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream();
    }

    @Nested
    class Examples_file {
        @Test
        void lists_both_valid_and_invalid_codes() {
            List<String> headings = examples().map(a -> (String) a.get()[1]).distinct().toList();

            assertThat(headings).anyMatch(h -> h.startsWith("valid")).anyMatch(h -> h.startsWith("invalid"));
        }

        @ParameterizedTest(name = "{0} ({1})")
        @MethodSource("org.tongban.contracts.id.CreditCodeTest#examples")
        void each_code_is_judged_as_its_heading_says(String code, String heading) {
            boolean expectedValid = heading.startsWith("valid");

            assertThat(CreditCode.isValid(code)).isEqualTo(expectedValid);
            if (expectedValid) {
                assertThat(CreditCode.problemWith(code)).isNull();
                assertThat(CreditCode.of(code).value()).isEqualTo(code);
                assertThat(code.charAt(17)).as("check character by the standard's formula")
                        .isEqualTo(standardCheck(code.substring(0, 17)));
            } else {
                assertThat(CreditCode.problemWith(code)).isNotBlank();
                assertThatThrownBy(() -> CreditCode.of(code)).isInstanceOfSatisfying(ContractException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CREDIT_CODE_INVALID);
                    assertThat(e.violations().get(0).detail()).isEqualTo(CreditCode.problemWith(code));
                });
            }
        }
    }

    @Nested
    class Problem_texts {
        @Test
        void wrong_check_character_names_the_right_one() {
            assertThat(CreditCode.problemWith("91330100716105852E")).contains("'E'").contains("'F'")
                    .contains("check character");
        }

        @Test
        void letter_outside_the_alphabet_names_the_letter_and_its_position() {
            assertThat(CreditCode.problemWith("9133010071610585IF")).contains("'I'").contains("position 17");
        }

        @ParameterizedTest
        @ValueSource(strings = {"O", "Z", "S", "V"})
        void every_letter_the_standard_leaves_out_is_refused(String letter) {
            String code = "91330100716105852" + letter;

            assertThat(CreditCode.problemWith(code)).contains("'" + letter + "'").contains("position 18");
        }

        @Test
        void lower_case_letters_are_refused_with_a_hint() {
            assertThat(CreditCode.isValid("91350100m000100y43")).isFalse();
            assertThat(CreditCode.problemWith("91350100m000100y43")).contains("'m'").contains("upper case");
            assertThat(CreditCode.isValid("91330100716105852f")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "9", "91330100716105852", "91330100716105852FF", "913301007161058520000000"})
        void wrong_lengths_are_refused_with_the_length_given(String code) {
            assertThat(CreditCode.problemWith(code)).contains("18 characters").contains("has " + code.length());
            assertThatThrownBy(() -> CreditCode.of(code)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDIT_CODE_INVALID));
        }

        @Test
        void null_is_refused_with_a_problem_not_an_npe() {
            assertThat(CreditCode.isValid(null)).isFalse();
            assertThat(CreditCode.problemWith(null)).isNotBlank();
            assertThatThrownBy(() -> CreditCode.of(null)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDIT_CODE_INVALID));
        }

        @Test
        void whitespace_around_a_valid_code_is_not_trimmed_silently() {
            assertThat(CreditCode.isValid(" 91330100716105852F")).isFalse();
            assertThat(CreditCode.isValid("91330100716105852F\n")).isFalse();
        }

        @Test
        void letters_in_the_division_positions_are_refused_even_with_a_matching_check() {
            String code = withCheck("91A30100716105852");

            assertThat(CreditCode.problemWith(code)).contains("division code");
        }
    }

    @Nested
    class Check_character {
        @ParameterizedTest
        @ValueSource(strings = {"91330100716105852F", "91110000802100433B", "91440300708461136T", "91350100M000100Y43"})
        void check_character_of_known_codes_is_their_last_character(String code) {
            assertThat(CreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(code.charAt(17));
        }

        @Test
        void agrees_with_the_standard_formula_on_random_prefixes() {
            Random rnd = new Random(32100);
            for (int n = 0; n < 5_000; n++) {
                StringBuilder sb = new StringBuilder("9");
                sb.append(CHARS.charAt(1 + rnd.nextInt(9)));
                sb.append(1 + rnd.nextInt(9));
                for (int i = 0; i < 5; i++) {
                    sb.append(rnd.nextInt(10));
                }
                for (int i = 0; i < 9; i++) {
                    sb.append(CHARS.charAt(rnd.nextInt(31)));
                }
                String first17 = sb.toString();
                char check = CreditCode.checkCharacter(first17);

                assertThat(check).as(first17).isEqualTo(standardCheck(first17));
                assertThat(CreditCode.isValid(first17 + check)).as(first17).isTrue();
            }
        }

        @Test
        void any_single_substituted_character_is_detected() {
            for (String code : List.of("91330100716105852F", "91350100M000100Y43", "91440300708461136T")) {
                for (int pos = 0; pos < 18; pos++) {
                    for (char c : CHARS.toCharArray()) {
                        if (c == code.charAt(pos)) {
                            continue;
                        }
                        String altered = code.substring(0, pos) + c + code.substring(pos + 1);
                        assertThat(CreditCode.isValid(altered)).as(altered).isFalse();
                    }
                }
            }
        }

        @Test
        void a_check_value_of_31_becomes_zero() {
            // Find a prefix whose weighted sum is a multiple of 31; its check character must be '0'.
            Random rnd = new Random(31);
            String first17;
            do {
                StringBuilder sb = new StringBuilder("91330100");
                for (int i = 0; i < 9; i++) {
                    sb.append(CHARS.charAt(rnd.nextInt(31)));
                }
                first17 = sb.toString();
            } while (weightedSum(first17) % 31 != 0);

            assertThat(CreditCode.checkCharacter(first17)).isEqualTo('0');
            assertThat(CreditCode.isValid(first17 + '0')).isTrue();
        }

        private int weightedSum(String first17) {
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += CHARS.indexOf(first17.charAt(i)) * STANDARD_WEIGHTS[i];
            }
            return sum;
        }

        @Test
        void refuses_prefixes_that_are_not_seventeen_alphabet_characters() {
            assertThatThrownBy(() -> CreditCode.checkCharacter("9133010071610585")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CreditCode.checkCharacter("9133010071610585I")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Routing_by_registration_division {
        @Test
        void registration_division_is_positions_three_to_eight() {
            CreditCode code = CreditCode.of("91330100716105852F");

            assertThat(code.registrationDivision()).isEqualTo(DivisionCode.of("330100"));
            assertThat(code.homeMember()).isEqualTo(MemberId.of("330100"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "421202, 421200",   // 咸安区 belongs to 咸宁市
                "120116, 120000",   // 天津市滨海新区 belongs to the municipality
                "110105, 110000",   // 北京市朝阳区
                "310115, 310000",   // 上海市浦东新区
                "500103, 500000",   // 重庆市渝中区
                "330782, 330700",   // 义乌市, a county-level city, belongs to 金华市
                "230102, 230100",   // 哈尔滨市道里区
                "330100, 330100",   // a city registers at its own level
        })
        void home_member_is_the_city_of_the_registering_authority(String division, String member) {
            CreditCode code = CreditCode.of(withCheck("91" + division + "MA2H3J4K5"));

            assertThat(code.registrationDivision().value()).isEqualTo(division);
            assertThat(code.homeMember()).isEqualTo(MemberId.of(member));
        }
    }
}
