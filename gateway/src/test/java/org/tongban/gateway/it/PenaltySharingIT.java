package org.tongban.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.contracts.message.PenaltyCategory;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.FederationHarness;
import org.tongban.gateway.testing.FederationHarness.Member;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.OfficeClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Penalty sharing between two nodes as separate processes over mutual TLS. Hangzhou's platform
 * (east) publishes six penalty decisions; east shares those on enterprises of Harbin and Tianjin
 * (north) with their home members, in a batch and singly, keeps the one on a Hangzhou enterprise
 * and the one on an enterprise outside the federation to itself. At north the notices appear with
 * the right earliest repair date, the one that can be repaired is reminded, the one past its
 * maximum period is ended by east (免申享), and a case opened from a notice goes back to
 * Hangzhou, whose platform repairs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PenaltySharingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MemberId HANGZHOU = MemberId.of("330100");
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    /** 一般, decided five months ago: repair could be applied for from two months ago. */
    private static final PenaltyNotice REPAIRABLE = Notices.notice(HANGZHOU, "230102", 1, TODAY.minusMonths(5));
    /** 一般, decided a month ago: not yet. */
    private static final PenaltyNotice RECENT = Notices.notice(HANGZHOU, "230103", 2, TODAY.minusMonths(1));
    /** 轻微, decided four months ago: its three-month maximum has passed. */
    private static final PenaltyNotice PAST_MAXIMUM = Notices.notice(HANGZHOU, "230100", 3, TODAY.minusMonths(4),
            PenaltyCategory.MINOR);
    private static final PenaltyNotice TIANJIN_FIRM = Notices.notice(HANGZHOU, "120104", 4, TODAY.minusMonths(5));
    private static final PenaltyNotice AT_HOME = Notices.notice(HANGZHOU, "330106", 5, TODAY.minusMonths(5));
    private static final PenaltyNotice OUTSIDE = Notices.notice(HANGZHOU, "421202", 6, TODAY.minusMonths(5));

    @TempDir
    static Path dir;
    static FederationHarness federation;
    static OfficeClient harbin;

    @BeforeAll
    static void start() {
        ObjectNode platform = JSON.createObjectNode();
        ArrayNode penalties = platform.putArray("penalties");
        for (PenaltyNotice n : List.of(REPAIRABLE, RECENT, PAST_MAXIMUM, TIANJIN_FIRM, AT_HOME, OUTSIDE)) {
            penalties.add(n.toJson());
        }
        federation = FederationHarness.builder(dir)
                .node("north", null, Member.of("230100", "哈尔滨市"), Member.of("120000", "天津市"))
                .node("east", null, Member.of("330100", "杭州市").withPlatform(platform))
                .build()
                .envForAll("TONGBAN_SHARING_BATCH_SIZE", "2")
                .envForAll("TONGBAN_SHARING_POLL_EVERY", "500ms")
                .envForAll("TONGBAN_SHARING_JOBS_EVERY", "1s")
                .startAll();
        harbin = federation.office("north", "230100", "clerk");
    }

    @AfterAll
    static void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    private static List<JsonNode> notices(OfficeClient office) {
        OfficeClient.Response r = office.get("/office/v1/notices");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.body().get("items").forEach(out::add);
        return out;
    }

    private static JsonNode noticeOf(PenaltyNotice n) {
        return notices(harbin).stream()
                .filter(j -> j.get("penalty").get("decisionNumber").asText().equals(n.penalty().decisionNumber()))
                .findFirst().orElseThrow(() -> new AssertionError("no notice of " + n.penalty().decisionNumber()));
    }

    @Test
    @Order(1)
    void the_penalties_on_harbin_firms_appear_at_harbin_with_their_earliest_repair_date() {
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> notices(harbin).size() == 3);

        JsonNode repairable = noticeOf(REPAIRABLE);
        assertThat(repairable.get("eligibility").get("earliestApplication").asText())
                .isEqualTo(REPAIRABLE.penalty().decisionDate().plusMonths(3).plusDays(1).toString());
        assertThat(repairable.get("eligibility").get("canApplyNow").asBoolean()).isTrue();
        JsonNode recent = noticeOf(RECENT);
        assertThat(recent.get("eligibility").get("earliestApplication").asText())
                .isEqualTo(RECENT.penalty().decisionDate().plusMonths(3).plusDays(1).toString());
        assertThat(recent.get("eligibility").get("reasons").get(0).get("code").asText()).isEqualTo("MIN_PERIOD_NOT_REACHED");
        // three notices for Harbin, in batches of two: one batch and one single notice
        assertThat(notices(harbin)).extracting(n -> n.get("source").has("batchId")).containsExactlyInAnyOrder(true, true, false);

        List<JsonNode> atTianjin = notices(federation.office("north", "120000", "clerk"));
        assertThat(atTianjin).singleElement().satisfies(n -> assertThat(n.get("enterprise").get("creditCode").asText())
                .isEqualTo(TIANJIN_FIRM.enterprise().creditCode().value()));

        String eastMetrics = federation.office("east", "330100", "clerk").ops("GET", "/metrics").raw();
        assertThat(eastMetrics).containsPattern("tongban_penalty_notices_shared_total\\{[^}]*outcome=\"at_home\"[^}]*} 1\\.0")
                .containsPattern("tongban_penalty_notices_shared_total\\{[^}]*outcome=\"home_not_in_directory\"[^}]*} 1\\.0")
                .containsPattern("tongban_penalty_notices_shared_total\\{[^}]*outcome=\"batched\"[^}]*} 2\\.0");
    }

    @Test
    @Order(2)
    void the_office_is_reminded_once_of_the_repairable_penalty_and_east_ends_the_one_past_its_maximum_period() {
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> noticeOf(REPAIRABLE).has("remindedAt")
                && noticeOf(PAST_MAXIMUM).has("publicityEnded"));

        assertThat(noticeOf(RECENT).has("remindedAt")).isFalse();
        JsonNode ended = noticeOf(PAST_MAXIMUM).get("publicityEnded");
        assertThat(ended.get("cause").asText()).isEqualTo("MAX_PERIOD_REACHED");
        assertThat(ended.get("endedOn").asText()).isEqualTo(PAST_MAXIMUM.penalty().decisionDate().plusMonths(3).plusDays(1)
                .toString());
        assertThat(noticeOf(PAST_MAXIMUM).has("remindedAt")).as("past its maximum period, not repairable").isFalse();
        String remindedAt = noticeOf(REPAIRABLE).get("remindedAt").asText();
        // the count follows the commit that marked the notice reminded
        await().atMost(Duration.ofSeconds(10)).until(() -> PeerOutageIT.metric(harbin, "tongban_penalty_reminders_total",
                "member=\"230100\"") == 1.0);
        // later runs of the job leave it as it is
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> noticeOf(REPAIRABLE).get("remindedAt").asText().equals(remindedAt));
    }

    @Test
    @Order(3)
    void a_case_opened_from_a_notice_goes_back_to_hangzhou_and_is_repaired_there() {
        String noticeId = noticeOf(REPAIRABLE).get("noticeId").asText();
        ObjectNode body = CaseRequests.newCase(MemberId.of("230100"), HANGZHOU);
        body.remove(List.of("enterprise", "penalties", "appliedOn"));

        OfficeClient.Response opened = harbin.post("/office/v1/notices/" + noticeId + "/case", body.toString());

        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String caseId = opened.body().get("caseId").asText();
        JsonNode leg = opened.body().get("legs").get(0);
        assertThat(leg.get("penalizingMember").asText()).isEqualTo("330100");
        await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                .until(() -> harbin.get("/office/v1/cases/" + caseId).body().get("status").asText().equals("CLOSED"));
        assertThat(harbin.get("/office/v1/cases/" + caseId).body().get("legs").get(0).get("state").asText())
                .isEqualTo("PUBLICITY_ENDED");

        JsonNode atHangzhou = federation.office("east", "330100", "clerk").get("/office/v1/cases/" + caseId).body();
        assertThat(atHangzhou.get("legs")).singleElement().satisfies(l -> {
            assertThat(l.get("legId").asText()).isEqualTo(leg.get("legId").asText());
            assertThat(l.get("penalty").get("decisionNumber").asText()).isEqualTo(REPAIRABLE.penalty().decisionNumber());
        });
        JsonNode notice = noticeOf(REPAIRABLE);
        assertThat(notice.get("caseId").asText()).isEqualTo(caseId);
        assertThat(notice.get("publicityEnded").get("cause").asText()).isEqualTo("REPAIRED");
    }
}
