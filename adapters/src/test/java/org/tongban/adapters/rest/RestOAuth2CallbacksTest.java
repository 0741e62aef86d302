package org.tongban.adapters.rest;

import io.vertx.core.Promise;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.Reason;
import org.tongban.contracts.message.ReasonCode;
import org.tongban.contracts.message.RepairDecision;
import org.tongban.contracts.message.RequestedMaterial;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RestOAuth2CallbacksTest extends RestPlatformFixture {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-21T09:30:00+08:00");

    private HttpResponse<String> push(String token, String body) throws Exception {
        return pushAsync(token, body).get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> pushAsync(String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(adapter.callbackUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("X-Callback-Token", token);
        }
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String type, String extra) {
        return "{\"event_id\":\"ev-1\",\"application_no\":\"HZ-1\",\"external_id\":\"" + Fixtures.LEG + "\","
                + "\"case_id\":\"" + Fixtures.CASE + "\",\"home_member\":\"230100\",\"event_type\":\"" + type + "\","
                + "\"occurred_at\":\"20261121093000\"" + extra + "}";
    }

    private PlatformEvent onlyStored() {
        assertThat(sink.stored()).hasSize(1);
        return sink.stored().get(0);
    }

    @Nested
    class Accepted {
        @Test
        void an_acceptance_is_stored_with_the_leg_and_answered_code_0() throws Exception {
            HttpResponse<String> r = push(CALLBACK_TOKEN, event("ACCEPTED", ""));

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"code\":0}");
            PlatformEvent e = onlyStored();
            assertThat(e.eventId()).isEqualTo("ev-1");
            assertThat(e.leg()).isEqualTo(new LegRef(Fixtures.CASE, Fixtures.LEG, Fixtures.HOME, Fixtures.PENALIZING,
                    "HZ-1"));
            assertThat(e.payload()).isEqualTo(new Acceptance(AcceptanceOutcome.ACCEPTED, "HZ-1", List.of(), AT));
            assertThat(e.at()).isEqualTo(Instant.parse("2026-11-21T01:30:00Z"));
        }

        @Test
        void a_refusal_to_accept_carries_its_reason() throws Exception {
            push(CALLBACK_TOKEN, event("NOT_ACCEPTED",
                    ",\"reason_code\":\"MIN_PERIOD_NOT_REACHED\",\"reason_text\":\"未满三个月\""));

            assertThat(onlyStored().payload()).isEqualTo(new Acceptance(AcceptanceOutcome.NOT_ACCEPTED, "HZ-1",
                    List.of(new Reason(ReasonCode.MIN_PERIOD_NOT_REACHED, "未满三个月")), AT));
        }

        @Test
        void a_materials_request_lists_what_is_wanted() throws Exception {
            push(CALLBACK_TOKEN, event("MATERIALS_REQUESTED", ",\"reason_code\":\"MATERIALS_INCOMPLETE\","
                    + "\"reason_text\":\"请补充\",\"requested_materials\":[{\"kind\":\"CREDIT_COMMITMENT\","
                    + "\"description\":\"加盖公章的承诺书\"}],\"respond_by\":\"20261128\""));

            assertThat(onlyStored().payload()).isEqualTo(new MaterialsRequest(List.of(new RequestedMaterial(
                    MaterialKind.CREDIT_COMMITMENT, "加盖公章的承诺书")), LocalDate.of(2026, 11, 28), "请补充"));
        }

        @Test
        void repaired_and_refused_are_decisions() throws Exception {
            push(CALLBACK_TOKEN, event("REPAIRED", ",\"decision_no\":\"杭信修〔2026〕9号\""));
            push(CALLBACK_TOKEN, event("REFUSED", ",\"reason_code\":\"OBLIGATIONS_NOT_FULFILLED\"")
                    .replace("ev-1", "ev-2"));

            assertThat(sink.stored()).extracting(PlatformEvent::payload).containsExactly(
                    new RepairDecision(DecisionOutcome.REPAIRED, List.of(), AT, "杭信修〔2026〕9号"),
                    new RepairDecision(DecisionOutcome.REFUSED, List.of(new Reason(ReasonCode.OBLIGATIONS_NOT_FULFILLED,
                            null)), AT, null));
        }

        @Test
        void publicity_ended_names_the_enterprise_and_penalty_of_the_submitted_application() throws Exception {
            platform.stubFor(post("/api/v1/repair-applications").willReturn(aResponse().withStatus(201)
                    .withBody("{\"application_no\":\"HZ-1\",\"received_at\":\"20261120103000\"}")));
            Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            HttpResponse<String> r = push(CALLBACK_TOKEN, event("PUBLICITY_ENDED",
                    ",\"ended_on\":\"20261130\",\"channels\":[\"CREDIT_CHINA\",\"NATIONAL_ENTERPRISE_CREDIT_PUBLICITY\"]"));

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(onlyStored().payload()).isEqualTo(new PublicityEnded(Fixtures.enterprise(), Fixtures.penalty(),
                    PublicityEndCause.REPAIRED, LocalDate.of(2026, 11, 30),
                    List.of(PublicityChannel.CREDIT_CHINA, PublicityChannel.NATIONAL_ENTERPRISE_CREDIT_PUBLICITY)));
        }

        @Test
        void the_answer_waits_until_the_gateway_stored_the_event() throws Exception {
            Promise<Void> stored = Promise.promise();
            sink.holdingUntil(stored);

            CompletableFuture<HttpResponse<String>> answer = pushAsync(CALLBACK_TOKEN, event("ACCEPTED", ""));
            // the adapter has handed the event over; until the store answers, the platform gets no answer
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts().size() == 1);
            assertThat(answer).isNotDone();

            stored.complete();
            assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Refused {
        @Test
        void a_wrong_token_is_401_and_nothing_is_stored() throws Exception {
            assertThat(push("guess", event("ACCEPTED", "")).statusCode()).isEqualTo(401);
            assertThat(push(null, event("ACCEPTED", "")).statusCode()).isEqualTo(401);
            assertThat(sink.stored()).isEmpty();
        }

        @Test
        void a_body_that_is_not_json_is_400() throws Exception {
            HttpResponse<String> r = push(CALLBACK_TOKEN, "event_id=ev-1");

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(sink.stored()).isEmpty();
        }

        @Test
        void an_unlisted_event_type_is_400() throws Exception {
            HttpResponse<String> r = push(CALLBACK_TOKEN, event("ESCALATED", ""));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("event_type");
        }

        @Test
        void an_external_id_that_is_not_a_leg_id_is_400() throws Exception {
            assertThat(push(CALLBACK_TOKEN, event("ACCEPTED", "").replace(Fixtures.LEG.toString(), "LEG-1"))
                    .statusCode()).isEqualTo(400);
        }

        @Test
        void a_date_in_another_format_is_400() throws Exception {
            assertThat(push(CALLBACK_TOKEN, event("ACCEPTED", "").replace("20261121093000", "2026-11-21 09:30:00"))
                    .statusCode()).isEqualTo(400);
        }

        @Test
        void publicity_ended_for_a_leg_never_applied_through_this_adapter_is_400() throws Exception {
            assertThat(push(CALLBACK_TOKEN, event("PUBLICITY_ENDED",
                    ",\"ended_on\":\"20261130\",\"channels\":[\"CREDIT_CHINA\"]")).statusCode()).isEqualTo(400);
        }

        @Test
        void an_event_the_gateway_could_not_store_is_503_and_the_next_push_succeeds() throws Exception {
            sink.failing();
            HttpResponse<String> first = push(CALLBACK_TOKEN, event("ACCEPTED", ""));

            sink.storing();
            HttpResponse<String> again = push(CALLBACK_TOKEN, event("ACCEPTED", ""));

            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(sink.stored()).hasSize(1);
        }
    }
}
