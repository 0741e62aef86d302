package org.tongban.adapters.xml;

import io.vertx.core.Promise;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.spi.LegRef;
import org.tongban.adapters.spi.PlatformEvent;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.contracts.message.Acceptance;
import org.tongban.contracts.message.AcceptanceOutcome;
import org.tongban.contracts.message.MaterialKind;
import org.tongban.contracts.message.MaterialsRequest;
import org.tongban.contracts.message.PublicityChannel;
import org.tongban.contracts.message.PublicityEndCause;
import org.tongban.contracts.message.PublicityEnded;
import org.tongban.contracts.message.Reason;
import org.tongban.contracts.message.ReasonCode;
import org.tongban.contracts.message.RepairDecision;
import org.tongban.contracts.message.DecisionOutcome;
import org.tongban.contracts.message.RequestedMaterial;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class XmlHmacCallbacksTest extends XmlPlatformFixture {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-21T09:30:00+08:00");

    private static String event(String type, String extra) {
        return "<?xml version=\"1.0\" encoding=\"GBK\"?><Event><EventId>ev-1</EventId><ApplicationNo>HZ-1</ApplicationNo>"
                + "<ExternalId>" + Fixtures.LEG + "</ExternalId><CaseId>" + Fixtures.CASE + "</CaseId>"
                + "<HomeMember>230100</HomeMember><EventType>" + type + "</EventType>"
                + "<OccurredAt>2026-11-21 09:30:00</OccurredAt>" + extra + "</Event>";
    }

    /** Pushes as the platform would: GBK bytes, signed headers; {@code tamper} may alter them. */
    private CompletableFuture<HttpResponse<byte[]>> pushAsync(String xml, long timestamp, String nonce, String secret) {
        byte[] body = xml.getBytes(GBK);
        String path = URI.create(adapter.callbackUrl()).getRawPath();
        String ts = Long.toString(timestamp);
        HttpRequest req = HttpRequest.newBuilder(URI.create(adapter.callbackUrl()))
                .header("Content-Type", "application/xml; charset=GBK")
                .header("X-App-Key", APP_KEY).header("X-Timestamp", ts).header("X-Nonce", nonce)
                .header("X-Signature", Sm3Reference.signature(secret, path, APP_KEY, ts, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    private String push(String xml, long timestamp, String nonce, String secret) throws Exception {
        HttpResponse<byte[]> r = pushAsync(xml, timestamp, nonce, secret).get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("GBK"));
        return new String(r.body(), GBK);
    }

    private String push(String xml) throws Exception {
        return push(xml, System.currentTimeMillis(), freshNonce(), APP_SECRET);
    }

    private static String freshNonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String codeOf(String answer) {
        int at = answer.indexOf("<Code>");
        return answer.substring(at + 6, at + 10);
    }

    @Nested
    class Accepted {
        @Test
        void an_acceptance_is_stored_with_the_leg_and_answered_0000() throws Exception {
            String answer = push(event("ACCEPTED", ""));

            assertThat(answer).isEqualTo("<?xml version=\"1.0\" encoding=\"GBK\"?><Response><Code>0000</Code></Response>");
            assertThat(sink.stored()).singleElement().satisfies(e -> {
                assertThat(e.eventId()).isEqualTo("ev-1");
                assertThat(e.leg()).isEqualTo(new LegRef(Fixtures.CASE, Fixtures.LEG, Fixtures.HOME,
                        Fixtures.PENALIZING, "HZ-1"));
                assertThat(e.payload()).isEqualTo(new Acceptance(AcceptanceOutcome.ACCEPTED, "HZ-1", List.of(), AT));
            });
        }

        @Test
        void a_materials_request_with_gbk_text_is_read() throws Exception {
            push(event("MATERIALS_REQUESTED", "<ReasonCode>MATERIALS_INCOMPLETE</ReasonCode><ReasonText>请补充材料</ReasonText>"
                    + "<RequestedMaterials><Material><Kind>PROOF_OF_FULFILMENT</Kind><Description>罚款缴纳凭证</Description>"
                    + "</Material></RequestedMaterials><RespondBy>2026-11-28</RespondBy>"));

            assertThat(sink.stored().get(0).payload()).isEqualTo(new MaterialsRequest(List.of(new RequestedMaterial(
                    MaterialKind.PROOF_OF_FULFILMENT, "罚款缴纳凭证")), LocalDate.of(2026, 11, 28), "请补充材料"));
        }

        @Test
        void a_refusal_carries_its_reason() throws Exception {
            push(event("REFUSED", "<ReasonCode>NOT_REPAIRABLE</ReasonCode><ReasonText>特定严重失信</ReasonText>"
                    + "<DecisionNo>杭信修〔2026〕10号</DecisionNo>"));

            assertThat(sink.stored().get(0).payload()).isEqualTo(new RepairDecision(DecisionOutcome.REFUSED,
                    List.of(new Reason(ReasonCode.NOT_REPAIRABLE, "特定严重失信")), AT, "杭信修〔2026〕10号"));
        }

        @Test
        void publicity_ended_names_enterprise_and_penalty_of_the_submitted_application() throws Exception {
            platform.stubFor(post("/gw/xyxf/apply").willReturn(code("0000")));
            Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

            assertThat(codeOf(push(event("PUBLICITY_ENDED", "<ReasonCode>MAX_PERIOD_REACHED</ReasonCode>"
                    + "<EndedOn>2026-11-30</EndedOn><Channels><Channel>CREDIT_CHINA</Channel>"
                    + "<Channel>LOCAL_PORTAL</Channel></Channels>")))).isEqualTo("0000");
            assertThat(sink.stored().get(0).payload()).isEqualTo(new PublicityEnded(Fixtures.enterprise(),
                    Fixtures.penalty(), PublicityEndCause.MAX_PERIOD_REACHED, LocalDate.of(2026, 11, 30),
                    List.of(PublicityChannel.CREDIT_CHINA, PublicityChannel.LOCAL_PORTAL)));
        }

        @Test
        void the_answer_waits_until_the_gateway_stored_the_event() throws Exception {
            Promise<Void> stored = Promise.promise();
            sink.holdingUntil(stored);

            CompletableFuture<HttpResponse<byte[]>> answer = pushAsync(event("ACCEPTED", ""),
                    System.currentTimeMillis(), freshNonce(), APP_SECRET);
            // the adapter has handed the event over; until the store answers, the platform gets no answer
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts().size() == 1);
            assertThat(answer).isNotDone();

            stored.complete();
            assertThat(codeOf(new String(answer.get(10, TimeUnit.SECONDS).body(), GBK))).isEqualTo("0000");
        }
    }

    @Nested
    class Refused {
        @Test
        void a_wrong_signature_is_4001_and_nothing_is_stored() throws Exception {
            assertThat(codeOf(push(event("ACCEPTED", ""), System.currentTimeMillis(), freshNonce(), "guessed")))
                    .isEqualTo("4001");
            assertThat(sink.stored()).isEmpty();
        }

        @Test
        void a_timestamp_more_than_300_s_away_is_4002() throws Exception {
            assertThat(codeOf(push(event("ACCEPTED", ""), System.currentTimeMillis() - 301_000, freshNonce(), APP_SECRET)))
                    .isEqualTo("4002");
            assertThat(codeOf(push(event("ACCEPTED", ""), System.currentTimeMillis() + 301_000, freshNonce(), APP_SECRET)))
                    .isEqualTo("4002");
            assertThat(sink.stored()).isEmpty();
        }

        @Test
        void a_replayed_nonce_is_4001() throws Exception {
            String nonce = freshNonce();
            long now = System.currentTimeMillis();

            assertThat(codeOf(push(event("ACCEPTED", ""), now, nonce, APP_SECRET))).isEqualTo("0000");
            assertThat(codeOf(push(event("ACCEPTED", ""), now, nonce, APP_SECRET))).isEqualTo("4001");
            assertThat(sink.stored()).hasSize(1);
        }

        @Test
        void a_malformed_event_is_1001() throws Exception {
            assertThat(codeOf(push("<Event><EventId>ev-1</Event>"))).isEqualTo("1001");
            assertThat(codeOf(push(event("ACCEPTED", "").replace("2026-11-21 09:30:00", "20261121093000"))))
                    .isEqualTo("1001");
            assertThat(codeOf(push(event("SUSPENDED", "")))).isEqualTo("1001");
            assertThat(sink.stored()).isEmpty();
        }

        @Test
        void an_event_with_an_external_entity_is_1001_and_reads_nothing() throws Exception {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Event [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<Event><EventId>&x;</EventId></Event>";

            String answer = push(xxe);

            assertThat(codeOf(answer)).isEqualTo("1001");
            assertThat(answer).doesNotContain("root:");
        }

        @Test
        void an_event_the_gateway_could_not_store_is_2001_and_the_next_push_succeeds() throws Exception {
            sink.failing();
            String first = push(event("ACCEPTED", ""));
            sink.storing();
            String again = push(event("ACCEPTED", ""));

            assertThat(codeOf(first)).isEqualTo("2001");
            assertThat(codeOf(again)).isEqualTo("0000");
            assertThat(sink.stored()).extracting(PlatformEvent::eventId).containsExactly("ev-1");
        }
    }
}
