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
 * A partner node that is down: what queues for it arrives once it is back, in order per leg; a
 * partner that does not come back in time leaves dead letters, which one ops call re-drives.
 */
class PeerOutageIT {
    private static final MemberId HARBIN = MemberId.of("230100");
    private static final MemberId HANGZHOU = MemberId.of("330100");

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
    void a_peer_that_was_down_receives_everything_in_order_per_leg_once_it_is_back() {
        federation = FederationHarness.builder(dir)
                .node("north", null, Member.of("230100", "哈尔滨市"))
                .node("east", null, Member.of("330100", "杭州市", "accept"))
                .build();
        federation.process("north").env("TONGBAN_OUTBOX_INITIAL_BACKOFF", "200ms").env("TONGBAN_OUTBOX_MAX_BACKOFF", "1s")
                .env("TONGBAN_OUTBOX_BREAKER_OPEN_FOR", "1s");
        federation.startAll();
        federation.process("east").stop();

        OfficeClient harbin = federation.office("north", HARBIN.value(), "clerk");
        List<String[]> legs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode c = harbin.post("/office/v1/cases", CaseRequests.newCase(
                    CaseRequests.creditCodeAt(HARBIN, String.format("MA2B2C%03d", i)), HANGZHOU).toString()).body();
            String caseId = c.get("caseId").asText();
            String legId = c.get("legs").get(0).get("legId").asText();
            legs.add(new String[] {caseId, legId});
            // A second message for the same leg while the partner is down: it must not overtake the first.
            OfficeClient.Response w = harbin.post("/office/v1/cases/" + caseId + "/legs/" + legId + "/withdrawal",
                    CaseRequests.withdrawal().toString());
            assertThat(w.status()).as(w.raw()).isEqualTo(200);
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> depth(harbin) >= 8 && failures(harbin) > 0);

        federation.process("east").start(Duration.ofSeconds(60));
        OfficeClient hangzhou = federation.office("east", HANGZHOU.value(), "clerk");
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> legs.stream().allMatch(l -> {
            JsonNode c = hangzhou.get("/office/v1/cases/" + l[0]).body();
            return c != null && c.has("legs") && c.get("legs").get(0).get("state").asText().equals("WITHDRAWN");
        }));
        for (String[] l : legs) {
            JsonNode partner = hangzhou.get("/office/v1/cases/" + l[0]).body();
            List<String> seen = TwoNodeFederationIT.transitions(partner, l[1]);
            // The application came first and the withdrawal last (the platform may have accepted in between).
            assertThat(seen).as("partner timeline").first().isEqualTo("RECEIVED");
            assertThat(seen).as("partner timeline").last().isEqualTo("WITHDRAWN");
            assertThat(seen).doesNotHaveDuplicates();
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> depth(harbin) == 0);
    }

    @Test
    void a_peer_that_never_comes_back_ends_in_dead_letters_that_an_api_call_re_drives() {
        federation = FederationHarness.builder(dir)
                .node("north", null, Member.of("230100", "哈尔滨市"))
                .node("east", null, Member.of("330100", "杭州市"))
                .build();
        federation.process("north").env("TONGBAN_OUTBOX_INITIAL_BACKOFF", "200ms").env("TONGBAN_OUTBOX_MAX_BACKOFF", "500ms")
                .env("TONGBAN_OUTBOX_MAX_AGE", "5s").env("TONGBAN_OUTBOX_BREAKER_OPEN_FOR", "500ms");
        federation.startAll();
        federation.process("east").stop();

        OfficeClient harbin = federation.office("north", HARBIN.value(), "clerk");
        JsonNode c = harbin.post("/office/v1/cases", CaseRequests.newCase(HARBIN, HANGZHOU).toString()).body();
        String caseId = c.get("caseId").asText();
        OfficeClient ops = federation.office("north", null, "ops");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode dead = ops.ops("GET", "/ops/v1/dead-letters?destination=node:east").body();
            return dead != null && dead.has("items") && dead.get("items").size() == 1;
        });
        JsonNode timeline = harbin.get("/office/v1/cases/" + caseId).body().get("timeline");
        assertThat(timeline.findValuesAsText("kind")).contains("DEAD_LETTERED");

        federation.process("east").start(Duration.ofSeconds(60));
        OfficeClient.Response redriven = ops.ops("POST", "/ops/v1/dead-letters/redrive?destination=node:east");
        assertThat(redriven.status()).as(redriven.raw()).isEqualTo(200);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                harbin.get("/office/v1/cases/" + caseId).body().get("status").asText().equals("CLOSED"));
        assertThat(ops.ops("GET", "/ops/v1/dead-letters").body().get("items")).isEmpty();
        assertThat(harbin.get("/office/v1/cases/" + caseId).body().get("timeline").findValuesAsText("kind"))
                .contains("REDRIVEN");
    }

    /** Outbox depth towards east, from the node's Prometheus metrics. */
    private static double depth(OfficeClient office) {
        return metric(office, "tongban_outbox_depth", "destination=\\\"node:east\\\"");
    }

    private static double failures(OfficeClient office) {
        return metric(office, "tongban_messages_out_total", "outcome=\\\"");
    }

    static double metric(OfficeClient office, String name, String labelPart) {
        String text = office.ops("GET", "/metrics").raw();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelPart.replace("\\\"", "\""))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
