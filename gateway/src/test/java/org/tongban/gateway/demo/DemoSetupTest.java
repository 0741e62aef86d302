package org.tongban.gateway.demo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.simulator.Dialect;
import org.tongban.contracts.id.CreditCode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's cast: cities, their platforms, the two stories and the command line. */
class DemoSetupTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @Nested
    class Cities {
        @Test
        void the_eleven_members_sit_on_north_east_and_south_as_members_csv_says() {
            List<DemoCity> cities = DemoCity.load();
            Map<String, List<String>> byNode = cities.stream().collect(Collectors.groupingBy(DemoCity::node,
                    java.util.LinkedHashMap::new, Collectors.mapping(DemoCity::id, Collectors.toList())));

            assertThat(cities).hasSize(11);
            assertThat(byNode).containsOnlyKeys("north", "east", "south");
            assertThat(byNode.get("north")).containsExactly("230100", "120000", "130100");
            assertThat(byNode.get("east")).containsExactlyInAnyOrder("330100", "331000", "330700");
            assertThat(byNode.get("south")).contains("421200", "440100");
            assertThat(cities.stream().filter(c -> c.id().equals("330700")).findFirst().orElseThrow().slaProfile())
                    .isEqualTo("24h");
        }

        @Test
        void every_city_has_a_platform_all_four_dialects_play_and_jinhua_is_declarative_only() {
            List<Dialect> dialects = DemoCity.load().stream().map(c -> DemoPlatforms.of(c.id()).dialect()).toList();

            assertThat(dialects).contains(Dialect.values());
            assertThat(DemoPlatforms.of("330700").dialect()).isEqualTo(Dialect.FORM_JSON);
            assertThat(DemoPlatforms.of("330700").adapterType()).isEqualTo("declarative");
            assertThat(dialects.stream().filter(d -> d == Dialect.FORM_JSON)).hasSize(1);
        }
    }

    @Nested
    class Stories {
        @Test
        void the_transport_firm_is_registered_in_xian_an_district_and_so_belongs_to_xianning() {
            Story s = Story.xianAnTransportFirm(TODAY);
            CreditCode code = CreditCode.of(s.creditCode());

            assertThat(s.creditCode().substring(2, 8)).isEqualTo("421202");
            assertThat(code.homeMember().value()).isEqualTo(s.homeMember()).isEqualTo("421200");
            assertThat(s.penalties()).extracting(Story.Penalty::member).containsExactly("331000", "440100");
        }

        @Test
        void the_harbin_firm_is_penalized_in_hangzhou_and_tianjin_and_tianjin_asks_for_materials() {
            Story s = Story.harbinLogisticsFirm(TODAY);

            assertThat(CreditCode.of(s.creditCode()).homeMember().value()).isEqualTo("230100");
            assertThat(s.penalties()).extracting(Story.Penalty::member).containsExactly("330100", "120000");
            assertThat(s.asksMaterials()).isEqualTo("120000");
            // the commitment is promised (容缺受理), which is what Tianjin then asks for
            assertThat(s.newCase(TODAY).get("deferredMaterials").get(0).get("kind").asText()).isEqualTo("CREDIT_COMMITMENT");
            assertThat(s.supplement().get("materials").get(0).get("kind").asText()).isEqualTo("CREDIT_COMMITMENT");
        }

        @Test
        void the_join_story_firm_is_at_home_in_an_old_member_and_was_fined_by_the_city_that_joined() {
            DemoCity quzhou = new DemoCity("330800", "衢州市", "衢州市", "east", "24h");
            DemoCity xianning = DemoCity.load().stream().filter(c -> c.id().equals("421200")).findFirst().orElseThrow();
            Story s = Story.joinedCity(3, quzhou, xianning, TODAY);

            assertThat(CreditCode.of(s.creditCode()).homeMember().value()).isEqualTo(s.homeMember()).isEqualTo("421200");
            assertThat(s.penalties()).singleElement().satisfies(p -> {
                assertThat(p.member()).isEqualTo("330800");
                assertThat(p.authority()).isEqualTo("衢州市市场监督管理局");
                assertThat(p.decisionDate()).isBefore(TODAY.minusMonths(3));
            });
            // the new city's platform lists the penalty in its feed
            assertThat(s.publishedAt("330800")).singleElement().satisfies(e ->
                    assertThat(e.creditCode()).isEqualTo(s.creditCode()));
            assertThat(s.publishedAt("421200")).isEmpty();
        }

        @Test
        void penalties_are_past_the_three_month_minimum_of_general_penalties() {
            for (Story s : List.of(Story.xianAnTransportFirm(TODAY), Story.harbinLogisticsFirm(TODAY))) {
                for (Story.Penalty p : s.penalties()) {
                    assertThat(p.decisionDate()).isBefore(TODAY.minusMonths(3));
                }
            }
        }
    }

    @Nested
    class CommandLine {
        @Test
        void defaults_to_a_fresh_data_demo_directory_and_ports_chosen_at_run_time() {
            DemoOptions o = DemoOptions.parse(new String[]{"demo"}, 1);
            assertThat(o).isEqualTo(new DemoOptions(Path.of("data", "demo"), false, 0, DemoOptions.DEFAULT_TIMEOUT));
        }

        @Test
        void reads_keep_data_dir_base_port_and_timeout() {
            DemoOptions o = DemoOptions.parse(new String[]{"demo", "--keep", "--data-dir", "/tmp/x", "--base-port", "18000",
                    "--timeout", "90s"}, 1);
            assertThat(o).isEqualTo(new DemoOptions(Path.of("/tmp/x"), true, 18000, Duration.ofSeconds(90)));
        }

        @Test
        void refuses_unknown_options_and_ports_out_of_range() {
            assertThatThrownBy(() -> DemoOptions.parse(new String[]{"demo", "--fast"}, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast");
            assertThatThrownBy(() -> DemoOptions.parse(new String[]{"demo", "--base-port", "80"}, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DemoOptions.parse(new String[]{"demo", "--data-dir"}, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        }
    }
}
