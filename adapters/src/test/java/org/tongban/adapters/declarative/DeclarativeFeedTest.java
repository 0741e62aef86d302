package org.tongban.adapters.declarative;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tongban.adapters.declarative.JinhuaPlatform.CHANGES;
import static org.tongban.adapters.declarative.JinhuaPlatform.change;

/** Jinhua's change list, polled through the shared engine: contract events, cursor, restart, backoff. */
class DeclarativeFeedTest {
    private static Vertx vertx;
    private JinhuaPlatform platform;
    private RecordingSink sink;
    private final List<DeclarativeAdapter> adapters = new ArrayList<>();

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
        platform = new JinhuaPlatform(vertx);
        sink = new RecordingSink();
    }

    @AfterEach
    void stop() {
        adapters.forEach(a -> Await.result(a.stop()));
        platform.close();
    }

    private DeclarativeAdapter started() {
        DeclarativeAdapter a = platform.adapter();
        adapters.add(a);
        Await.result(a.start(sink));
        return a;
    }

    @Test
    void reads_the_change_list_into_contract_events_in_order_and_moves_the_cursor_after_them() {
        platform.server.stubFor(post("/openapi/xyxf/sqxx").willReturn(okJson("{\"success\":true,\"data\":{\"sqbh\":\"JH-SQ-0001\"}}")));
        platform.page(null, "n-1", change("b1", "已受理"),
                change("b2", "需补正").put("yy", "缺少承诺书").put("bzcl", "信用承诺书原件").put("bzqx", "2026-11-28"),
                change("b3", "已修复"), change("b4", "已终止公示").put("bgsj", "2026-11-30 16:00:00"));
        platform.page("n-1", null);
        DeclarativeAdapter adapter = started();
        Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored().size() == 4 && platform.pollsFrom().contains("n-1"));

        List<PlatformEvent> events = sink.stored();
        assertThat(sink.storedIds()).containsExactly("b1", "b2", "b3", "b4");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.leg().legId()).isEqualTo(Fixtures.LEG);
            assertThat(e.leg().caseId()).isEqualTo(Fixtures.CASE);
            assertThat(e.leg().homeMember()).isEqualTo(Fixtures.HOME);
            assertThat(e.leg().platformReference()).isEqualTo("JH-SQ-0001");
        });
        assertThat(events.get(0).at()).isEqualTo(Instant.parse("2026-11-21T01:30:00Z"));
        assertThat(((Acceptance) events.get(0).payload()).outcome()).isEqualTo(AcceptanceOutcome.ACCEPTED);
        MaterialsRequest request = (MaterialsRequest) events.get(1).payload();
        assertThat(request.requested()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MaterialKind.OTHER);
            assertThat(m.description()).isEqualTo("信用承诺书原件");
        });
        assertThat(request.respondBy()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(request.note()).isEqualTo("缺少承诺书");
        assertThat(((RepairDecision) events.get(2).payload()).outcome()).isEqualTo(DecisionOutcome.REPAIRED);
        PublicityEnded ended = (PublicityEnded) events.get(3).payload();
        assertThat(ended.endedOn()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(ended.channels()).containsExactly(PublicityChannel.CREDIT_CHINA);
        assertThat(ended.enterprise()).isEqualTo(Fixtures.enterprise());
        assertThat(platform.cursors.cursorSaves()).containsExactly("changes=n-1");
        assertThat(platform.pollsFrom()).startsWith(null, "n-1");
    }

    @Test
    void a_refusal_in_words_becomes_a_reason_of_code_other_with_its_text() {
        platform.page(null, "n-1", change("b1", "不予受理").put("yy", "未满最短公示期"));
        platform.page("n-1", null);
        started();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored().size() == 1);

        Acceptance a = (Acceptance) sink.stored().get(0).payload();
        assertThat(a.outcome()).isEqualTo(AcceptanceOutcome.NOT_ACCEPTED);
        assertThat(a.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.OTHER);
            assertThat(r.text()).isEqualTo("未满最短公示期");
        });
    }

    @Test
    void a_state_the_mapping_does_not_list_or_an_impossible_date_is_passed_over_and_the_rest_stored() {
        platform.page(null, "n-1", change("b1", "已归档"), change("b2", "已受理"),
                change("b3", "需补正").put("bzcl", "信用承诺书").put("bzqx", "2026-02-30"));
        platform.page("n-1", null);
        DeclarativeAdapter adapter = started();

        await().atMost(Duration.ofSeconds(10)).until(() -> platform.cursors.position("changes").isPresent());

        assertThat(sink.storedIds()).containsExactly("b2");
        assertThat(adapter.feedStatus().refused()).isEqualTo(2);
    }

    @Test
    void across_a_restart_no_change_is_missed_or_repeated() {
        platform.page(null, "n-1", change("b1", "已受理"));
        platform.page("n-1", null);
        DeclarativeAdapter first = started();
        await().atMost(Duration.ofSeconds(10)).until(() -> platform.pollsFrom().contains("n-1"));
        Await.result(first.stop());
        int before = platform.pollsFrom().size();

        platform.page("n-1", "n-2", change("b2", "已修复"));
        platform.page("n-2", null);
        started();
        await().atMost(Duration.ofSeconds(10)).until(() -> platform.pollsFrom().contains("n-2"));

        assertThat(sink.storedIds()).containsExactly("b1", "b2");
        assertThat(sink.attempts()).doesNotHaveDuplicates();
        assertThat(platform.pollsFrom().get(before)).isEqualTo("n-1");
    }

    @Test
    void a_busy_platform_is_polled_after_a_growing_wait_then_at_the_normal_pace() {
        platform.server.stubFor(get(urlPathEqualTo(CHANGES)).withQueryParam("start", absent()).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"success\":false,\"errCode\":\"E2001\",\"errMsg\":\"系统繁忙\"}")).willSetStateTo("down"));
        platform.server.stubFor(get(urlPathEqualTo(CHANGES)).withQueryParam("start", absent()).inScenario("busy")
                .whenScenarioStateIs("down").willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        platform.server.stubFor(get(urlPathEqualTo(CHANGES)).withQueryParam("start", absent()).inScenario("busy")
                .whenScenarioStateIs("up").willReturn(okJson("{\"success\":true,\"data\":{\"list\":["
                        + change("b1", "已受理").encode() + "],\"next\":\"n-1\"}}")));
        platform.page("n-1", null);
        DeclarativeAdapter adapter = started();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.storedIds().contains("b1") && platform.pollTimes().size() >= 5);

        List<Long> t = platform.pollTimes();
        // pollEvery 50ms, maxBackoff 400ms: waits of at least 50 then 100 ms, then back to 50 ms
        assertThat(t.get(1) - t.get(0)).isGreaterThanOrEqualTo(50);
        assertThat(t.get(2) - t.get(1)).isGreaterThanOrEqualTo(100);
        assertThat(adapter.feedStatus().consecutiveFailures()).isZero();
        assertThat(Await.result(adapter.health()).up()).isTrue();
    }

    @Test
    void a_page_of_changes_without_a_next_cursor_is_unreadable_and_moves_nothing() {
        platform.page(null, null, change("b1", "已受理"));
        DeclarativeAdapter adapter = started();

        await().atMost(Duration.ofSeconds(10)).until(() -> adapter.feedStatus().consecutiveFailures() >= 2);

        assertThat(adapter.feedStatus().lastFailure().key()).isEqualTo("unreadable");
        assertThat(sink.attempts()).isEmpty();
        assertThat(platform.cursors.cursorSaves()).isEmpty();
        assertThat(Await.result(adapter.health()).detail()).contains("data.next");
    }
}
