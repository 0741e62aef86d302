package org.tongban.adapters.simulator;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSimulatorMainTest {
    @Test
    void prints_its_bound_url_and_answers_there() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PlatformSimulator s = PlatformSimulatorMain.start(vertx, new String[]{"--dialect", "rest-oauth2", "--port", "0",
                    "--member", "330100", "--policy", "ACCEPT@1s,REPAIR@1s", "--client-secret", "cs"},
                    new PrintStream(out, true, StandardCharsets.UTF_8));

            String printed = out.toString(StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("platform simulator ready: (http://127\\.0\\.0\\.1:(\\d+)) ").matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(s.port()).isPositive();
            assertThat(printed).contains("clientSecret cs").contains("policy ACCEPT@1s,REPAIR@1s");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            s.stop().await(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refuses_unknown_options_and_dialects() {
        assertThatThrownBy(() -> PlatformSimulatorMain.options(new String[]{"--dialect", "soap", "--member", "330100"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("form-json");
        assertThatThrownBy(() -> PlatformSimulatorMain.options(new String[]{"--dialect", "polling", "--member", "330100",
                "--colour", "red"})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
        assertThatThrownBy(() -> PlatformSimulatorMain.options(new String[]{"--dialect", "polling"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--member");
    }

    @Test
    void reads_credit_code_policies_and_faults() {
        SimulatorOptions o = PlatformSimulatorMain.options(new String[]{"--dialect", "xml-hmac", "--member", "120000",
                "--charset", "GBK", "--policy-for", Samples.FIRM + "=ACCEPT,ASK_MATERIALS,REPAIR", "--failure-rate", "0.25",
                "--failure-code", "2001", "--latency", "50ms"});
        assertThat(o.charset().name()).isEqualTo("GBK");
        assertThat(o.policiesByCreditCode().get(Samples.FIRM).steps()).hasSize(3);
        assertThat(o.faults().failureRate()).isEqualTo(0.25);
        assertThat(o.faults().bodyCode()).isEqualTo("2001");
        assertThat(o.faults().latency().toMillis()).isEqualTo(50);
    }
}
