package org.tongban.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.FederationHarness;
import org.tongban.gateway.testing.FederationHarness.Member;
import org.tongban.gateway.testing.FreePorts;
import org.tongban.gateway.testing.LocalPostgres;
import org.tongban.gateway.testing.NodeProcess;
import org.tongban.gateway.testing.OfficeClient;
import org.tongban.gateway.testing.TcpFailover;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leg left unanswered past its deadline gives exactly one breach and one escalation, although
 * two processes of the home node poll the durable timers of one PostgreSQL and one of them is
 * killed and restarted while the clocks run. Hangzhou's platform never answers; the directory
 * gives Hangzhou a test profile, {@code it-fast} (acceptance within 20 seconds, escalated),
 * defined in the nodes' configuration only.
 */
class SlaBreachPostgresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MemberId HARBIN = MemberId.of("230100");
    private static final MemberId HANGZHOU = MemberId.of("330100");
    private static final int CASES = 4;

    @TempDir
    Path dir;
    FederationHarness federation;
    LocalPostgres postgres;
    TcpFailover balancer;

    @AfterEach
    void stop() {
        if (federation != null) {
            federation.close();
        }
        if (balancer != null) {
            balancer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void an_unanswered_leg_breaches_once_and_escalates_once_across_two_processes_and_a_restart() {
        postgres = LocalPostgres.durable();
        ObjectNode store = JSON.createObjectNode().put("kind", "postgresql").put("url", postgres.jdbcUrl())
                .put("user", LocalPostgres.USER).put("poolSize", 6);
        int northAddress = FreePorts.next();
        int aFed = FreePorts.next();
        int bFed = FreePorts.next();
        federation = FederationHarness.builder(dir)
                .node("north", northAddress, store, Member.of("230100", "哈尔滨市"))
                .node("east", null, Member.silent("330100", "杭州市").withSlaProfile("it-fast"))
                .build();
        ObjectNode fast = JSON.createObjectNode();
        fast.putObject("sla").putObject("profiles").putObject("it-fast")
                .put("description", "test profile: acceptance within 20 seconds")
                .putObject("clocks").putObject("ACCEPTANCE").put("within", "20s").put("escalate", true);
        federation.configure("north", fast).configure("east", fast);
        balancer = TcpFailover.listen(northAddress, List.of(aFed, bFed));
        int aOffice = FreePorts.next();
        int bOffice = FreePorts.next();
        int aOps = FreePorts.next();
        int bOps = FreePorts.next();
        NodeProcess a = federation.process("north");
        NodeProcess b = federation.addProcess("north", "north-b");
        for (Object[] p : new Object[][] {{a, aFed, aOffice, aOps}, {b, bFed, bOffice, bOps}}) {
            ((NodeProcess) p[0]).env("TONGBAN_LISTEN_FEDERATION_PORT", p[1].toString())
                    .env("TONGBAN_LISTEN_OFFICE_PORT", p[2].toString()).env("TONGBAN_LISTEN_OPS_PORT", p[3].toString())
                    .env("TONGBAN_SLA_POLL_EVERY", "200ms").env("TONGBAN_SLA_LEASE_FOR", "3s")
                    .env("TONGBAN_OUTBOX_LEASE_FOR", "3s").env("TONGBAN_OUTBOX_INITIAL_BACKOFF", "200ms")
                    .env("TONGBAN_OUTBOX_MAX_BACKOFF", "1s");
        }
        federation.startAll();
        OfficeClient viaA = federation.office(aOffice, aOps, HARBIN.value(), "clerk");
        OfficeClient viaB = federation.office(bOffice, bOps, HARBIN.value(), "clerk");
        assertThat(viaA.ops("GET", "/metrics").raw()).as("calendar coverage is exported")
                .contains("tongban_calendar_years_missing");

        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            OfficeClient.Response r = (i % 2 == 0 ? viaA : viaB).post("/office/v1/cases", CaseRequests.newCase(
                    CaseRequests.creditCodeAt(HARBIN, String.format("MA5B2C%03d", i)), HANGZHOU).toString());
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            cases.add(r.body().get("caseId").asText());
        }
        // East receipts each application: the acceptance clock starts at north.
        await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                .until(() -> cases.stream().allMatch(id -> "RECEIVED".equals(leg(viaB, id).get("state").asText())));
        for (String id : cases) {
            JsonNode deadline = viaB.get("/office/v1/cases/" + id).body().get("deadlines").get(0);
            assertThat(deadline.get("clock").asText()).isEqualTo("ACCEPTANCE");
            assertThat(deadline.get("profile").asText()).isEqualTo("it-fast");
            assertThat(deadline.get("status").asText()).isEqualTo("RUNNING");
        }

        // One process dies and comes back while the clocks run; the timers are rows, not memory.
        a.kill();
        a.start(Duration.ofSeconds(60));
        assertThat(cases).allSatisfy(id -> assertThat(breaches(viaB, id)).as("not due yet").isZero());

        await().ignoreExceptions().atMost(Duration.ofSeconds(90))
                .until(() -> cases.stream().allMatch(id -> breaches(viaA, id) == 1));
        // A few more polls of both processes: nothing fires twice.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .until(() -> cases.stream().allMatch(id -> breaches(viaB, id) == 1));
        for (String id : cases) {
            JsonNode c = viaB.get("/office/v1/cases/" + id).body();
            assertThat(kinds(c)).as("home timeline of %s", id).containsOnlyOnce("SLA_BREACH", "ESCALATED");
            JsonNode deadline = c.get("deadlines").get(0);
            assertThat(deadline.get("status").asText()).isEqualTo("BREACHED");
            assertThat(deadline.hasNonNull("breachedAt")).isTrue();
        }
        double byA = metric(viaA, "tongban_sla_breaches_total", "member=\"330100\"", "clock=\"ACCEPTANCE\"",
                "profile=\"it-fast\"");
        double byB = metric(viaB, "tongban_sla_breaches_total", "member=\"330100\"", "clock=\"ACCEPTANCE\"",
                "profile=\"it-fast\"");
        assertThat(byA + byB).as("breaches counted by a (%s) and b (%s)", byA, byB).isEqualTo(CASES);

        // East takes one escalation message per leg (a redelivery of the same message id would be a
        // duplicate the inbox absorbs) and notes it once on the leg.
        OfficeClient east = federation.office("east", HANGZHOU.value(), "clerk");
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> metric(east,
                "tongban_messages_in_total", "type=\"Escalation\"", "outcome=\"accepted\"") >= CASES);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() -> metric(east,
                "tongban_messages_in_total", "type=\"Escalation\"", "outcome=\"accepted\"") == CASES);
        assertThat(metric(east, "tongban_messages_in_total", "type=\"Escalation\"", "outcome=\"accepted\""))
                .isEqualTo(CASES);
        for (String id : cases) {
            JsonNode partner = east.get("/office/v1/cases/" + id).body();
            List<JsonNode> escalations = new ArrayList<>();
            partner.get("timeline").forEach(e -> {
                if (e.get("kind").asText().equals("ESCALATED")) {
                    escalations.add(e);
                }
            });
            assertThat(escalations).as("partner timeline of %s", id).singleElement()
                    .satisfies(e -> assertThat(e.get("detail").asText()).startsWith("SLA_BREACH"));
        }
    }

    /** The sum of a metric's series whose labels contain every one of {@code labels}. */
    private static double metric(OfficeClient office, String name, String... labels) {
        double sum = 0;
        for (String line : office.ops("GET", "/metrics").raw().split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static JsonNode leg(OfficeClient office, String caseId) {
        return office.get("/office/v1/cases/" + caseId).body().get("legs").get(0);
    }

    private static long breaches(OfficeClient office, String caseId) {
        return kinds(office.get("/office/v1/cases/" + caseId).body()).stream().filter("SLA_BREACH"::equals).count();
    }

    private static List<String> kinds(JsonNode c) {
        List<String> out = new ArrayList<>();
        c.get("timeline").forEach(e -> out.add(e.get("kind").asText()));
        return out;
    }
}
