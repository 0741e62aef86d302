package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.contracts.batch.InclusionProof;
import org.tongban.contracts.batch.MerkleTree;
import org.tongban.contracts.crypto.Digests;
import org.tongban.contracts.json.Canonicalizer;
import org.tongban.contracts.message.PenaltyNotice;
import org.tongban.contracts.message.PenaltyNoticeBatch;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.gateway.cases.Clerk;
import org.tongban.gateway.store.OutboxStats;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
import org.tongban.gateway.testing.Notices;
import org.tongban.gateway.testing.SharingParts;
import org.tongban.gateway.testing.TestHttp;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.gateway.testing.TestNodeParts.HANGZHOU;
import static org.tongban.gateway.testing.TestNodeParts.HARBIN;
import static org.tongban.gateway.testing.TestNodeParts.TIANJIN;

/**
 * The home office's penalty notices (处罚信息共享) over the office API: listed with eligibility and
 * reasons, only the clerk's own member's, one with its inclusion proof, and a case opened from one
 * in one call, its leg going back to the penalizing member.
 */
class OfficeApiNoticesIT {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    /** Repairable today: decided six months ago (一般, minimum three months). */
    private static final LocalDate REPAIRABLE = TODAY.minusMonths(6);
    /** Not yet: decided a month ago. */
    private static final LocalDate RECENT = TODAY.minusMonths(1);

    @TempDir
    Path dir;
    ApiHarness api;
    TestHttp office;
    String harbin;
    String tianjin;

    @BeforeEach
    void start() {
        api = ApiHarness.start(dir);
        office = api.office();
        harbin = api.parts().clerkToken(HARBIN);
        tianjin = api.parts().clerkToken(TIANJIN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Hangzhou (on a peer node) shares notices with Harbin in one batch. */
    private void hangzhouShares(PenaltyNotice... notices) {
        api.parts().receive(api.parts().signedBy(HANGZHOU, HARBIN, PenaltyNoticeBatch.of("hz-1", List.of(notices))));
    }

    private List<JsonNode> items(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    private static ObjectNode openCaseBody() {
        ObjectNode body = CaseRequests.newCase(HARBIN, HANGZHOU);
        for (String notFromTheClerk : List.of("enterprise", "penalties", "appliedOn")) {
            body.remove(notFromTheClerk);
        }
        return body;
    }

    @Nested
    class Listing {
        @Test
        void shows_the_members_notices_with_the_day_repair_can_be_applied_for_and_why_not_yet() {
            hangzhouShares(Notices.notice(HANGZHOU, "230102", 1, REPAIRABLE), Notices.notice(HANGZHOU, "230103", 2, RECENT));

            List<JsonNode> notices = items(office.get(OfficeApi.NOTICES, harbin));

            assertThat(notices).hasSize(2);
            JsonNode repairable = notices.get(0).get("eligibility");
            assertThat(repairable.get("canApplyNow").asBoolean()).isTrue();
            assertThat(repairable.get("earliestApplication").asText()).isEqualTo(REPAIRABLE.plusMonths(3).plusDays(1).toString());
            assertThat(repairable.get("reasons")).isEmpty();
            JsonNode recent = notices.get(1).get("eligibility");
            assertThat(recent.get("canApplyNow").asBoolean()).isFalse();
            assertThat(recent.get("earliestApplication").asText()).isEqualTo(RECENT.plusMonths(3).plusDays(1).toString());
            assertThat(recent.get("reasons").get(0).get("code").asText()).isEqualTo("MIN_PERIOD_NOT_REACHED");
            assertThat(recent.get("reasons").get(0).get("zh").asText()).contains("起可申请修复");
            assertThat(notices.get(0).get("source").get("leafIndex").asInt()).isZero();
            assertThat(notices.get(0).has("proof")).isFalse();
        }

        @Test
        void a_clerk_sees_only_the_notices_of_its_own_member_and_ops_sees_all() {
            hangzhouShares(Notices.notice(HANGZHOU, "230102", 1, REPAIRABLE));
            api.parts().receive(api.parts().signedBy(HANGZHOU, TIANJIN, Notices.notice(HANGZHOU, "120104", 2, REPAIRABLE)));

            assertThat(items(office.get(OfficeApi.NOTICES, harbin))).hasSize(1);
            List<JsonNode> atTianjin = items(office.get(OfficeApi.NOTICES, tianjin));
            assertThat(atTianjin).singleElement().satisfies(n -> assertThat(n.get("homeMember").asText()).isEqualTo("120000"));
            assertThat(items(office.get(OfficeApi.NOTICES, api.parts().opsToken()))).hasSize(2);

            String tianjins = atTianjin.get(0).get("noticeId").asText();
            TestHttp.Response other = office.get(OfficeApi.NOTICES + "/" + tianjins, harbin);
            assertThat(other.status()).isEqualTo(404);
            assertThat(other.code()).isEqualTo("NOTICE_NOT_FOUND");
        }

        @Test
        void filters_by_state_and_pages_with_a_cursor() {
            PenaltyNotice ended = Notices.notice(HANGZHOU, "230102", 1, REPAIRABLE);
            hangzhouShares(ended, Notices.notice(HANGZHOU, "230102", 2, REPAIRABLE), Notices.notice(HANGZHOU, "230102", 3, RECENT));
            api.parts().receive(api.parts().signedBy(HANGZHOU, HARBIN, new PublicityEnded(ended.enterprise(), ended.penalty(),
                    PublicityEndCause.REPAIRED, TODAY, List.of(PublicityChannel.CREDIT_CHINA))));

            List<JsonNode> endedOnes = items(office.get(OfficeApi.NOTICES + "?state=ENDED", harbin));
            assertThat(endedOnes).singleElement().satisfies(n -> {
                assertThat(n.get("publicityEnded").get("cause").asText()).isEqualTo("REPAIRED");
                assertThat(n.get("eligibility").get("canApplyNow").asBoolean()).isFalse();
                assertThat(n.get("eligibility").get("reasons").get(0).get("code").asText()).isEqualTo("PUBLICITY_ALREADY_ENDED");
            });
            assertThat(items(office.get(OfficeApi.NOTICES + "?state=PUBLISHED", harbin))).hasSize(2);

            TestHttp.Response first = office.get(OfficeApi.NOTICES + "?limit=2", harbin);
            String next = first.json().get("next").asText();
            TestHttp.Response last = office.get(OfficeApi.NOTICES + "?limit=2&after=" + next, harbin);
            assertThat(items(first)).hasSize(2);
            assertThat(items(last)).hasSize(1);
            assertThat(last.json().get("next").isNull()).isTrue();
        }

        @Test
        void refuses_unknown_parameters_and_bad_ids_with_problems() {
            TestHttp.Response unknown = office.get(OfficeApi.NOTICES + "?colour=red", harbin);
            TestHttp.Response badState = office.get(OfficeApi.NOTICES + "?state=OPEN", harbin);
            TestHttp.Response badId = office.get(OfficeApi.NOTICES + "/not-an-id", harbin);
            TestHttp.Response anonymous = office.get(OfficeApi.NOTICES, null);

            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.code()).isEqualTo("FIELD_UNKNOWN");
            assertThat(badState.code()).isEqualTo("ENUM_INVALID");
            assertThat(badId.code()).isEqualTo("IDENTIFIER_INVALID");
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    @Nested
    class One_notice {
        @Test
        void carries_an_inclusion_proof_that_leads_to_the_signed_root() {
            PenaltyNotice second = Notices.notice(HANGZHOU, "230102", 2, REPAIRABLE);
            hangzhouShares(Notices.notice(HANGZHOU, "230102", 1, REPAIRABLE), second,
                    Notices.notice(HANGZHOU, "230102", 3, REPAIRABLE));
            String id = items(office.get(OfficeApi.NOTICES, harbin)).get(1).get("noticeId").asText();

            JsonNode proof = office.get(OfficeApi.NOTICES + "/" + id, harbin).json().get("proof");

            List<byte[]> path = new ArrayList<>();
            proof.get("auditPath").forEach(h -> path.add(Digests.unhex(h.asText())));
            InclusionProof p = new InclusionProof(proof.get("leafIndex").asLong(), proof.get("treeSize").asLong(), path);
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.treeSize()).isEqualTo(3);
            MerkleTree.verify(Canonicalizer.canonicalize(second.toJson()), p, Digests.unhex(proof.get("treeRoot").asText()));
            assertThat(proof.get("treeRoot").asText()).isEqualTo(PenaltyNoticeBatch.of("hz-1", List.of(
                    Notices.notice(HANGZHOU, "230102", 1, REPAIRABLE), second, Notices.notice(HANGZHOU, "230102", 3, REPAIRABLE)))
                    .treeRoot());
        }
    }

    @Nested
    class Opening_a_case {
        @Test
        void files_a_case_with_one_leg_back_to_the_penalizing_member_once() {
            PenaltyNotice notice = Notices.notice(HANGZHOU, "230102", 1, REPAIRABLE);
            hangzhouShares(notice);
            String id = items(office.get(OfficeApi.NOTICES, harbin)).get(0).get("noticeId").asText();

            TestHttp.Response opened = office.post(OfficeApi.NOTICES + "/" + id + "/case", harbin, openCaseBody().toString());

            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            JsonNode c = opened.json();
            assertThat(c.get("homeMember").asText()).isEqualTo("230100");
            assertThat(c.get("enterprise").get("creditCode").asText()).isEqualTo(notice.enterprise().creditCode().value());
            assertThat(c.get("appliedOn").asText()).isEqualTo(TODAY.toString());
            assertThat(c.get("legs")).singleElement().satisfies(leg -> {
                assertThat(leg.get("penalizingMember").asText()).isEqualTo("330100");
                assertThat(leg.get("state").asText()).isEqualTo("FORWARDED");
                assertThat(leg.get("penalty").get("decisionNumber").asText()).isEqualTo(notice.penalty().decisionNumber());
            });
            long toEast = api.parts().store().read(tx -> tx.outboxStats(api.parts().clock().instant())).stream()
                    .filter(s -> s.destination().equals("node:east")).mapToLong(OutboxStats::pending).sum();
            assertThat(toEast).as("the RepairApplication waits for east, Hangzhou's node").isEqualTo(1);

            TestHttp.Response again = office.post(OfficeApi.NOTICES + "/" + id + "/case", harbin, openCaseBody().toString());
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("caseId").asText()).isEqualTo(c.get("caseId").asText());
            assertThat(again.headers().get("Location")).isEqualTo(OfficeApi.CASES + "/" + c.get("caseId").asText());
            assertThat(office.get(OfficeApi.NOTICES + "/" + id, harbin).json().get("caseId").asText())
                    .isEqualTo(c.get("caseId").asText());
        }

        @Test
        void is_for_the_home_members_office_only_and_not_for_an_ended_notice() {
            PenaltyNotice notice = Notices.notice(HANGZHOU, "230102", 1, REPAIRABLE);
            hangzhouShares(notice);
            String id = items(office.get(OfficeApi.NOTICES, harbin)).get(0).get("noticeId").asText();
            String path = OfficeApi.NOTICES + "/" + id + "/case";

            TestHttp.Response byTianjin = office.post(path, tianjin, openCaseBody().toString());
            TestHttp.Response byOps = office.post(path, api.parts().opsToken(), openCaseBody().toString());
            TestHttp.Response noContacts = office.post(path, harbin, openCaseBody().without("contacts").toString());
            assertThat(byTianjin.code()).isEqualTo("NOTICE_NOT_FOUND");
            assertThat(byOps.code()).isEqualTo("FORBIDDEN");
            assertThat(noContacts.code()).isEqualTo("FIELD_REQUIRED");

            api.parts().receive(api.parts().signedBy(HANGZHOU, HARBIN, new PublicityEnded(notice.enterprise(),
                    notice.penalty(), PublicityEndCause.MAX_PERIOD_REACHED, TODAY, List.of(PublicityChannel.CREDIT_CHINA))));
            TestHttp.Response ended = office.post(path, harbin, openCaseBody().toString());
            assertThat(ended.status()).isEqualTo(422);
            assertThat(ended.code()).isEqualTo("NOT_ELIGIBLE");
            assertThat(items(office.get(OfficeApi.CASES, harbin))).isEmpty();
        }

        @Test
        void from_a_notice_shared_by_a_member_on_this_node_hands_the_application_over_at_once() {
            new SharingParts(api.parts()).sharing(500).share(TIANJIN, null,
                    new PenaltyPage(List.of(Notices.notice(TIANJIN, "230102", 9, REPAIRABLE)), "1", false));
            String id = items(office.get(OfficeApi.NOTICES, harbin)).get(0).get("noticeId").asText();

            JsonNode c = office.post(OfficeApi.NOTICES + "/" + id + "/case", harbin, openCaseBody().toString()).json();

            assertThat(c.get("legs").get(0).get("penalizingMember").asText()).isEqualTo("120000");
            assertThat(c.get("legs").get(0).get("state").asText()).isEqualTo("RECEIVED");
            TestHttp.Response atTianjin = office.get(OfficeApi.CASES + "/" + c.get("caseId").asText(),
                    api.parts().token("clerk-tj", TIANJIN, Clerk.Role.clerk));
            assertThat(atTianjin.status()).isEqualTo(200);
        }
    }
}
