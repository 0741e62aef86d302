package org.tongban.contracts.id;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DivisionCodeTest {

    @Nested
    class Cities_and_members {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "421202, 421200",   // 咸安区 -> 咸宁市
                "421200, 421200",
                "120116, 120000",   // 天津市滨海新区 -> 天津市
                "120000, 120000",
                "110105, 110000",   // 北京市朝阳区 -> 北京市
                "500230, 500000",   // 重庆市丰都县 -> 重庆市 (a county of a municipality)
                "330782, 330700",   // 义乌市 (county-level city) -> 金华市
                "331002, 331000",   // 台州市椒江区 -> 台州市
                "460105, 460100",   // 海口市秀英区 -> 海口市
                "429004, 429004",   // 仙桃市, administered by Hubei province directly (省直辖), stands for itself
                "469002, 469002",   // 琼海市, administered by Hainan province directly
        })
        void a_division_belongs_to_its_city(String division, String city) {
            DivisionCode code = DivisionCode.of(division);

            assertThat(code.city()).isEqualTo(DivisionCode.of(city));
            assertThat(code.member()).isEqualTo(MemberId.of(city));
        }

        @ParameterizedTest
        @ValueSource(strings = {"110000", "120101", "310115", "500103"})
        void the_four_municipalities_are_recognised(String division) {
            assertThat(DivisionCode.of(division).isMunicipality()).isTrue();
            assertThat(DivisionCode.of(division).isProvince()).isFalse();
        }

        @Test
        void a_province_level_code_maps_to_itself() {
            DivisionCode zhejiang = DivisionCode.of("330000");

            assertThat(zhejiang.isProvince()).isTrue();
            assertThat(zhejiang.isMunicipality()).isFalse();
            assertThat(zhejiang.member()).isEqualTo(MemberId.of("330000"));
        }

        @Test
        void member_id_gives_back_its_division() {
            assertThat(MemberId.of("421200").division()).isEqualTo(DivisionCode.of("421200"));
        }
    }

    @Nested
    class Validation {
        @ParameterizedTest
        @ValueSource(strings = {"", "42120", "4212021", "42120A", "４２１２０２", "012345", "000000", " 42120"})
        void refuses_what_is_not_a_six_digit_division(String text) {
            assertThatThrownBy(() -> DivisionCode.of(text)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_CODE_INVALID));
        }

        @Test
        void refuses_null() {
            assertThatThrownBy(() -> DivisionCode.of(null)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_CODE_INVALID));
            assertThatThrownBy(() -> MemberId.of(null)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_CODE_INVALID));
        }

        @ParameterizedTest
        @ValueSource(strings = {"33010", "3301000", "33O100", "hangzhou", "012345", "000000"})
        void member_ids_are_six_digits_too(String text) {
            assertThatThrownBy(() -> MemberId.of(text)).isInstanceOfSatisfying(ContractException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_CODE_INVALID));
        }
    }
}
