package org.tongban.adapters.rest;

import org.junit.jupiter.api.Test;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;

import java.time.Instant;
import java.time.LocalDate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class RestOAuth2CallsTest extends RestPlatformFixture {
    private static final String APPLICATIONS = "/api/v1/repair-applications";

    @Test
    void an_application_goes_in_snake_case_with_the_leg_as_idempotency_key_and_the_bound_callback_url() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"application_no\":\"HZ-XF-2026-0001\",\"received_at\":\"20261120103000\"}")));

        PlatformReceipt receipt = Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

        assertThat(receipt).isEqualTo(new PlatformReceipt("HZ-XF-2026-0001", Instant.parse("2026-11-20T02:30:00Z")));
        assertThat(adapter.callbackUrl()).startsWith("http://127.0.0.1:").endsWith("/callbacks/330100")
                .doesNotContain(":0/");
        platform.verify(postRequestedFor(urlEqualTo(APPLICATIONS))
                .withHeader("Authorization", equalTo("Bearer tok-1"))
                .withHeader("Idempotency-Key", equalTo(Fixtures.LEG.toString()))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withRequestBody(equalToJson("{\"external_id\":\"" + Fixtures.LEG + "\",\"case_id\":\"" + Fixtures.CASE
                        + "\",\"home_member\":\"230100\",\"credit_code\":\"" + Fixtures.CODE.value() + "\","
                        + "\"enterprise_name\":\"哈尔滨市北运物流有限公司\",\"decision_number\":\"杭交执罚〔2026〕123号\","
                        + "\"deciding_authority\":\"杭州市交通运输局\",\"decision_date\":\"20260315\","
                        + "\"category\":\"GENERAL\",\"rule_set\":\"cn-2025\",\"applied_on\":\"20261120\","
                        + "\"contacts\":[{\"name\":\"张敏\",\"role\":\"CREDIT_OFFICE\",\"phone\":\"0451-86661234\","
                        + "\"email\":\"zhangmin@xyb.harbin.gov.cn\"}],"
                        + "\"materials\":[{\"attachment_id\":\"att-1\",\"file_name\":\"罚款缴纳凭证.pdf\","
                        + "\"media_type\":\"application/pdf\",\"size\":1234,\"sha256\":\"" + Fixtures.SHA + "\","
                        + "\"kind\":\"PROOF_OF_FULFILMENT\"}],"
                        + "\"deferred_materials\":[{\"kind\":\"CREDIT_COMMITMENT\",\"description\":\"信用承诺书原件\","
                        + "\"promised_date\":\"20261201\"}],"
                        + "\"statement\":\"罚款已缴清 & 已整改 <完毕>\","
                        + "\"callback_url\":\"" + adapter.callbackUrl() + "\"}")));
        platform.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void the_application_is_remembered_before_the_platform_sees_it() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(503)));

        Await.failure(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

        assertThat(store.positions()).containsKey("leg:" + Fixtures.LEG);
    }

    @Test
    void a_replay_answered_200_is_the_same_receipt_not_an_error() {
        platform.stubFor(post(APPLICATIONS).willReturn(okJson(
                "{\"application_no\":\"HZ-XF-2026-0001\",\"received_at\":\"20261120103000\"}")));

        PlatformReceipt receipt = Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

        assertThat(receipt.platformReference()).isEqualTo("HZ-XF-2026-0001");
    }

    @Test
    void materials_go_to_the_application_number() {
        platform.stubFor(post(APPLICATIONS + "/HZ-XF-2026-0001/materials")
                .willReturn(okJson("{\"application_no\":\"HZ-XF-2026-0001\"}")));

        PlatformReceipt receipt = Await.result(adapter.submitMaterials(Fixtures.legAt("HZ-XF-2026-0001"),
                Fixtures.supplement()));

        assertThat(receipt.platformReference()).isEqualTo("HZ-XF-2026-0001");
        platform.verify(postRequestedFor(urlEqualTo(APPLICATIONS + "/HZ-XF-2026-0001/materials"))
                .withHeader("Authorization", equalTo("Bearer tok-1"))
                .withRequestBody(equalToJson("{\"external_id\":\"" + Fixtures.LEG + "\",\"materials\":[{"
                        + "\"attachment_id\":\"att-2\",\"file_name\":\"信用承诺书.pdf\",\"media_type\":\"application/pdf\","
                        + "\"size\":2048,\"sha256\":\"" + Fixtures.SHA + "\",\"kind\":\"CREDIT_COMMITMENT\"}],"
                        + "\"note\":\"补交承诺书\"}")));
    }

    @Test
    void an_application_number_is_encoded_as_one_path_segment() {
        platform.stubFor(post(APPLICATIONS + "/HZ%2F2026%200001/withdrawal")
                .willReturn(okJson("{\"application_no\":\"HZ/2026 0001\"}")));

        PlatformReceipt receipt = Await.result(adapter.submitWithdrawal(Fixtures.legAt("HZ/2026 0001"),
                Fixtures.withdrawal()));

        assertThat(receipt.platformReference()).isEqualTo("HZ/2026 0001");
        platform.verify(postRequestedFor(urlEqualTo(APPLICATIONS + "/HZ%2F2026%200001/withdrawal"))
                .withRequestBody(equalToJson("{\"external_id\":\"" + Fixtures.LEG
                        + "\",\"reason\":\"ENTERPRISE_REQUEST\",\"note\":\"企业申请撤回\"}")));
    }

    @Test
    void a_follow_up_for_a_leg_the_platform_has_not_numbered_is_a_permanent_failure() {
        Throwable t = Await.failure(adapter.submitMaterials(Fixtures.leg(), Fixtures.supplement()));

        assertThat(FailureClassifier.classify(t).retryable()).isFalse();
        platform.verify(0, postRequestedFor(urlPathEqualTo(APPLICATIONS + "/null/materials")));
    }

    @Test
    void the_penalty_feed_is_read_from_the_start_and_then_from_the_cursor() {
        platform.stubFor(get(urlPathEqualTo("/api/v1/penalties")).willReturn(okJson("{\"items\":[{"
                + "\"credit_code\":\"" + Fixtures.CODE.value() + "\",\"enterprise_name\":\"哈尔滨市北运物流有限公司\","
                + "\"decision_number\":\"杭交执罚〔2026〕123号\",\"deciding_authority\":\"杭州市交通运输局\","
                + "\"decision_date\":\"20260315\",\"category\":\"SERIOUS\",\"rule_set\":\"cn-2025\","
                + "\"summary\":\"超限运输\",\"published_on\":\"20260320\"}],\"next_cursor\":\"c-2\",\"has_more\":true}")));

        PenaltyPage page = Await.result(adapter.readPenalties(null, 50));
        Await.result(adapter.readPenalties("c-2", 50));

        assertThat(page.nextCursor()).isEqualTo("c-2");
        assertThat(page.more()).isTrue();
        PenaltyNotice notice = page.decisions().get(0);
        assertThat(notice.enterprise()).isEqualTo(Fixtures.enterprise());
        assertThat(notice.penalty().penalizingMember()).isEqualTo(Fixtures.PENALIZING);
        assertThat(notice.penalty().category()).isEqualTo(PenaltyCategory.SERIOUS);
        assertThat(notice.penalty().decisionDate()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(notice.publishedOn()).isEqualTo(LocalDate.of(2026, 3, 20));
        assertThat(notice.summary()).isEqualTo("超限运输");
        platform.verify(getRequestedFor(urlPathEqualTo("/api/v1/penalties")).withQueryParam("limit", equalTo("50"))
                .withQueryParam("since", absent()));
        platform.verify(getRequestedFor(urlPathEqualTo("/api/v1/penalties")).withQueryParam("since", equalTo("c-2")));
    }

    @Test
    void health_is_up_when_the_platform_says_so() {
        platform.stubFor(get("/api/v1/health").willReturn(okJson("{\"status\":\"UP\"}")));

        assertThat(Await.result(adapter.health())).isEqualTo(AdapterHealth.healthy());
        platform.verify(getRequestedFor(urlEqualTo("/api/v1/health")).withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    void health_is_down_with_the_failure_class_when_the_platform_fails() {
        platform.stubFor(get("/api/v1/health").willReturn(aResponse().withStatus(503)));

        AdapterHealth health = Await.result(adapter.health());

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).startsWith("http_5xx");
    }
}
