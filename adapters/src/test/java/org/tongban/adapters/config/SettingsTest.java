package org.tongban.adapters.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.adapters.spi.AdapterConfigException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static Settings of(String json) {
        return Settings.of(new JsonObject(json), Path.of(""));
    }

    @Nested
    class UnknownKeys {
        @Test
        void an_unknown_nested_key_is_named_by_its_full_path() {
            Settings s = of("{\"http\":{\"tls\":{\"verifyhost\":false}}}");
            Settings tls = s.section("http").section("tls");
            tls.bool("verifyHost", true);
            tls.optionalString("trustPem");

            assertThatThrownBy(s::done).isInstanceOf(AdapterConfigException.class)
                    .hasMessageStartingWith("http.tls.verifyhost: unknown setting (did you mean 'verifyHost'?")
                    .hasMessageContaining("allowed in http.tls: [verifyHost, trustPem]");
        }

        @Test
        void a_section_never_read_is_reported_as_unknown_at_the_top() {
            Settings s = of("{\"baseUrl\":\"http://x\",\"htp\":{}}");
            s.requiredUrl("baseUrl");

            assertThatThrownBy(s::done).hasMessageStartingWith("htp: unknown setting; allowed here: [baseUrl]");
        }

        @Test
        void every_key_read_passes() {
            Settings s = of("{\"a\":\"x\",\"b\":{\"c\":1}}");
            s.requiredString("a");
            s.section("b").intIn("c", 0, 0, 5);

            s.done();
        }
    }

    @Nested
    class RequiredAndOptional {
        @Test
        void a_missing_required_value_is_named() {
            assertThatThrownBy(() -> of("{}").requiredString("clientId"))
                    .isInstanceOf(AdapterConfigException.class)
                    .hasMessage("clientId: required setting is missing");
        }

        @Test
        void a_required_value_in_other_case_gets_a_hint() {
            assertThatThrownBy(() -> of("{\"baseURL\":\"http://x\"}").requiredUrl("baseUrl"))
                    .hasMessage("baseUrl: required setting is missing (found 'baseURL': keys are case-sensitive)");
        }

        @Test
        void null_counts_as_absent() {
            assertThat(of("{\"scope\":null}").optionalString("scope")).isEmpty();
        }

        @Test
        void a_number_is_not_a_string() {
            assertThatThrownBy(() -> of("{\"clientId\":5}").requiredString("clientId"))
                    .hasMessage("clientId: expected a non-empty string, got 5");
        }
    }

    @Nested
    class Durations {
        @ParameterizedTest
        @CsvSource({"200ms,200", "5s,5000", "2m,120000", "1h,3600000", "1d,86400000"})
        void units_are_read(String text, long millis) {
            assertThat(of("{\"t\":\"" + text + "\"}").duration("t", Duration.ZERO)).isEqualTo(Duration.ofMillis(millis));
        }

        @Test
        void absent_gives_the_default() {
            assertThat(of("{}").duration("t", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"5\"", "5", "\"5 sec\"", "\"-1s\"", "\"1.5s\""})
        void malformed_durations_are_refused_with_an_example(String raw) {
            assertThatThrownBy(() -> of("{\"http\":{\"requestTimeout\":" + raw + "}}").section("http")
                    .duration("requestTimeout", Duration.ZERO))
                    .hasMessageStartingWith("http.requestTimeout: expected a duration such as 200ms, 5s");
        }
    }

    @Nested
    class Urls {
        @Test
        void https_is_read() {
            assertThat(of("{\"u\":\"https://credit.example.gov.cn/api\"}").requiredUrl("u"))
                    .isEqualTo(URI.create("https://credit.example.gov.cn/api"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://x/y", "credit.example.gov.cn", "http://", "file:///etc/passwd", "http://a b"})
        void other_schemes_and_relative_urls_are_refused(String url) {
            assertThatThrownBy(() -> of("{\"baseUrl\":\"" + url + "\"}").requiredUrl("baseUrl"))
                    .hasMessageStartingWith("baseUrl: expected an http:// or https:// URL");
        }

        @Test
        void credentials_in_a_url_are_refused_without_echoing_them() {
            assertThatThrownBy(() -> of("{\"baseUrl\":\"https://user:hunter2@x/\"}").requiredUrl("baseUrl"))
                    .hasMessageStartingWith("baseUrl: a URL here may not carry")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Nested
    class IntsAndEnums {
        @Test
        void ints_outside_the_range_are_refused() {
            assertThatThrownBy(() -> of("{\"http\":{\"maxConnections\":0}}").section("http")
                    .intIn("maxConnections", 8, 1, 1000))
                    .hasMessage("http.maxConnections: expected a whole number from 1 to 1000, got 0");
        }

        @Test
        void fractions_are_not_ints() {
            assertThatThrownBy(() -> of("{\"n\":1.5}").intIn("n", 8, 1, 10)).hasMessageContaining("got 1.5");
        }

        enum Charset { GBK, UTF_8 }

        @Test
        void enum_names_match_ignoring_case_and_dash() {
            assertThat(of("{\"charset\":\"utf-8\"}").enumValue("charset", Charset.class, Charset.GBK))
                    .isEqualTo(Charset.UTF_8);
            assertThat(of("{}").enumValue("charset", Charset.class, Charset.GBK)).isEqualTo(Charset.GBK);
        }

        @Test
        void an_unknown_enum_value_lists_the_allowed_ones() {
            assertThatThrownBy(() -> of("{\"charset\":\"latin1\"}").enumValue("charset", Charset.class, Charset.GBK))
                    .hasMessage("charset: expected one of [GBK, UTF-8], got \"latin1\"");
        }
    }

    @Nested
    class Files_ {
        @Test
        void a_relative_file_resolves_against_the_base_directory(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("ca.pem"), "x");
            Settings s = Settings.of(new JsonObject().put("trustPem", "ca.pem"), dir);

            assertThat(s.optionalFile("trustPem")).contains(dir.resolve("ca.pem").toAbsolutePath());
        }

        @Test
        void a_missing_file_is_refused_with_its_absolute_path(@TempDir Path dir) {
            Settings s = Settings.of(new JsonObject().put("trustPem", "nope.pem"), dir);

            assertThatThrownBy(() -> s.optionalFile("trustPem"))
                    .hasMessage("trustPem: no readable file at " + dir.resolve("nope.pem").toAbsolutePath());
        }
    }
}
