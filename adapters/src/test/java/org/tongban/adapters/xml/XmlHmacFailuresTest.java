package org.tongban.adapters.xml;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.failure.BodyStatusException;
import org.tongban.adapters.failure.CredentialsRejectedException;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Every failure class of DIALECTS.md for {@code xml-hmac}, and the shared classifier's decision. */
class XmlHmacFailuresTest extends XmlPlatformFixture {
    private static final String APPLY = "/gw/xyxf/apply";

    private Throwable submitThrows() {
        return Await.failure(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));
    }

    private Failure submitFails() {
        return FailureClassifier.classify(submitThrows());
    }

    @Test
    void busy_is_retryable_after_the_platforms_wait() {
        platform.stubFor(post(APPLY).willReturn(answer("<Code>2001</Code><Message>系统繁忙</Message>"
                + "<RetryAfter>30</RetryAfter>")));

        Failure f = submitFails();

        assertThat(f.key()).isEqualTo("busy");
        assertThat(f.retryable()).isTrue();
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void maintenance_is_retryable() {
        platform.stubFor(post(APPLY).willReturn(answer("<Code>2002</Code><Message>系统维护</Message>")));

        Failure f = submitFails();

        assertThat(f.key()).isEqualTo("maintenance");
        assertThat(f.retryable()).isTrue();
        assertThat(f.retryAfter()).isNull();
    }

    @Test
    void an_invalid_field_is_permanent_bad_data_with_the_platforms_code() {
        platform.stubFor(post(APPLY).willReturn(answer("<Code>1001</Code><Message>统一社会信用代码无效</Message>")));

        Throwable t = submitThrows();

        assertThat(((BodyStatusException) t).partnerCode()).isEqualTo("1001");
        assertThat(t.getMessage()).contains("统一社会信用代码无效");
        assertThat(FailureClassifier.classify(t)).extracting(Failure::key, Failure::retryable)
                .containsExactly("bad_data", false);
    }

    @Test
    void a_refusal_is_permanent() {
        platform.stubFor(post(APPLY).willReturn(answer("<Code>1003</Code><Message>不予受理</Message>")));

        assertThat(submitFails()).extracting(Failure::key, Failure::retryable).containsExactly("refused", false);
    }

    @Test
    void a_timestamp_out_of_window_is_re_signed_once_and_then_succeeds() {
        platform.stubFor(post(APPLY).inScenario("clock").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer("<Code>4002</Code><Message>时间戳超出范围</Message>")).willSetStateTo("resigned"));
        platform.stubFor(post(APPLY).inScenario("clock").whenScenarioStateIs("resigned")
                .willReturn(answer("<Code>0000</Code><ApplicationNo>HZ-1</ApplicationNo>")));

        assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                .isEqualTo("HZ-1");
        List<LoggedRequest> sent = requests("/xyxf/apply");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("X-Nonce")).isNotEqualTo(sent.get(0).getHeader("X-Nonce"));
        assertThat(sent.get(1).getBody()).isEqualTo(sent.get(0).getBody());
        sent.forEach(XmlPlatformFixture::assertSigned);
    }

    @Test
    void a_signature_refused_twice_is_a_permanent_configuration_failure() {
        platform.stubFor(post(APPLY).willReturn(answer("<Code>4001</Code><Message>签名无效</Message>")));

        Throwable t = submitThrows();

        assertThat(t).isInstanceOf(CredentialsRejectedException.class);
        assertThat(FailureClassifier.classify(t)).extracting(Failure::key, Failure::retryable)
                .containsExactly("credentials", false);
        assertThat(requests("/xyxf/apply")).hasSize(2);
    }

    @Test
    void two_503s_then_success_on_the_third_try_of_the_caller() {
        platform.stubFor(post(APPLY).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        platform.stubFor(post(APPLY).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        platform.stubFor(post(APPLY).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(answer("<Code>0000</Code><ApplicationNo>HZ-1</ApplicationNo>")));

        assertThat(submitFails()).extracting(Failure::key, Failure::retryable).containsExactly("http_5xx", true);
        assertThat(submitFails().retryable()).isTrue();
        assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                .isEqualTo("HZ-1");
    }

    @Test
    void http_429_is_throttling_with_retry_after() {
        platform.stubFor(post(APPLY).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));

        Failure f = submitFails();

        assertThat(f.key()).isEqualTo("throttled");
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void http_400_is_permanent() {
        platform.stubFor(post(APPLY).willReturn(aResponse().withStatus(400)));

        assertThat(submitFails()).extracting(Failure::key, Failure::retryable).containsExactly("http_4xx", false);
    }

    @Test
    void a_connection_reset_is_retryable() {
        platform.stubFor(post(APPLY).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(submitFails()).extracting(Failure::key, Failure::retryable).containsExactly("connection", true);
    }

    @Test
    void an_answer_slower_than_the_request_timeout_is_a_retryable_timeout() {
        platform.stubFor(post(APPLY).willReturn(code("0000").withFixedDelay(3_000)));

        assertThat(submitFails()).extracting(Failure::key, Failure::retryable).containsExactly("timeout", true);
    }

    @Test
    void an_answer_that_is_not_xml_is_permanent() {
        platform.stubFor(post(APPLY).willReturn(aResponse().withStatus(200).withBody("{\"code\":0}")));

        assertThat(submitFails()).extracting(Failure::key, Failure::retryable).containsExactly("unreadable", false);
    }

    @Test
    void a_code_the_dialect_does_not_define_is_permanent() {
        platform.stubFor(post(APPLY).willReturn(answer("<Code>9999</Code>")));

        assertThat(submitFails()).extracting(Failure::key, Failure::retryable).containsExactly("unreadable", false);
    }

    @Test
    void success_without_an_application_number_is_unreadable() {
        platform.stubFor(post(APPLY).willReturn(answer("<Code>0000</Code>")));

        assertThat(submitFails().key()).isEqualTo("unreadable");
    }

    @Test
    void a_penalty_item_with_an_invalid_credit_code_is_permanent_bad_data() {
        platform.stubFor(post("/gw/xyxf/penalties").willReturn(answer("<Code>0000</Code><Items><Item>"
                + "<CreditCode>91330100716105852E</CreditCode><EnterpriseName>x</EnterpriseName>"
                + "<DecisionNumber>n</DecisionNumber><DecidingAuthority>a</DecidingAuthority>"
                + "<DecisionDate>2026-03-15</DecisionDate><Category>GENERAL</Category><RuleSet>cn-2025</RuleSet>"
                + "</Item></Items><NextCursor>c</NextCursor><HasMore>false</HasMore>")));

        assertThat(FailureClassifier.classify(Await.failure(adapter.readPenalties(null, 10))))
                .extracting(Failure::key, Failure::retryable).containsExactly("bad_data", false);
    }
}
