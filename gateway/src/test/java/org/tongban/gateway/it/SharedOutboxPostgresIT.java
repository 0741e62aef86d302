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
 * Two processes of one node on one PostgreSQL share one outbox: each message is delivered once
 * while both run (SKIP LOCKED claims and leases), and when one is killed the other takes over its
 * leased work after the lease expires and finishes every case.
 */
class SharedOutboxPostgresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MemberId HARBIN = MemberId.of("230100");
    private static final MemberId HANGZHOU = MemberId.of("330100");

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
    void two_processes_share_the_outbox_without_double_delivery_and_one_finishes_the_others_work() {
        postgres = LocalPostgres.durable();
        ObjectNode store = JSON.createObjectNode().put("kind", "postgresql").put("url", postgres.jdbcUrl())
                .put("user", LocalPostgres.USER).put("poolSize", 6);
        int northAddress = FreePorts.next();
        int aFed = FreePorts.next();
        int bFed = FreePorts.next();
        federation = FederationHarness.builder(dir)
                .node("north", northAddress, store, Member.of("230100", "哈尔滨市"))
                .node("east", null, Member.of("330100", "杭州市"))
                .build();
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
                    .env("TONGBAN_OUTBOX_LEASE_FOR", "15s").env("TONGBAN_OUTBOX_INITIAL_BACKOFF", "200ms")
                    .env("TONGBAN_OUTBOX_MAX_BACKOFF", "1s");
        }
        federation.startAll();
        OfficeClient viaA = federation.office(aOffice, aOps, HARBIN.value(), "clerk");
        OfficeClient viaB = federation.office(bOffice, bOps, HARBIN.value(), "clerk");

        // Phase 1: both processes run; every application reaches east exactly once.
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            OfficeClient office = i % 2 == 0 ? viaA : viaB;
            OfficeClient.Response r = office.post("/office/v1/cases", CaseRequests.newCase(
                    CaseRequests.creditCodeAt(HARBIN, String.format("MA3B2C%03d", i)), HANGZHOU).toString());
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            cases.add(r.body().get("caseId").asText());
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> closed(viaB, cases) == cases.size());
        OfficeClient eastOps = federation.office("east", null, "ops");
        assertThat(PeerOutageIT.metric(eastOps, "tongban_messages_in_total", "outcome=\"accepted\""))
                .as("every message accepted once at east").isGreaterThanOrEqualTo(30);
        assertThat(PeerOutageIT.metric(eastOps, "tongban_messages_in_total", "outcome=\"duplicate\""))
                .as("no message delivered twice while both processes ran").isZero();
        double sentByA = PeerOutageIT.metric(viaA, "tongban_messages_out_total", "peer=\"east\"");
        double sentByB = PeerOutageIT.metric(viaB, "tongban_messages_out_total", "peer=\"east\"");
        assertThat(sentByA).as("process a delivered some").isPositive();
        assertThat(sentByB).as("process b delivered some").isPositive();

        // Phase 2: a is killed with work queued; b finishes it.
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OfficeClient.Response r = viaA.post("/office/v1/cases", CaseRequests.newCase(
                    CaseRequests.creditCodeAt(HARBIN, String.format("MA4B2C%03d", i)), HANGZHOU).toString());
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            more.add(r.body().get("caseId").asText());
        }
        a.kill();
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> closed(viaB, more) == more.size());
        for (String id : more) {
            JsonNode c = viaB.get("/office/v1/cases/" + id).body();
            String leg = c.get("legs").get(0).get("legId").asText();
            assertThat(TwoNodeFederationIT.transitions(c, leg)).containsExactly("SUBMITTED", "FORWARDED", "RECEIVED",
                    "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        }
    }

    private static long closed(OfficeClient office, List<String> ids) {
        return ids.stream().filter(id -> office.get("/office/v1/cases/" + id).body().get("status").asText().equals("CLOSED"))
                .count();
    }
}
