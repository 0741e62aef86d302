package org.tongban.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
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
 * SIGKILL in the middle of traffic: the home node dies while its applications are being
 * forwarded and the partner's answers are coming back. After a restart nothing is lost (every
 * case ends) and nothing is applied twice (every transition appears once, on both sides).
 */
class CrashRecoveryIT {
    private static final MemberId HARBIN = MemberId.of("230100");
    private static final MemberId HANGZHOU = MemberId.of("330100");
    private static final int CASES = 24;

    @TempDir
    Path dir;
    FederationHarness federation;

    @AfterEach
    void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    void a_node_killed_mid_flight_loses_nothing_and_applies_nothing_twice() {
        federation = FederationHarness.builder(dir)
                .node("north", null, Member.of("230100", "哈尔滨市"))
                .node("east", null, Member.of("330100", "杭州市"))
                .build().startAll();
        OfficeClient harbin = federation.office("north", HARBIN.value(), "clerk");
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            OfficeClient.Response r = harbin.post("/office/v1/cases", CaseRequests.newCase(
                    CaseRequests.creditCodeAt(HARBIN, String.format("MA1B2C%03d", i)), HANGZHOU).toString());
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            cases.add(r.body().get("caseId").asText());
        }
        // Kill while the first answers are arriving and later applications are still queued.
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> countWithLegState(harbin, "ACCEPTED")
                + countWithLegState(harbin, "REPAIRED") + countWithLegState(harbin, "PUBLICITY_ENDED") > 0);
        federation.process("north").kill();
        federation.process("north").start(Duration.ofSeconds(60));

        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> cases.stream().allMatch(id ->
                harbin.get("/office/v1/cases/" + id).body().get("status").asText().equals("CLOSED")));
        OfficeClient hangzhou = federation.office("east", HANGZHOU.value(), "clerk");
        for (String id : cases) {
            JsonNode home = harbin.get("/office/v1/cases/" + id).body();
            String leg = home.get("legs").get(0).get("legId").asText();
            assertThat(TwoNodeFederationIT.transitions(home, leg)).as("home timeline of %s", id)
                    .containsExactly("SUBMITTED", "FORWARDED", "RECEIVED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
            JsonNode partner = hangzhou.get("/office/v1/cases/" + id).body();
            assertThat(TwoNodeFederationIT.transitions(partner, leg)).as("partner timeline of %s", id)
                    .containsExactly("RECEIVED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        }
    }

    private static int countWithLegState(OfficeClient office, String state) {
        JsonNode list = office.get("/office/v1/cases?legState=" + state + "&limit=200").body();
        return list == null || !list.has("items") ? 0 : list.get("items").size();
    }
}
