package org.tongban.gateway.sharing;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.testing.TestDirectory;
import org.tongban.gateway.testing.Notices;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.sharing.HomeRouting.Outcome.AT_HOME;
import static org.tongban.gateway.sharing.HomeRouting.Outcome.HOME_NOT_IN_DIRECTORY;
import static org.tongban.gateway.sharing.HomeRouting.Outcome.NOT_THIS_MEMBER;
import static org.tongban.gateway.sharing.HomeRouting.Outcome.SHARE;

/** Routing a penalty to the enterprise's home member by positions 3–8 of its credit code. */
class HomeRoutingTest {
    private static final MemberId HANGZHOU = TestDirectory.HANGZHOU;
    private static final LocalDate DECIDED = LocalDate.of(2026, 5, 10);
    private final HomeRouting routing = new HomeRouting(m -> TestDirectory.signed().member(m).isPresent());

    private HomeRouting.Route route(MemberId penalizing, String division) {
        return routing.route(penalizing, Notices.notice(penalizing, division, 7, DECIDED));
    }

    @Nested
    class To_the_home_city {
        @Test
        void a_district_belongs_to_its_city_xian_an_421202_to_xianning_421200() {
            assertThat(route(HANGZHOU, "421202")).isEqualTo(new HomeRouting.Route(SHARE, MemberId.of("421200")));
        }

        @Test
        void every_district_of_a_municipality_belongs_to_the_municipality() {
            assertThat(route(HANGZHOU, "120104")).isEqualTo(new HomeRouting.Route(SHARE, TestDirectory.TIANJIN));
            assertThat(route(HANGZHOU, "120000")).isEqualTo(new HomeRouting.Route(SHARE, TestDirectory.TIANJIN));
        }

        @Test
        void a_city_code_is_its_own_home() {
            assertThat(route(HANGZHOU, "230100")).isEqualTo(new HomeRouting.Route(SHARE, TestDirectory.HARBIN));
            assertThat(route(TestDirectory.HARBIN, "330102")).isEqualTo(new HomeRouting.Route(SHARE, HANGZHOU));
        }
    }

    @Nested
    class Not_shared {
        @Test
        void an_enterprise_registered_in_the_penalizing_city_itself_is_at_home() {
            assertThat(route(HANGZHOU, "330106").outcome()).isEqualTo(AT_HOME);
        }

        @Test
        void a_province_level_code_names_no_city_and_no_member() {
            assertThat(route(HANGZHOU, "420000")).isEqualTo(new HomeRouting.Route(HOME_NOT_IN_DIRECTORY,
                    MemberId.of("420000")));
        }

        @Test
        void a_province_administered_county_level_city_is_its_own_home_and_not_a_member_here() {
            assertThat(route(HANGZHOU, "429004")).isEqualTo(new HomeRouting.Route(HOME_NOT_IN_DIRECTORY,
                    MemberId.of("429004")));
        }

        @Test
        void a_city_outside_the_federation_is_not_in_the_directory() {
            assertThat(route(HANGZHOU, "310115")).isEqualTo(new HomeRouting.Route(HOME_NOT_IN_DIRECTORY,
                    MemberId.of("310000")));
        }

        @Test
        void a_decision_of_another_members_authority_is_not_this_members_to_share() {
            PenaltyNotice tianjins = Notices.notice(TestDirectory.TIANJIN, "230100", 3, DECIDED);
            assertThat(routing.route(HANGZHOU, tianjins).outcome()).isEqualTo(NOT_THIS_MEMBER);
        }
    }
}
