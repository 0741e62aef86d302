package org.tongban.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.FederationHarness;
import org.tongban.gateway.testing.FederationHarness.Member;
import org.tongban.gateway.testing.OfficeClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes as separate processes over mutual TLS: a case filed at north (Harbin) for penalties
 * at Hangzhou (east, another node) and Tianjin (north itself) is forwarded, answered by each
 * member's platform, repaired, and ends with every leg PUBLICITY_ENDED and complete timelines on
 * both sides.
 */
class TwoNodeFederationIT {
    private static final MemberId HARBIN = MemberId.of("230100");
    private static final MemberId TIANJIN = MemberId.of("120000");
    private static final MemberId HANGZHOU = MemberId.of("330100");

    @TempDir
    static Path dir;
    static FederationHarness federation;

    @BeforeAll
    static void start() {
        federation = FederationHarness.builder(dir)
                .node("north", null, Member.of("230100", "哈尔滨市"), Member.of("120000", "天津市"))
                .node("east", null, Member.of("330100", "杭州市", "accept", "request-materials", "repair", "end-publicity"))
                .build().startAll();
    }

    @AfterAll
    static void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    void a_case_filed_at_home_ends_with_every_leg_publicity_ended_and_full_timelines_on_both_sides() {
        OfficeClient harbin = federation.office("north", HARBIN.value(), "clerk");
        OfficeClient.Response created = harbin.post("/office/v1/cases",
                CaseRequests.newCase(HARBIN, HANGZHOU, TIANJIN).toString());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String caseId = created.body().get("caseId").asText();

        // Hangzhou's platform asks for more materials first; the clerk hands them in.
        String hangzhouLeg = legAt(created.body(), HANGZHOU);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> stateOf(harbin, caseId, hangzhouLeg).equals("MATERIALS_REQUESTED"));
        OfficeClient.Response supplied = harbin.post("/office/v1/cases/" + caseId + "/legs/" + hangzhouLeg + "/supplements",
                CaseRequests.supplement().toString());
        assertThat(supplied.status()).as(supplied.raw()).isEqualTo(200);

        await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode c = harbin.get("/office/v1/cases/" + caseId).body();
            return c.get("status").asText().equals("CLOSED");
        });
        JsonNode home = harbin.get("/office/v1/cases/" + caseId).body();
        for (JsonNode leg : home.get("legs")) {
            assertThat(leg.get("state").asText()).isEqualTo("PUBLICITY_ENDED");
        }
        assertThat(transitions(home, hangzhouLeg)).containsExactly("SUBMITTED", "FORWARDED", "RECEIVED", "ACCEPTED",
                "MATERIALS_REQUESTED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        assertThat(transitions(home, legAt(home, TIANJIN))).containsExactly("SUBMITTED", "FORWARDED", "RECEIVED",
                "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        for (JsonNode e : home.get("timeline")) {
            assertThat(e.get("at").asText()).isNotEmpty();
            assertThat(e.get("actor").asText()).isNotEmpty();
            if (e.get("kind").asText().equals("TRANSITION") && !e.get("toState").asText().equals("SUBMITTED")) {
                assertThat(e.hasNonNull("messageId")).as("transition %s names its message", e).isTrue();
            }
        }

        // The penalizing side, on the other node, has its own complete timeline of the leg.
        OfficeClient hangzhou = federation.office("east", HANGZHOU.value(), "clerk");
        JsonNode partner = hangzhou.get("/office/v1/cases/" + caseId).body();
        assertThat(partner.get("legs")).hasSize(1);
        assertThat(partner.get("legs").get(0).get("state").asText()).isEqualTo("PUBLICITY_ENDED");
        assertThat(partner.get("legs").get(0).get("platformReference").asText()).startsWith("SCR-");
        assertThat(transitions(partner, hangzhouLeg)).containsExactly("RECEIVED", "ACCEPTED", "MATERIALS_REQUESTED",
                "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        assertThat(kinds(partner, hangzhouLeg)).contains("DELIVERED_TO_PLATFORM", "RECEIPT_RECEIVED").doesNotContain("DEAD_LETTERED");
    }

    private static String stateOf(OfficeClient office, String caseId, String legId) {
        for (JsonNode leg : office.get("/office/v1/cases/" + caseId).body().get("legs")) {
            if (leg.get("legId").asText().equals(legId)) {
                return leg.get("state").asText();
            }
        }
        return "";
    }

    private static String legAt(JsonNode c, MemberId member) {
        for (JsonNode leg : c.get("legs")) {
            if (leg.get("penalizingMember").asText().equals(member.value())) {
                return leg.get("legId").asText();
            }
        }
        throw new AssertionError("no leg at " + member + " in " + c);
    }

    static List<String> transitions(JsonNode c, String legId) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : c.get("timeline")) {
            if (e.get("legId").asText().equals(legId) && e.get("kind").asText().equals("TRANSITION")) {
                out.add(e.get("toState").asText());
            }
        }
        return out;
    }

    static List<String> kinds(JsonNode c, String legId) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : c.get("timeline")) {
            if (e.get("legId").asText().equals(legId)) {
                out.add(e.get("kind").asText());
            }
        }
        return out;
    }
}
