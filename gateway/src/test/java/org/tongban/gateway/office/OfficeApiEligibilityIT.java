package org.tongban.gateway.office;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.contracts.id.MemberId;
import org.tongban.gateway.opsapi.OpsApi;
import org.tongban.gateway.testing.ApiHarness;
import org.tongban.gateway.testing.CaseRequests;
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
 * Filing checks each penalty against the publicity rules on today's date (China): a penalty that
 * cannot be applied for refuses the filing with NOT_ELIGIBLE and reasons a clerk reads, unless
 * the clerk overrides with a reason, which is audited and shown in the leg's timeline. Dates are
 * relative to today, so the answers hold on any day the tests run.
 */
class OfficeApiEligibilityIT {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path dir;
    ApiHarness api;
    TestHttp office;
    String harbinClerk;

    @BeforeEach
    void start() {
        api = ApiHarness.start(dir);
        office = api.office();
        harbinClerk = api.parts().clerkToken(HARBIN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A case with an eligible penalty at Tianjin and, at Hangzhou, a general penalty decided {@code months} ago. */
    private static ObjectNode caseWithHangzhouPenaltyDecided(int monthsAgo) {
        ObjectNode body = CaseRequests.newCase(HARBIN, TIANJIN);
        LocalDate decided = TODAY.minusMonths(monthsAgo);
        String ruleSet = decided.isBefore(LocalDate.of(2026, 4, 1)) ? "cn-2023" : "cn-2025";
        ((ArrayNode) body.get("penalties")).add(CaseRequests.penalty(HANGZHOU, "杭交执罚〔2026〕第9号", decided, "GENERAL", ruleSet));
        return body;
    }

    private TestHttp.Response file(ObjectNode body) {
        return office.post(OfficeApi.CASES, harbinClerk, body.toString());
    }

    private static String legAt(JsonNode c, MemberId member) {
        for (JsonNode l : c.get("legs")) {
            if (l.get("penalizingMember").asText().equals(member.value())) {
                return l.get("legId").asText();
            }
        }
        throw new AssertionError("no leg at " + member);
    }

    private static List<JsonNode> events(JsonNode c, String kind, String legId) {
        List<JsonNode> out = new ArrayList<>();
        c.get("timeline").forEach(e -> {
            if (e.get("kind").asText().equals(kind) && e.get("legId").asText().equals(legId)) {
                out.add(e);
            }
        });
        return out;
    }

    private List<JsonNode> audit() {
        TestHttp.Response r = api.ops().get(OpsApi.AUDIT + "?limit=500", api.parts().opsToken());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("chainValid").asBoolean()).isTrue();
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    @Nested
    class Refusal {
        @Test
        void a_penalty_within_its_minimum_period_refuses_the_filing_with_its_dates_and_reasons() {
            // Decided one month ago, GENERAL under cn-2025: the minimum of 3 months ends on decided + 3 months.
            LocalDate decided = TODAY.minusMonths(1);
            TestHttp.Response r = file(caseWithHangzhouPenaltyDecided(1));

            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
            JsonNode p = r.json();
            assertThat(p.get("code").asText()).isEqualTo("NOT_ELIGIBLE");
            assertThat(p.get("category").asText()).isEqualTo("BUSINESS");
            assertThat(p.get("detail").asText()).contains("override.reason");
            assertThat(p.get("errors")).singleElement().satisfies(e -> {
                assertThat(e.get("pointer").asText()).isEqualTo("/penalties/1");
                assertThat(e.get("detail").asText()).startsWith("MIN_PERIOD_NOT_REACHED: minimum publicity period ends on "
                        + decided.plusMonths(3));
            });
            JsonNode refused = p.get("penalties").get(0);
            assertThat(p.get("penalties")).hasSize(1);
            assertThat(refused.get("pointer").asText()).isEqualTo("/penalties/1");
            assertThat(refused.get("penalizingMember").asText()).isEqualTo(HANGZHOU.value());
            assertThat(refused.get("ruleSet").asText()).isEqualTo("cn-2025");
            assertThat(refused.get("minimumPeriodEnds").asText()).isEqualTo(decided.plusMonths(3).toString());
            assertThat(refused.get("earliestApplication").asText()).isEqualTo(decided.plusMonths(3).plusDays(1).toString());
            assertThat(refused.get("automaticEnd").asText()).isEqualTo(decided.plusMonths(12).plusDays(1).toString());
            JsonNode reason = refused.get("reasons").get(0);
            assertThat(reason.get("code").asText()).isEqualTo("MIN_PERIOD_NOT_REACHED");
            assertThat(reason.get("en").asText()).startsWith("minimum publicity period ends on " + decided.plusMonths(3));
            assertThat(reason.get("zh").asText()).contains("最短公示期").contains(decided.plusMonths(3).toString());
        }

        @Test
        void nothing_is_stored_or_sent_for_a_refused_filing() {
            file(caseWithHangzhouPenaltyDecided(1));

            assertThat(office.get(OfficeApi.CASES, harbinClerk).json().get("items")).isEmpty();
            assertThat(audit()).isEmpty();
            List<org.tongban.gateway.store.OutboxStats> queued = api.parts().store().read(
                    (org.tongban.gateway.store.Tx tx) -> tx.outboxStats(java.time.Instant.now()));
            assertThat(queued).isEmpty();
        }

        @Test
        void a_penalty_past_its_maximum_period_has_nothing_left_to_repair() {
            TestHttp.Response r = file(caseWithHangzhouPenaltyDecided(13));

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("penalties").get(0).get("reasons").get(0).get("code").asText())
                    .isEqualTo("PUBLICITY_ALREADY_ENDED");
        }

        @Test
        void an_override_needs_a_reason() {
            ObjectNode body = caseWithHangzhouPenaltyDecided(1);
            body.putObject("override").put("reason", " ");
            TestHttp.Response r = file(body);

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/override/reason");
            ObjectNode unknown = caseWithHangzhouPenaltyDecided(1);
            unknown.putObject("override").put("reason", "法院判决").put("by", "me");
            assertThat(file(unknown).json().get("errors").get(0).get("code").asText()).isEqualTo("FIELD_UNKNOWN");
        }
    }

    @Nested
    class Override {
        @Test
        void an_override_files_the_case_and_shows_the_reason_in_the_timeline_of_the_leg_it_let_through() {
            ObjectNode body = caseWithHangzhouPenaltyDecided(1);
            body.putObject("override").put("reason", "法院判决撤销原处罚的公示期限（(2026)浙01行终88号）");
            TestHttp.Response r = file(body);

            assertThat(r.status()).as(r.body()).isEqualTo(201);
            JsonNode c = r.json();
            String hangzhouLeg = legAt(c, HANGZHOU);
            assertThat(events(c, "OVERRIDE", hangzhouLeg)).singleElement().satisfies(e -> {
                assertThat(e.get("actor").asText()).isEqualTo("clerk:clerk-230100");
                assertThat(e.get("detail").asText()).contains("MIN_PERIOD_NOT_REACHED")
                        .contains("minimum publicity period ends on").contains("(2026)浙01行终88号");
            });
            assertThat(events(c, "OVERRIDE", legAt(c, TIANJIN))).as("the eligible leg needed no override").isEmpty();
            assertThat(leg(c, HANGZHOU).get("state").asText()).isEqualTo("FORWARDED");
        }

        @Test
        void an_override_is_audited_with_the_codes_and_the_reason() {
            ObjectNode body = caseWithHangzhouPenaltyDecided(1);
            body.putObject("override").put("reason", "法院判决撤销原处罚的公示期限");
            JsonNode c = file(body).json();

            List<JsonNode> lines = audit();
            assertThat(lines).extracting(l -> l.get("action").asText())
                    .containsExactlyInAnyOrder("case.create", "leg.eligibility-override");
            JsonNode override = lines.stream().filter(l -> l.get("action").asText().equals("leg.eligibility-override"))
                    .findFirst().orElseThrow();
            assertThat(override.get("subject").asText()).isEqualTo(legAt(c, HANGZHOU));
            assertThat(override.get("actor").asText()).isEqualTo("clerk:clerk-230100");
            assertThat(override.get("detail").asText()).startsWith("MIN_PERIOD_NOT_REACHED").contains("法院判决撤销原处罚的公示期限");
        }

        private JsonNode leg(JsonNode c, MemberId member) {
            String id = legAt(c, member);
            for (JsonNode l : c.get("legs")) {
                if (l.get("legId").asText().equals(id)) {
                    return l;
                }
            }
            throw new AssertionError();
        }
    }
}
