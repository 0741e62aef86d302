package org.tongban.adapters.polling;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.adapters.testing.RecordingSink;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.testing.Await;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.ReasonCode;
import org.tongban.contracts.message.RepairDecision;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tongban.adapters.polling.PollingPlatform.change;

/** The change feed of the {@code polling} dialect: order, cursor, restarts, backoff. */
class PollingFeedTest {
    private static Vertx vertx;
    private PollingPlatform platform;
    private RecordingSink sink;
    private final List<PollingAdapter> adapters = new ArrayList<>();

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        Await.result(vertx.close());
    }

    @BeforeEach
    void platform() {
        platform = new PollingPlatform(vertx);
        sink = new RecordingSink();
    }

    @AfterEach
    void stop() {
        adapters.forEach(a -> Await.result(a.stop()));
        platform.close();
    }

    private PollingAdapter started(JsonObject extra) {
        PollingAdapter a = platform.adapter(extra);
        adapters.add(a);
        Await.result(a.start(sink));
        return a;
    }

    private PollingAdapter started() {
        return started(null);
    }

    @Nested
    class Delivery {
        @Test
        void hands_over_every_change_in_feed_order_as_contract_events_and_saves_each_page_cursor() {
            platform.server.stubFor(put("/v2/applications/" + Fixtures.LEG).willReturn(okJson("{\"id\":\"HZ-2026-0001\"}")));
            platform.page(null, "p1", true, change("c1", "ACCEPTED"),
                    change("c2", "MATERIALS_REQUESTED").put("reasonText", "缺少承诺书").put("respondBy", "2026-11-28")
                            .put("requestedMaterials", new JsonArray().add(new JsonObject().put("kind", "CREDIT_COMMITMENT")
                                    .put("description", "信用承诺书原件"))));
            platform.page("p1", "p2", false, change("c3", "REPAIRED").put("decisionNo", "杭信修决〔2026〕9号"),
                    change("c4", "PUBLICITY_ENDED").put("endedOn", "2026-11-30")
                            .put("channels", new JsonArray().add("CREDIT_CHINA").add("LOCAL_PORTAL")));
            platform.page("p2", "p2", false);
            PollingAdapter adapter = started();
            Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored().size() == 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> platform.pollsAfter().contains("p2"));

            List<PlatformEvent> events = sink.stored();
            assertThat(sink.storedIds()).containsExactly("c1", "c2", "c3", "c4");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.leg().legId()).isEqualTo(Fixtures.LEG);
                assertThat(e.leg().caseId()).isEqualTo(Fixtures.CASE);
                assertThat(e.leg().homeMember()).isEqualTo(Fixtures.HOME);
                assertThat(e.leg().penalizingMember()).isEqualTo(Fixtures.PENALIZING);
                assertThat(e.leg().platformReference()).isEqualTo("HZ-2026-0001");
                assertThat(e.at()).isEqualTo(java.time.Instant.parse("2026-11-21T01:30:00Z"));
            });
            assertThat(((Acceptance) events.get(0).payload()).outcome()).isEqualTo(AcceptanceOutcome.ACCEPTED);
            MaterialsRequest request = (MaterialsRequest) events.get(1).payload();
            assertThat(request.requested()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MaterialKind.CREDIT_COMMITMENT);
                assertThat(m.description()).isEqualTo("信用承诺书原件");
            });
            assertThat(request.respondBy()).isEqualTo(LocalDate.of(2026, 11, 28));
            RepairDecision decision = (RepairDecision) events.get(2).payload();
            assertThat(decision.outcome()).isEqualTo(DecisionOutcome.REPAIRED);
            assertThat(decision.decisionReference()).isEqualTo("杭信修决〔2026〕9号");
            PublicityEnded ended = (PublicityEnded) events.get(3).payload();
            assertThat(ended.enterprise()).isEqualTo(Fixtures.enterprise());
            assertThat(ended.penalty()).isEqualTo(Fixtures.penalty());
            assertThat(ended.endedOn()).isEqualTo(LocalDate.of(2026, 11, 30));
            assertThat(ended.channels()).containsExactly(PublicityChannel.CREDIT_CHINA, PublicityChannel.LOCAL_PORTAL);
            assertThat(platform.cursors.cursorSaves()).containsExactly("changes=p1", "changes=p2");
            // p1 said more: the next page was read at once, then the feed was polled from p2 on
            assertThat(platform.pollsAfter()).startsWith(null, "p1", "p2");
        }

        @Test
        void refusals_carry_the_reason_code_and_text() {
            platform.page(null, "p1", false,
                    change("c1", "NOT_ACCEPTED").put("reasonCode", "MIN_PERIOD_NOT_REACHED").put("reasonText", "未满三个月"),
                    change("c2", "REFUSED").put("reasonText", "罚款未缴清"));
            started();

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored().size() == 2);

            Acceptance notAccepted = (Acceptance) sink.stored().get(0).payload();
            assertThat(notAccepted.outcome()).isEqualTo(AcceptanceOutcome.NOT_ACCEPTED);
            assertThat(notAccepted.reasons()).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo(ReasonCode.MIN_PERIOD_NOT_REACHED);
                assertThat(r.text()).isEqualTo("未满三个月");
            });
            RepairDecision refused = (RepairDecision) sink.stored().get(1).payload();
            assertThat(refused.outcome()).isEqualTo(DecisionOutcome.REFUSED);
            assertThat(refused.reasons()).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(ReasonCode.OTHER));
        }

        @Test
        void a_change_that_can_never_be_taken_is_passed_over_and_the_rest_of_the_page_stored() {
            platform.page(null, "p1", false, change("c1", "ESCALATED"),
                    change("c2", "PUBLICITY_ENDED").put("endedOn", "2026-11-30").put("channels", new JsonArray().add("CREDIT_CHINA")),
                    new JsonObject().put("changeId", "c3").put("type", "ACCEPTED"),
                    change("c4", "ACCEPTED"));
            PollingAdapter adapter = started();

            await().atMost(Duration.ofSeconds(10)).until(() -> platform.cursors.position("changes").isPresent());

            // c1: a type not listed; c2: publicity ended on a leg this adapter never submitted; c3: no leg
            assertThat(sink.storedIds()).containsExactly("c4");
            assertThat(adapter.feedStatus().refused()).isEqualTo(3);
            assertThat(platform.cursors.position("changes")).contains("p1");
        }
    }

    @Nested
    class Cursor {
        @Test
        void is_saved_only_after_every_event_of_the_page_was_stored() {
            sink.then(RecordingSink.Outcome.HOLD, RecordingSink.Outcome.HOLD);
            platform.page(null, "p1", false, change("c1", "ACCEPTED"), change("c2", "REPAIRED"));
            started();

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.heldCount() == 1);
            // one at a time: the second change waits for the first to be stored
            assertThat(sink.attempts()).containsExactly("c1");
            assertThat(platform.cursors.cursorSaves()).isEmpty();

            sink.releaseOne();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.heldCount() == 1 && sink.attempts().size() == 2);
            assertThat(platform.cursors.cursorSaves()).isEmpty();

            sink.releaseOne();
            await().atMost(Duration.ofSeconds(10)).until(() -> platform.cursors.position("changes").isPresent());
            assertThat(platform.cursors.cursorSaves()).containsExactly("changes=p1");
        }

        @Test
        void stays_put_when_an_event_was_not_stored_and_the_page_is_read_again() {
            sink.then(RecordingSink.Outcome.STORE, RecordingSink.Outcome.FAIL);
            platform.page(null, "p1", false, change("c1", "ACCEPTED"), change("c2", "REPAIRED"));
            platform.page("p1", "p1", false);
            started();

            await().atMost(Duration.ofSeconds(10)).until(() -> platform.cursors.position("changes").isPresent());

            assertThat(sink.attempts()).containsExactly("c1", "c2", "c1", "c2");
            List<String> polls = platform.pollsAfter();
            assertThat(polls.subList(0, 2)).containsExactly(null, null);
            assertThat(platform.cursors.cursorSaves()).containsExactly("changes=p1");
        }

        @Test
        void across_a_restart_no_change_is_missed_or_repeated() {
            platform.page(null, "p1", false, change("c1", "ACCEPTED"), change("c2", "MATERIALS_REQUESTED")
                    .put("requestedMaterials", new JsonArray().add(new JsonObject().put("kind", "OTHER").put("description", "x"))));
            platform.page("p1", "p1", false);
            PollingAdapter first = started();
            await().atMost(Duration.ofSeconds(10)).until(() -> platform.pollsAfter().contains("p1"));
            Await.result(first.stop());
            int pollsBefore = platform.pollsAfter().size();

            // while the node was down the platform decided more
            platform.page("p1", "p2", false, change("c3", "ACCEPTED"), change("c4", "REPAIRED"));
            platform.page("p2", "p2", false);
            started();
            await().atMost(Duration.ofSeconds(10)).until(() -> platform.pollsAfter().contains("p2"));

            assertThat(sink.storedIds()).containsExactly("c1", "c2", "c3", "c4");
            assertThat(sink.attempts()).doesNotHaveDuplicates();
            assertThat(platform.pollsAfter().get(pollsBefore)).isEqualTo("p1");
            assertThat(platform.cursors.position("changes")).contains("p2");
        }

        @Test
        void a_store_that_cannot_give_the_cursor_is_a_failed_poll_not_a_poll_from_the_beginning() {
            platform.page(null, "p1", false, change("c1", "ACCEPTED"));
            platform.cursors.failing(true);
            PollingAdapter adapter = started();

            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.feedStatus().consecutiveFailures() >= 2);
            assertThat(platform.pollsAfter()).isEmpty();

            platform.cursors.failing(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.storedIds().contains("c1"));
        }
    }

    @Nested
    class Backoff {
        @Test
        void a_failing_feed_is_polled_less_and_less_often_then_at_the_normal_pace_once_it_answers() {
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes")).withQueryParam("after", absent())
                    .inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("down-2"));
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes")).withQueryParam("after", absent())
                    .inScenario("outage").whenScenarioStateIs("down-2")
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("down-3"));
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes")).withQueryParam("after", absent())
                    .inScenario("outage").whenScenarioStateIs("down-3")
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes")).withQueryParam("after", absent())
                    .inScenario("outage").whenScenarioStateIs("up")
                    .willReturn(okJson("{\"changes\":[" + change("c1", "ACCEPTED").encode() + "],\"cursor\":\"p1\",\"more\":false}")));
            platform.page("p1", "p1", false);
            // pollEvery 100ms, maxBackoff 400ms: after failure n the wait is in [cap/2, cap], cap = min(400, 100·2^n)
            PollingAdapter adapter = started(new JsonObject().put("pollEvery", "100ms").put("maxBackoff", "400ms"));

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.storedIds().contains("c1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> platform.pollTimes().size() >= 7);

            List<Long> t = platform.pollTimes();
            assertThat(t.get(1) - t.get(0)).as("wait after the first failure").isGreaterThanOrEqualTo(100);
            assertThat(t.get(2) - t.get(1)).as("wait after the second failure").isGreaterThanOrEqualTo(200);
            assertThat(t.get(3) - t.get(2)).as("wait after the third failure (capped)").isGreaterThanOrEqualTo(200);
            assertThat(t.get(5) - t.get(4)).as("normal pace again").isGreaterThanOrEqualTo(100);
            assertThat(adapter.feedStatus().consecutiveFailures()).isZero();
            assertThat(adapter.feedStatus().lastSuccess()).isNotNull();
        }

        @Test
        void a_failing_feed_makes_the_adapter_unhealthy_until_it_answers_again() {
            platform.server.stubFor(get("/v2/ping").willReturn(aResponse().withStatus(200)));
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes")).willReturn(aResponse().withStatus(500)
                    .withBody("{\"message\":\"database down\"}")));
            PollingAdapter adapter = started();

            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.feedStatus().failing());
            assertThat(Await.result(adapter.health()).detail()).contains("http_5xx").contains("database down");

            platform.page(null, "p1", false);
            platform.page("p1", "p1", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !adapter.feedStatus().failing());
            assertThat(Await.result(adapter.health()).up()).isTrue();
        }

        @Test
        void throttling_waits_for_retry_after_even_beyond_max_backoff() {
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes")).inScenario("throttle").whenScenarioStateIs("ok")
                    .willReturn(okJson("{\"changes\":[],\"cursor\":\"p0\",\"more\":false}")));
            started(new JsonObject().put("pollEvery", "50ms").put("maxBackoff", "100ms"));

            await().atMost(Duration.ofSeconds(10)).until(() -> platform.pollTimes().size() >= 2);

            List<Long> t = platform.pollTimes();
            assertThat(t.get(1) - t.get(0)).isGreaterThanOrEqualTo(1_000);
        }

        @Test
        void the_event_loop_stays_free_while_a_poll_waits_for_a_slow_platform() {
            platform.server.stubFor(get(urlPathEqualTo("/v2/changes"))
                    .willReturn(okJson("{\"changes\":[],\"cursor\":\"p0\",\"more\":false}").withFixedDelay(1_500)));
            Context context = vertx.getOrCreateContext();
            List<Long> lateness = new CopyOnWriteArrayList<>();
            // the poller and the ticks share one event loop: a blocked poller would make every tick late
            context.runOnContext(v -> {
                PollingAdapter a = platform.adapter(null);
                adapters.add(a);
                a.start(sink);
                for (int i = 1; i <= 10; i++) {
                    long due = System.nanoTime() + i * 100_000_000L;
                    vertx.setTimer(i * 100L, id -> lateness.add((System.nanoTime() - due) / 1_000_000));
                }
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> lateness.size() == 10);
            assertThat(platform.server.getAllServeEvents()).isNotEmpty();
            assertThat(lateness).allSatisfy(ms -> assertThat(ms).isLessThan(500));
        }
    }
}
