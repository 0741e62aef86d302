package org.tongban.adapters.rest;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.adapters.failure.CredentialsRejectedException;
import org.tongban.adapters.failure.Failure;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Every failure class of DIALECTS.md for {@code rest-oauth2}, and the shared classifier's decision. */
class RestOAuth2FailuresTest extends RestPlatformFixture {
    private static final String APPLICATIONS = "/api/v1/repair-applications";
    private static final String CREATED = "{\"application_no\":\"HZ-1\",\"received_at\":\"20261120103000\"}";

    private Failure submitFails() {
        return FailureClassifier.classify(Await.failure(adapter.submitApplication(Fixtures.leg(),
                Fixtures.application())));
    }

    @Test
    void two_503s_then_201_succeeds_on_the_third_try_of_the_caller() {
        platform.stubFor(post(APPLICATIONS).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"server_error\"}"))
                .willSetStateTo("still down"));
        platform.stubFor(post(APPLICATIONS).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        platform.stubFor(post(APPLICATIONS).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody(CREATED)));

        Failure first = submitFails();
        Failure second = submitFails();
        String third = Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference();

        assertThat(first.key()).isEqualTo("http_5xx");
        assertThat(first.retryable()).isTrue();
        assertThat(second.retryable()).isTrue();
        assertThat(third).isEqualTo("HZ-1");
        platform.verify(3, postRequestedFor(urlEqualTo(APPLICATIONS))
                .withHeader("Idempotency-Key", equalTo(Fixtures.LEG.toString())));
    }

    @Test
    void a_429_is_throttling_not_before_retry_after() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        Failure f = submitFails();

        assertThat(f.key()).isEqualTo("throttled");
        assertThat(f.retryable()).isTrue();
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void a_connection_reset_is_retryable() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Failure f = submitFails();

        assertThat(f.key()).isEqualTo("connection");
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void an_answer_slower_than_the_request_timeout_is_a_retryable_timeout() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(201).withBody(CREATED)
                .withFixedDelay(3_000)));

        Failure f = submitFails();

        assertThat(f.key()).isEqualTo("timeout");
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void a_refused_connection_is_retryable() {
        platform.stop();

        Failure f = submitFails();

        assertThat(f.key()).isEqualTo("connection");
        assertThat(f.retryable()).isTrue();
        platform.start();
    }

    @Test
    void a_401_renews_the_token_and_the_call_succeeds() {
        platform.stubFor(post("/oauth/token").inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}"))
                .willSetStateTo("revoked"));
        platform.stubFor(post("/oauth/token").inScenario("token").whenScenarioStateIs("revoked")
                .willReturn(okJson("{\"access_token\":\"tok-2\",\"token_type\":\"Bearer\",\"expires_in\":7200}")));
        platform.stubFor(post(APPLICATIONS).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_token\"}")));
        platform.stubFor(post(APPLICATIONS).withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(aResponse().withStatus(201).withBody(CREATED)));

        assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                .isEqualTo("HZ-1");
        platform.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        platform.verify(2, postRequestedFor(urlEqualTo(APPLICATIONS)));
    }

    @Test
    void a_401_after_the_renewal_is_a_permanent_configuration_failure() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_token\",\"error_description\":\"client not allowed\"}")));

        Throwable t = Await.failure(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));
        Failure f = FailureClassifier.classify(t);

        assertThat(t).isInstanceOf(CredentialsRejectedException.class);
        assertThat(f.key()).isEqualTo("credentials");
        assertThat(f.retryable()).isFalse();
        platform.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        platform.verify(2, postRequestedFor(urlEqualTo(APPLICATIONS)));
    }

    @ParameterizedTest
    @CsvSource({"400,invalid_request", "404,not_found", "409,conflict", "422,refused"})
    void refusals_of_the_request_are_permanent_and_keep_the_platforms_code(int status, String code) {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + code + "\",\"error_description\":\"x\"}")));

        Throwable t = Await.failure(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));
        Failure f = FailureClassifier.classify(t);

        assertThat(((PlatformException) t).partnerCode()).isEqualTo(code);
        assertThat(((PlatformException) t).status()).isEqualTo(status);
        assertThat(f.key()).isEqualTo("http_4xx");
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void a_408_is_retryable() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(408)));

        assertThat(submitFails().retryable()).isTrue();
    }

    @Test
    void a_success_status_with_an_unreadable_body_is_permanent() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(201).withBody("<html>ok</html>")));

        Failure f = submitFails();

        assertThat(f.key()).as(f.detail()).isEqualTo("unreadable");
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void a_receipt_without_an_application_number_is_unreadable() {
        platform.stubFor(post(APPLICATIONS).willReturn(aResponse().withStatus(201).withBody("{\"received_at\":\"x\"}")));

        assertThat(submitFails().key()).isEqualTo("unreadable");
    }

    @Test
    void a_penalty_with_an_unlisted_category_is_permanent_bad_data() {
        platform.stubFor(get(urlPathEqualTo("/api/v1/penalties")).willReturn(okJson("{\"items\":[{"
                + "\"credit_code\":\"" + Fixtures.CODE.value() + "\",\"enterprise_name\":\"x\",\"decision_number\":\"n\","
                + "\"deciding_authority\":\"a\",\"decision_date\":\"20260315\",\"category\":\"HUGE\","
                + "\"rule_set\":\"cn-2025\"}],\"next_cursor\":\"c\",\"has_more\":false}")));

        Failure f = FailureClassifier.classify(Await.failure(adapter.readPenalties(null, 10)));

        assertThat(f.key()).isEqualTo("bad_data");
        assertThat(f.detail()).contains("items/0/category");
    }
}
