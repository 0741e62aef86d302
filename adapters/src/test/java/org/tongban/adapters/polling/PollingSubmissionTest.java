package org.tongban.adapters.polling;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.events.AppliedLegs;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.adapters.testing.Await;
import org.tongban.contracts.message.PenaltyCategory;

import java.time.Duration;
import java.time.LocalDate;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The calls of the {@code polling} dialect, and what each failure of them means. */
class PollingSubmissionTest {
    private static final String APPLICATION_PATH = "/v2/applications/" + Fixtures.LEG;
    private static Vertx vertx;
    private PollingPlatform platform;
    private PollingAdapter adapter;

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
        platform = new PollingPlatform(vertx);
        adapter = platform.adapter(new JsonObject().put("http", new JsonObject().put("requestTimeout", "500ms")));
    }

    @AfterEach
    void stop() {
        Await.result(adapter.stop());
        platform.close();
    }

    private Failure failureOf(Future<?> call) {
        return FailureClassifier.classify(Await.failure(call));
    }

    @Nested
    class HappyPath {
        @Test
        void puts_the_application_under_the_leg_id_in_camel_case_with_the_api_key() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"id\":\"HZ-2026-0001\"}")));

            PlatformReceipt receipt = Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(receipt.platformReference()).isEqualTo("HZ-2026-0001");
            platform.server.verify(1, putRequestedFor(urlEqualTo(APPLICATION_PATH))
                    .withHeader("X-Api-Key", equalTo(PollingPlatform.API_KEY))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalToJson("""
                            {"caseId":"%s","homeMember":"230100",
                             "creditCode":"%s","enterpriseName":"哈尔滨市北运物流有限公司",
                             "decisionNumber":"杭交执罚〔2026〕123号","decidingAuthority":"杭州市交通运输局",
                             "decisionDate":"2026-03-15","category":"GENERAL","ruleSet":"cn-2025","appliedOn":"2026-11-20",
                             "contacts":[{"name":"张敏","role":"CREDIT_OFFICE","phone":"0451-86661234",
                                          "email":"zhangmin@xyb.harbin.gov.cn"}],
                             "materials":[{"attachmentId":"att-1","fileName":"罚款缴纳凭证.pdf","mediaType":"application/pdf",
                                           "size":1234,"sha256":"%s","kind":"PROOF_OF_FULFILMENT"}],
                             "deferredMaterials":[{"kind":"CREDIT_COMMITMENT","description":"信用承诺书原件","promisedDate":"2026-12-01"}],
                             "statement":"罚款已缴清 & 已整改 <完毕>"}""".formatted(Fixtures.CASE, Fixtures.CODE, Fixtures.SHA))));
        }

        @Test
        void leaves_absent_optional_values_out_of_the_body() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(okJson("{\"id\":\"HZ-2026-0001\"}")));
            org.tongban.contracts.message.RepairApplication a = Fixtures.application();
            org.tongban.contracts.message.RepairApplication sparse = new org.tongban.contracts.message.RepairApplication(
                    a.enterprise(), a.penalty(), a.appliedOn(), null, java.util.List.of(new org.tongban.contracts.message.Contact(
                    "李娜", org.tongban.contracts.message.ContactRole.CREDIT_OFFICE, "0451-86000000", null)),
                    java.util.List.of(), null, null);

            Await.result(adapter.submitApplication(Fixtures.leg(), sparse));

            platform.server.verify(putRequestedFor(urlEqualTo(APPLICATION_PATH)).withRequestBody(equalToJson("""
                    {"caseId":"%s","homeMember":"230100","creditCode":"%s","enterpriseName":"哈尔滨市北运物流有限公司",
                     "decisionNumber":"杭交执罚〔2026〕123号","decidingAuthority":"杭州市交通运输局","decisionDate":"2026-03-15",
                     "category":"GENERAL","ruleSet":"cn-2025","appliedOn":"2026-11-20",
                     "contacts":[{"name":"李娜","role":"CREDIT_OFFICE","phone":"0451-86000000"}],
                     "materials":[],"deferredMaterials":[]}""".formatted(Fixtures.CASE, Fixtures.CODE))));
        }

        @Test
        void remembers_the_enterprise_and_penalty_of_the_leg_before_the_application_leaves() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            Await.failure(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            org.tongban.adapters.events.AppliedLeg facts = Await.result(new AppliedLegs(platform.cursors)
                    .recall(Fixtures.LEG)).orElseThrow();
            assertThat(facts.enterprise()).isEqualTo(Fixtures.enterprise());
            assertThat(facts.penalty()).isEqualTo(Fixtures.penalty());
        }

        @Test
        void a_repeated_put_of_an_application_the_platform_has_gives_the_same_id() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(okJson("{\"id\":\"HZ-2026-0001\"}")));

            assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                    .isEqualTo("HZ-2026-0001");
        }

        @Test
        void posts_materials_and_withdrawal_to_the_platforms_application_id() {
            platform.server.stubFor(post("/v2/applications/HZ-2026-0001/materials").willReturn(okJson("{\"id\":\"HZ-2026-0001\"}")));
            platform.server.stubFor(post("/v2/applications/HZ-2026-0001/withdrawal").willReturn(okJson("{\"id\":\"HZ-2026-0001\"}")));

            assertThat(Await.result(adapter.submitMaterials(Fixtures.leg().withPlatformReference("HZ-2026-0001"),
                    Fixtures.supplement())).platformReference()).isEqualTo("HZ-2026-0001");
            assertThat(Await.result(adapter.submitWithdrawal(Fixtures.leg().withPlatformReference("HZ-2026-0001"),
                    Fixtures.withdrawal())).platformReference()).isEqualTo("HZ-2026-0001");

            platform.server.verify(postRequestedFor(urlEqualTo("/v2/applications/HZ-2026-0001/materials"))
                    .withHeader("X-Api-Key", equalTo(PollingPlatform.API_KEY))
                    .withRequestBody(equalToJson("""
                            {"materials":[{"attachmentId":"att-2","fileName":"信用承诺书.pdf","mediaType":"application/pdf",
                              "size":2048,"sha256":"%s","kind":"CREDIT_COMMITMENT"}],"note":"补交承诺书"}"""
                            .formatted(Fixtures.SHA))));
            platform.server.verify(postRequestedFor(urlEqualTo("/v2/applications/HZ-2026-0001/withdrawal"))
                    .withRequestBody(equalToJson("{\"reason\":\"ENTERPRISE_REQUEST\",\"note\":\"企业申请撤回\"}")));
        }

        @Test
        void materials_for_a_leg_the_platform_never_numbered_are_refused_as_bad_data_without_a_call() {
            Failure f = failureOf(adapter.submitMaterials(Fixtures.leg(), Fixtures.supplement()));

            assertThat(f.key()).isEqualTo("bad_data");
            assertThat(f.retryable()).isFalse();
            assertThat(platform.server.getAllServeEvents()).isEmpty();
        }

        @Test
        void reads_the_penalty_feed_from_the_beginning_then_after_a_cursor() {
            String item = """
                    {"creditCode":"%s","enterpriseName":"哈尔滨龙运物流有限公司","decisionNumber":"杭交执罚〔2026〕第0501号",
                     "decidingAuthority":"杭州市交通运输行政执法队","decisionDate":"2026-05-01","category":"SERIOUS",
                     "ruleSet":"cn-2025","summary":"超限运输","publishedOn":"2026-05-03"}""".formatted(Fixtures.CODE);
            platform.server.stubFor(get(urlPathEqualTo("/v2/penalties")).withQueryParam("after", absent())
                    .willReturn(okJson("{\"penalties\":[" + item + ",{\"creditCode\":\"bad\"}],\"cursor\":\"pn-1\",\"more\":true}")));
            platform.server.stubFor(get(urlPathEqualTo("/v2/penalties")).withQueryParam("after", equalTo("pn-1"))
                    .willReturn(okJson("{\"penalties\":[],\"cursor\":\"pn-1\",\"more\":false}")));

            PenaltyPage first = Await.result(adapter.readPenalties(null, 50));
            PenaltyPage next = Await.result(adapter.readPenalties("pn-1", 50));

            assertThat(first.decisions()).hasSize(1);
            assertThat(first.decisions().get(0).penalty().penalizingMember()).isEqualTo(Fixtures.PENALIZING);
            assertThat(first.decisions().get(0).penalty().category()).isEqualTo(PenaltyCategory.SERIOUS);
            assertThat(first.decisions().get(0).publishedOn()).isEqualTo(LocalDate.of(2026, 5, 3));
            assertThat(first.nextCursor()).isEqualTo("pn-1");
            assertThat(first.more()).isTrue();
            assertThat(next.decisions()).isEmpty();
            assertThat(next.more()).isFalse();
            platform.server.verify(getRequestedFor(urlPathEqualTo("/v2/penalties")).withQueryParam("limit", equalTo("50"))
                    .withQueryParam("after", absent()).withHeader("X-Api-Key", equalTo(PollingPlatform.API_KEY)));
        }

        @Test
        void is_healthy_while_the_platform_answers_its_ping() {
            platform.server.stubFor(get("/v2/ping").willReturn(aResponse().withStatus(200)));
            assertThat(Await.result(adapter.health())).isEqualTo(AdapterHealth.healthy());

            platform.server.stubFor(get("/v2/ping").willReturn(aResponse().withStatus(503)));
            AdapterHealth down = Await.result(adapter.health());
            assertThat(down.up()).isFalse();
            assertThat(down.detail()).contains("503");

            platform.server.stop();
            assertThat(Await.result(adapter.health()).up()).isFalse();
        }
    }

    @Nested
    class Failures {
        @ParameterizedTest(name = "HTTP {0} -> {1}, retryable={2}")
        @CsvSource({
                "400, http_4xx, false",
                "404, http_4xx, false",
                "409, http_4xx, false",
                "422, http_4xx, false",
                "401, credentials, false",
                "403, credentials, false",
                "408, http_408, true",
                "500, http_5xx, true",
                "502, http_5xx, true",
                "503, http_5xx, true"})
        void an_http_status_is_classified_by_the_one_classifier(int status, String key, boolean retryable) {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody("{\"message\":\"no\"}")));

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(f.key()).isEqualTo(key);
            assertThat(f.retryable()).isEqualTo(retryable);
            assertThat(f.detail()).contains("HTTP " + status).contains("no").doesNotContain(PollingPlatform.API_KEY);
        }

        @Test
        void throttling_is_retried_not_before_retry_after() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(aResponse().withStatus(429)
                    .withHeader("Retry-After", "7").withBody("{\"message\":\"slow down\"}")));

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(f.key()).isEqualTo("throttled");
            assertThat(f.retryable()).isTrue();
            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        void a_reset_connection_is_retryable() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(f.key()).isEqualTo("connection");
            assertThat(f.retryable()).isTrue();
        }

        @Test
        void an_answer_slower_than_the_request_timeout_is_a_retryable_timeout() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(okJson("{\"id\":\"late\"}").withFixedDelay(2_000)));

            Failure f = failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(f.key()).isEqualTo("timeout");
            assertThat(f.retryable()).isTrue();
        }

        @Test
        void an_answer_that_cannot_be_read_is_permanent() {
            platform.server.stubFor(put(APPLICATION_PATH).willReturn(aResponse().withStatus(201).withBody("<html>ok</html>")));
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())))
                    .extracting(Failure::key, Failure::retryable).containsExactly("unreadable", false);

            platform.server.stubFor(put(APPLICATION_PATH).willReturn(aResponse().withStatus(201).withBody("{\"no\":1}")));
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())))
                    .extracting(Failure::key, Failure::retryable).containsExactly("unreadable", false);
        }

        @Test
        void scripted_503_503_200_fails_twice_retryably_then_gives_the_id() {
            platform.server.stubFor(put(APPLICATION_PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
            platform.server.stubFor(put(APPLICATION_PATH).inScenario("flaky").whenScenarioStateIs("second")
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
            platform.server.stubFor(put(APPLICATION_PATH).inScenario("flaky").whenScenarioStateIs("third")
                    .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"HZ-2026-0001\"}")));

            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).retryable()).isTrue();
            assertThat(failureOf(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).retryable()).isTrue();
            assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                    .isEqualTo("HZ-2026-0001");
            platform.server.verify(3, putRequestedFor(urlEqualTo(APPLICATION_PATH)));
        }
    }
}
