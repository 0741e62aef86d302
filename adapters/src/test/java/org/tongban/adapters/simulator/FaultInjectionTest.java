package org.tongban.adapters.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.simulator.dialect.XmlElement;
import org.tongban.adapters.simulator.fault.Faults;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Latency and failures, set at start or through the admin API, answered in each dialect's shape. */
class FaultInjectionTest {
    static final String[] KEY = {"X-Api-Key", "k"};

    @Test
    void the_next_failures_answer_503_with_retry_after_then_the_platform_recovers() {
        try (SimulatorFixture p = SimulatorFixture.start(SimulatorOptions.builder(Dialect.POLLING, "440100").apiKey("k")
                .faults(new Faults(Duration.ZERO, Duration.ZERO, 0, 2, 503, null, 7, Set.of("apply"))).build())) {
            SimulatorFixture.Answer first = p.putJson("/v2/applications/leg-1", Samples.pollingApplication(Samples.FIRM), KEY);
            SimulatorFixture.Answer second = p.putJson("/v2/applications/leg-1", Samples.pollingApplication(Samples.FIRM), KEY);
            SimulatorFixture.Answer third = p.putJson("/v2/applications/leg-1", Samples.pollingApplication(Samples.FIRM), KEY);

            assertThat(first.status()).isEqualTo(503);
            assertThat(first.header("Retry-After")).isEqualTo("7");
            assertThat(first.json().getString("message")).isNotBlank();
            assertThat(second.status()).isEqualTo(503);
            assertThat(third.status()).isEqualTo(201);
            // a failed call stored nothing: the third one created the application
            assertThat(p.admin("/stats").getJsonObject("injectedFailures").getLong("apply")).isEqualTo(2);
            assertThat(p.admin("/stats").getJsonObject("calls").getLong("apply")).isEqualTo(3);
            // operations not listed are untouched
            assertThat(p.get("/v2/ping", KEY).status()).isEqualTo(200);
        }
    }

    @Test
    void a_rate_of_one_fails_every_call_and_the_admin_api_turns_it_off() {
        try (SimulatorFixture p = SimulatorFixture.start(SimulatorOptions.builder(Dialect.REST_OAUTH2, "330100").build())) {
            JsonObject set = new JsonObject().put("failureRate", 1.0).put("status", 429).put("retryAfterSeconds", 3);
            SimulatorFixture.Answer put = p.send(p.request("/admin/faults").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(set.encode())));
            assertThat(put.status()).isEqualTo(200);

            for (int i = 0; i < 3; i++) {
                SimulatorFixture.Answer h = p.get("/api/v1/health");
                assertThat(h.status()).isEqualTo(429);
                assertThat(h.header("Retry-After")).isEqualTo("3");
                assertThat(h.json().getString("error")).isEqualTo("too_many_requests");
            }

            p.send(p.request("/admin/faults").DELETE());
            assertThat(p.get("/api/v1/health").status()).isEqualTo(200);
        }
    }

    @Test
    void a_body_code_fails_with_http_200_in_the_xml_dialect() {
        try (SimulatorFixture p = SimulatorFixture.start(SimulatorOptions.builder(Dialect.XML_HMAC, "120000")
                .appKey("ak").appSecret("as").faults(new Faults(Duration.ZERO, Duration.ZERO, 1.0, 0, 503, "2002", 30,
                        Set.of())).build())) {
            byte[] body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Request/>".getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder b = p.request("/xyxf/ping").header("Content-Type", "application/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            new XmlSigner("ak", "as").headers("/xyxf/ping", body, System.currentTimeMillis()).forEach(b::header);

            SimulatorFixture.Answer a = p.send(b);

            assertThat(a.status()).isEqualTo(200);
            XmlElement r = XmlElement.parse(a.bytes(), StandardCharsets.UTF_8);
            assertThat(r.optional("Code")).isEqualTo("2002");
            assertThat(r.optional("RetryAfter")).isEqualTo("30");
        }
    }

    @Test
    void a_body_code_fails_with_http_200_in_the_form_json_dialect() {
        try (SimulatorFixture p = SimulatorFixture.start(SimulatorOptions.builder(Dialect.FORM_JSON, "330700").apiKey("c")
                .faults(new Faults(Duration.ZERO, Duration.ZERO, 0, 1, 503, "E2001", null, Set.of("changes"))).build())) {
            SimulatorFixture.Answer a = p.get("/openapi/xyxf/bgjl", "appcode", "c");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().getBoolean("success")).isFalse();
            assertThat(a.json().getString("errCode")).isEqualTo("E2001");
            assertThat(p.get("/openapi/xyxf/bgjl", "appcode", "c").json().getBoolean("success")).isTrue();
        }
    }

    @Test
    void latency_delays_the_answer_by_at_least_the_fixed_part() {
        try (SimulatorFixture p = SimulatorFixture.start(SimulatorOptions.builder(Dialect.POLLING, "440100").apiKey("k")
                .faults(new Faults(Duration.ofMillis(300), Duration.ofMillis(50), 0, 0, 503, null, null, Set.of("health")))
                .build())) {
            long start = System.nanoTime();
            assertThat(p.get("/v2/ping", KEY).status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void invalid_fault_settings_are_refused_as_problem_json() {
        try (SimulatorFixture p = SimulatorFixture.start(SimulatorOptions.builder(Dialect.POLLING, "440100").build())) {
            SimulatorFixture.Answer a = p.send(p.request("/admin/faults").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("failureRate", 2)
                            .put("operations", new JsonArray().add("apply")).encode())));
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.header("Content-Type")).startsWith("application/problem+json");
            assertThat(a.json().getString("code")).isEqualTo("INVALID_REQUEST");
            assertThat(a.json().getString("detail")).contains("failureRate");
        }
    }
}
