package org.tongban.adapters.declarative;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.events.AppliedLegs;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.testing.Await;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyReference;
import org.tongban.contracts.message.RepairApplication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calls a declarative adapter makes from the Jinhua mapping, and what each failure means. */
class DeclarativeCallsTest {
    private static final String APPLY = "/openapi/xyxf/sqxx";
    private static Vertx vertx;
    private JinhuaPlatform platform;
    private DeclarativeAdapter adapter;

    @TempDir
    Path dir;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        Await.result(vertx.close());
    }

    @BeforeEach
    void platform() {
        platform = new JinhuaPlatform(vertx);
        adapter = platform.adapter();
    }

    @AfterEach
    void stop() {
        Await.result(adapter.stop());
        platform.close();
    }

    private static Failure failureOf(Future<?> call) {
        return FailureClassifier.classify(Await.failure(call));
    }

    private void applyAnswers(String body) {
        platform.server.stubFor(post(APPLY).willReturn(okJson(body)));
    }

    @Nested
    class HappyPath {
        @Test
        void applies_with_pinyin_fields_formatted_dates_and_mapped_category_under_the_appcode_header() {
            applyAnswers("{\"success\":true,\"data\":{\"sqbh\":\"JH-SQ-0001\"}}");

            assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                    .isEqualTo("JH-SQ-0001");

            platform.server.verify(1, postRequestedFor(urlEqualTo(APPLY))
                    .withHeader("appcode", equalTo(JinhuaPlatform.APPCODE))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalToJson("""
                            {"tyshxydm":"%s","qymc":"哈尔滨市北运物流有限公司","cfjdswh":"杭交执罚〔2026〕123号",
                             "cfjg":"杭州市交通运输局","cfrq":"2026-03-15","cflb":"一般",
                             "wbbh":"%s","ajbh":"%s","sqdq":"230100","sqrq":"2026-11-20"}"""
                            .formatted(Fixtures.CODE, Fixtures.LEG, Fixtures.CASE))));
            assertThat(Await.result(new AppliedLegs(platform.cursors).recall(Fixtures.LEG))).isPresent();
        }

        @Test
        void supplements_each_material_and_withdraws_with_the_reason_in_words() {
            platform.server.stubFor(post("/openapi/xyxf/bzcl").willReturn(okJson("{\"success\":true}")));
            platform.server.stubFor(post("/openapi/xyxf/ch").willReturn(okJson("{\"success\":true,\"data\":{}}")));

            assertThat(Await.result(adapter.submitMaterials(Fixtures.leg().withPlatformReference("JH-SQ-0001"),
                    Fixtures.supplement())).platformReference()).isEqualTo("JH-SQ-0001");
            assertThat(Await.result(adapter.submitWithdrawal(Fixtures.leg().withPlatformReference("JH-SQ-0001"),
                    Fixtures.withdrawal())).platformReference()).isEqualTo("JH-SQ-0001");

            platform.server.verify(postRequestedFor(urlEqualTo("/openapi/xyxf/bzcl")).withRequestBody(equalToJson("""
                    {"sqbh":"JH-SQ-0001","wbbh":"%s","cl":[{"mc":"信用承诺书.pdf","lx":"CREDIT_COMMITMENT",
                     "hash":"%s"}]}""".formatted(Fixtures.LEG, Fixtures.SHA))));
            platform.server.verify(postRequestedFor(urlEqualTo("/openapi/xyxf/ch")).withRequestBody(equalToJson(
                    "{\"sqbh\":\"JH-SQ-0001\",\"wbbh\":\"" + Fixtures.LEG + "\",\"yy\":\"企业申请撤回\"}")));
        }

        @Test
        void a_platform_without_a_penalty_feed_answers_an_empty_page_without_a_call() {
            PenaltyPage page = Await.result(adapter.readPenalties("c-9", 10));

            assertThat(page.decisions()).isEmpty();
            assertThat(page.nextCursor()).isEqualTo("c-9");
            assertThat(platform.server.getAllServeEvents()).isEmpty();
        }
    }

    @Nested
    class Failures {
        @ParameterizedTest(name = "{0} -> {1}, retryable={2}")
        @CsvSource(delimiter = '|', value = {
                "{\"success\":false,\"errCode\":\"E1001\",\"errMsg\":\"统一社会信用代码有误\"} | refused | false",
                "{\"success\":false,\"errCode\":\"E1003\",\"errMsg\":\"不予受理\"}        | refused | false",
                "{\"success\":false,\"errCode\":\"E2001\",\"errMsg\":\"系统繁忙\"}          | busy    | true",
                "{\"success\":false,\"errCode\":\"E9999\"}                                 | refused | false",
                "{\"success\":false}                                                       | refused | false"})
        void a_body_code_is_classified_by_the_mapping_and_the_one_classifier(String body, String key, boolean retryable) {
            applyAnswers(body);

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(f.key()).isEqualTo(key);
            assertThat(f.retryable()).isEqualTo(retryable);
            assertThat(f.detail()).doesNotContain(JinhuaPlatform.APPCODE);
        }

        @ParameterizedTest(name = "HTTP {0} -> {1}, retryable={2}")
        @CsvSource({"400, http_4xx, false", "401, credentials, false", "404, http_4xx, false", "422, http_4xx, false",
                "500, http_5xx, true", "503, http_5xx, true"})
        void an_http_status_outside_the_mapping_is_classified_by_the_status(int status, String key, boolean retryable) {
            platform.server.stubFor(post(APPLY).willReturn(aResponse().withStatus(status)));

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(f.key()).isEqualTo(key);
            assertThat(f.retryable()).isEqualTo(retryable);
        }

        @Test
        void throttling_keeps_retry_after() {
            platform.server.stubFor(post(APPLY).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(f.key()).isEqualTo("throttled");
            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        }

        @Test
        void reset_connections_and_timeouts_are_retryable() {
            platform.server.stubFor(post(APPLY).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())))
                    .extracting(Failure::key, Failure::retryable).containsExactly("connection", true);

            platform.server.stubFor(post(APPLY).willReturn(okJson("{\"success\":true,\"data\":{\"sqbh\":\"x\"}}")
                    .withFixedDelay(2_000)));
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())))
                    .extracting(Failure::key, Failure::retryable).containsExactly("timeout", true);
        }

        @Test
        void an_answer_that_cannot_be_read_or_lacks_the_application_number_is_permanent() {
            applyAnswers("{\"success\":true,\"data\":{}}");
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())))
                    .extracting(Failure::key, Failure::retryable).containsExactly("unreadable", false);

            platform.server.stubFor(post(APPLY).willReturn(aResponse().withStatus(200).withBody("<html>维护中</html>")));
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())))
                    .extracting(Failure::key, Failure::retryable).containsExactly("unreadable", false);
        }

        @Test
        void a_value_the_enum_map_does_not_list_is_bad_data_and_nothing_is_sent() {
            PenaltyReference p = Fixtures.penalty();
            RepairApplication a = Fixtures.application();
            RepairApplication specific = new RepairApplication(a.enterprise(), new PenaltyReference(p.decisionNumber(),
                    p.authority(), p.penalizingMember(), p.decisionDate(), PenaltyCategory.SPECIFIC_SERIOUS, p.ruleSet()),
                    a.appliedOn(), a.homeReference(), a.contacts(), a.materials(), a.deferredMaterials(), a.statement());

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), specific));

            assertThat(f.key()).isEqualTo("bad_data");
            assertThat(f.detail()).contains("SPECIFIC_SERIOUS");
            platform.server.verify(0, postRequestedFor(urlEqualTo(APPLY)));
        }

        @Test
        void scripted_busy_busy_success_fails_twice_retryably_then_gives_the_number() {
            platform.server.stubFor(post(APPLY).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("busy-body"));
            platform.server.stubFor(post(APPLY).inScenario("busy").whenScenarioStateIs("busy-body")
                    .willReturn(okJson("{\"success\":false,\"errCode\":\"E2001\",\"errMsg\":\"系统繁忙\"}")).willSetStateTo("ok"));
            platform.server.stubFor(post(APPLY).inScenario("busy").whenScenarioStateIs("ok")
                    .willReturn(okJson("{\"success\":true,\"data\":{\"sqbh\":\"JH-SQ-0001\"}}")));

            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).key()).isEqualTo("http_5xx");
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).key()).isEqualTo("busy");
            assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                    .isEqualTo("JH-SQ-0001");
        }
    }

    @Nested
    class OtherMappings {
        private DeclarativeAdapter withMapping(String text, JsonObject settings) throws IOException {
            Files.writeString(dir.resolve("city.yaml"), text);
            Await.result(adapter.stop());
            adapter = platform.adapter(settings.put("mapping", "city.yaml"), dir);
            return adapter;
        }

        @Test
        void basic_auth_sends_the_username_and_password_settings() throws IOException {
            withMapping(Jinhua.with(Jinhua.AUTH, "auth:\n  type: basic\n"), new JsonObject().putNull("apiKey")
                    .put("username", "jh-gateway").put("password", new JsonObject().put("secret", "env:PATH")));
            applyAnswers("{\"success\":true,\"data\":{\"sqbh\":\"JH-SQ-0002\"}}");

            Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(("jh-gateway:" + System.getenv("PATH"))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            platform.server.verify(postRequestedFor(urlEqualTo(APPLY)).withHeader("Authorization", equalTo(expected))
                    .withHeader("appcode", absent()));
        }

        @Test
        void oauth2_client_credentials_fetch_a_token_and_renew_it_once_on_401() throws IOException {
            withMapping(Jinhua.with(Jinhua.AUTH, "auth:\n  type: oauth2-client-credentials\n  tokenUrl: \"{baseUrl}/oauth/token\"\n"),
                    new JsonObject().putNull("apiKey").put("clientId", "jh-gateway").put("clientSecret", "s3cret"));
            platform.server.stubFor(post("/oauth/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}"))
                    .willSetStateTo("second"));
            platform.server.stubFor(post("/oauth/token").inScenario("tokens").whenScenarioStateIs("second")
                    .willReturn(okJson("{\"access_token\":\"t-2\",\"token_type\":\"Bearer\",\"expires_in\":7200}")));
            platform.server.stubFor(post(APPLY).withHeader("Authorization", equalTo("Bearer t-1"))
                    .willReturn(aResponse().withStatus(401)));
            platform.server.stubFor(post(APPLY).withHeader("Authorization", equalTo("Bearer t-2"))
                    .willReturn(okJson("{\"success\":true,\"data\":{\"sqbh\":\"JH-SQ-0003\"}}")));

            assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                    .isEqualTo("JH-SQ-0003");
            platform.server.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
            platform.server.verify(2, postRequestedFor(urlEqualTo(APPLY)));
        }

        @Test
        void credentials_another_auth_type_would_need_are_refused_by_name() throws IOException {
            Files.writeString(dir.resolve("city.yaml"), Jinhua.with(Jinhua.AUTH, "auth:\n  type: none\n"));

            assertThatThrownBy(() -> platform.adapter(new JsonObject().put("mapping", "city.yaml"), dir))
                    .isInstanceOf(AdapterConfigException.class).hasMessageStartingWith("apiKey: unknown setting");
        }

        @Test
        void a_bad_mapping_file_is_refused_when_the_adapter_is_created() throws IOException {
            Files.writeString(dir.resolve("city.yaml"), Jinhua.with("qymc: enterprise.name", "qymc: enterprise.title"));

            assertThatThrownBy(() -> platform.adapter(new JsonObject().put("mapping", "city.yaml"), dir))
                    .isInstanceOf(AdapterConfigException.class)
                    .hasMessageStartingWith("mapping: " + dir.resolve("city.yaml") + " is not a valid mapping (1 problem): "
                            + "request.apply.qymc: 'enterprise.title' is not a field of this message");
        }

        @Test
        void a_penalty_feed_and_a_health_endpoint_are_read_when_declared() throws IOException {
            String text = Jinhua.text()
                    .replace("  changes:    {", "  health:     { method: GET, url: \"{baseUrl}/openapi/ping\" }\n"
                            + "  penalties:  { method: GET, url: \"{baseUrl}/openapi/xzcf?start={cursor}&size={limit}\" }\n"
                            + "  changes:    {")
                    + """
                      penalties:
                        list: data.list
                        cursor: data.next
                        more: data.more
                        item:
                          creditCode: tyshxydm
                          enterpriseName: qymc
                          decisionNumber: cfjdswh
                          authority: cfjg
                          decisionDate: { from: cfrq, date: yyyyMMdd }
                          category: { from: cflb, map: { 轻微: MINOR, 一般: GENERAL, 严重: SERIOUS } }
                          ruleSet: { const: cn-2025 }
                          summary: wfss
                    """;
            withMapping(text, new JsonObject());
            platform.server.stubFor(get(urlPathEqualTo("/openapi/xzcf")).withQueryParam("start", absent())
                    .willReturn(okJson("""
                            {"success":true,"data":{"list":[
                              {"tyshxydm":"%s","qymc":"哈尔滨龙运物流有限公司","cfjdswh":"金交罚〔2026〕12号",
                               "cfjg":"金华市交通运输局","cfrq":"20260501","cflb":"严重","wfss":"超限运输"},
                              {"tyshxydm":"91330100716105852F","cflb":"特别严重"}],"next":"x-1","more":false}}"""
                            .formatted(Fixtures.CODE))));
            platform.server.stubFor(get("/openapi/ping").willReturn(okJson("{\"success\":false,\"errCode\":\"E2002\"}")));

            PenaltyPage page = Await.result(adapter.readPenalties(null, 20));

            assertThat(page.decisions()).singleElement().satisfies(n -> {
                assertThat(n.penalty().category()).isEqualTo(PenaltyCategory.SERIOUS);
                assertThat(n.penalty().decisionDate()).isEqualTo(LocalDate.of(2026, 5, 1));
                assertThat(n.penalty().penalizingMember()).isEqualTo(Fixtures.PENALIZING);
                assertThat(n.summary()).isEqualTo("超限运输");
            });
            assertThat(page.nextCursor()).isEqualTo("x-1");
            assertThat(page.more()).isFalse();
            platform.server.verify(getRequestedFor(urlPathEqualTo("/openapi/xzcf")).withQueryParam("size", equalTo("20")));
            assertThat(Await.result(adapter.health()).up()).isFalse();
            platform.server.stubFor(get("/openapi/ping").willReturn(okJson("{\"success\":true}")));
            assertThat(Await.result(adapter.health()).up()).isTrue();
        }
    }
}
