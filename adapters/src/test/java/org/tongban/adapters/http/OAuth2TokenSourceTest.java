package org.tongban.adapters.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.config.Secret;
import org.tongban.adapters.failure.CredentialsRejectedException;
import org.tongban.adapters.failure.FailureClassifier;
import org.tongban.adapters.failure.PlatformException;
import org.tongban.adapters.failure.UnreadableResponseException;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.MutableClock;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class OAuth2TokenSourceTest {
    private static Vertx vertx;
    private static WebClient client;
    private WireMockServer platform;
    private MutableClock clock;
    private OAuth2TokenSource tokens;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void close() {
        client.close();
        Await.result(vertx.close());
    }

    @BeforeEach
    void platform() {
        platform = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
        clock = new MutableClock(Instant.parse("2026-11-20T02:30:00Z"));
        tokens = source(null);
    }

    private OAuth2TokenSource source(String scope) {
        return new OAuth2TokenSource(client, new OAuth2TokenSource.Credentials(
                URI.create(platform.baseUrl() + "/oauth/token"), "hz-gateway", Secret.of("pa ss&word"), scope),
                5_000, clock);
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    private void tokenAnswers(String token, int expiresIn) {
        platform.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"" + token
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")));
    }

    @Nested
    class Fetching {
        @Test
        void posts_the_client_credentials_form_and_caches_the_token() {
            tokenAnswers("t-1", 7200);
            tokens = source("repair");

            assertThat(Await.result(tokens.token())).isEqualTo("t-1");
            assertThat(Await.result(tokens.token())).isEqualTo("t-1");

            platform.verify(1, postRequestedFor(urlEqualTo("/oauth/token"))
                    .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                    .withFormParam("grant_type", equalTo("client_credentials"))
                    .withFormParam("client_id", equalTo("hz-gateway"))
                    .withFormParam("client_secret", equalTo("pa ss&word"))
                    .withFormParam("scope", equalTo("repair")));
        }

        @Test
        void renews_when_less_than_sixty_seconds_remain() {
            platform.stubFor(post("/oauth/token").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"bearer\",\"expires_in\":7200}"))
                    .willSetStateTo("second"));
            platform.stubFor(post("/oauth/token").inScenario("t").whenScenarioStateIs("second")
                    .willReturn(okJson("{\"access_token\":\"t-2\",\"token_type\":\"Bearer\",\"expires_in\":7200}")));

            assertThat(Await.result(tokens.token())).isEqualTo("t-1");
            clock.advance(Duration.ofSeconds(7200 - 61));
            assertThat(Await.result(tokens.token())).isEqualTo("t-1");
            clock.advance(Duration.ofSeconds(2));
            assertThat(Await.result(tokens.token())).isEqualTo("t-2");
        }

        @Test
        void a_short_lived_token_is_renewed_when_a_tenth_of_its_life_remains() {
            tokenAnswers("short", 100);

            Await.result(tokens.token());
            clock.advance(Duration.ofSeconds(89));
            Await.result(tokens.token());
            assertThat(tokens.fetches()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(2));
            Await.result(tokens.token());
            assertThat(tokens.fetches()).isEqualTo(2);
        }

        @Test
        void concurrent_callers_share_one_fetch() {
            platform.stubFor(post("/oauth/token").willReturn(okJson(
                    "{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}").withFixedDelay(300)));

            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                all.add(tokens.token());
            }

            assertThat(all).extracting(Await::result).containsOnly("t-1");
            platform.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        }

        @Test
        void a_refused_client_is_a_permanent_credentials_failure() {
            platform.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}")));

            Throwable t = Await.failure(tokens.token());

            assertThat(t).isInstanceOf(CredentialsRejectedException.class)
                    .hasMessageContaining("invalid_client").hasMessageNotContaining("pa ss&word");
            assertThat(FailureClassifier.classify(t).key()).isEqualTo("credentials");
            assertThat(FailureClassifier.classify(t).retryable()).isFalse();
        }

        @Test
        void an_unavailable_endpoint_is_retryable_and_the_next_call_tries_again() {
            platform.stubFor(post("/oauth/token").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "4")).willSetStateTo("up"));
            platform.stubFor(post("/oauth/token").inScenario("t").whenScenarioStateIs("up")
                    .willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":60}")));

            Throwable t = Await.failure(tokens.token());
            assertThat(t).isInstanceOf(PlatformException.class);
            assertThat(FailureClassifier.classify(t).retryable()).isTrue();
            assertThat(FailureClassifier.classify(t).retryAfter()).isEqualTo(Duration.ofSeconds(4));

            assertThat(Await.result(tokens.token())).isEqualTo("t-1");
        }

        @Test
        void an_answer_without_a_bearer_token_is_unreadable() {
            platform.stubFor(post("/oauth/token").willReturn(okJson("{\"token_type\":\"mac\",\"access_token\":\"x\"}")));

            Throwable t = Await.failure(tokens.token());

            assertThat(t).isInstanceOf(UnreadableResponseException.class);
            assertThat(FailureClassifier.classify(t).key()).isEqualTo("unreadable");
        }
    }

    @Nested
    class Sending {
        private final Function<String, Future<HttpResponse<Buffer>>> call = token ->
                client.getAbs(platform.baseUrl() + "/api").putHeader("Authorization", "Bearer " + token).send();

        @Test
        void a_401_renews_the_token_once_and_repeats_the_call() {
            platform.stubFor(post("/oauth/token").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"access_token\":\"old\",\"token_type\":\"Bearer\",\"expires_in\":7200}"))
                    .willSetStateTo("renewed"));
            platform.stubFor(post("/oauth/token").inScenario("t").whenScenarioStateIs("renewed")
                    .willReturn(okJson("{\"access_token\":\"new\",\"token_type\":\"Bearer\",\"expires_in\":7200}")));
            platform.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer old"))
                    .willReturn(aResponse().withStatus(401)));
            platform.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer new")).willReturn(okJson("{}")));

            assertThat(Await.result(tokens.send(call)).statusCode()).isEqualTo(200);
            platform.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
            platform.verify(2, getRequestedFor(urlEqualTo("/api")));
        }

        @Test
        void a_second_401_is_a_permanent_credentials_failure() {
            tokenAnswers("t", 7200);
            platform.stubFor(get("/api").willReturn(aResponse().withStatus(401)
                    .withBody("{\"error\":\"invalid_token\"}")));

            Throwable t = Await.failure(tokens.send(call));

            assertThat(t).isInstanceOf(CredentialsRejectedException.class);
            assertThat(((CredentialsRejectedException) t).partnerCode()).isEqualTo("invalid_token");
            assertThat(FailureClassifier.classify(t).retryable()).isFalse();
            platform.verify(2, getRequestedFor(urlEqualTo("/api")));
        }

        @Test
        void other_statuses_are_returned_for_the_dialect_to_judge() {
            tokenAnswers("t", 7200);
            platform.stubFor(get("/api").willReturn(aResponse().withStatus(503)));

            assertThat(Await.result(tokens.send(call)).statusCode()).isEqualTo(503);
            platform.verify(1, getRequestedFor(urlEqualTo("/api")));
        }
    }
}
