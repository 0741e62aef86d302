package org.tongban.adapters.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.simulator.book.PenaltyEntry;
import org.tongban.adapters.simulator.dialect.XmlElement;
import org.tongban.adapters.simulator.policy.DecisionPolicy;

import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The xml-hmac platform in GBK over real HTTP: signatures both ways, body status codes, signed pushes. */
class XmlHmacSimulatorTest {
    static final Charset GBK = Charset.forName("GBK");
    static final XmlSigner ADAPTER = new XmlSigner("app-331000", "hmac-secret");

    SimulatorFixture platform;
    CallbackReceiver adapter;

    @BeforeEach
    void start() {
        platform = SimulatorFixture.start(SimulatorOptions.builder(Dialect.XML_HMAC, "331000").appKey("app-331000")
                .appSecret("hmac-secret").charset(GBK)
                .policy(DecisionPolicy.parse("ACCEPT@10ms,REPAIR@10ms,END_PUBLICITY@10ms"))
                .penalty(new PenaltyEntry(Samples.FIRM, "咸宁通达运输有限公司", "台交罚〔2026〕7号", "台州市交通运输局",
                        LocalDate.of(2026, 5, 15), "GENERAL", "cn-2025", "超限运输", LocalDate.of(2026, 5, 16)))
                .pushRetry(Duration.ofMillis(20), Duration.ofMillis(100)).build());
        adapter = CallbackReceiver.start(platform.vertx(), p -> new CallbackReceiver.Reply(200,
                "application/xml; charset=UTF-8", "<Response><Code>0000</Code></Response>".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        adapter.close();
        platform.close();
    }

    SimulatorFixture.Answer post(String path, String xml, Charset charset, Map<String, String> signed) {
        HttpRequest.Builder b = platform.request(path).header("Content-Type", "application/xml; charset=" + charset.name())
                .POST(HttpRequest.BodyPublishers.ofByteArray(xml.getBytes(charset)));
        signed.forEach(b::header);
        return platform.send(b);
    }

    SimulatorFixture.Answer post(String path, String xml) {
        byte[] body = xml.getBytes(GBK);
        return post(path, xml, GBK, ADAPTER.headers(path, body, System.currentTimeMillis()));
    }

    static XmlElement xml(SimulatorFixture.Answer a) {
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualTo("application/xml; charset=GBK");
        return XmlElement.parse(a.bytes(), GBK);
    }

    @Nested
    class Signatures {
        @Test
        void a_signed_gbk_application_is_taken_with_0000_and_chinese_text_intact() {
            XmlElement r = xml(post("/xyxf/apply", Samples.xmlApplication("GBK", "leg-1", Samples.FIRM, adapter.url("/cb"))));

            assertThat(r.name()).isEqualTo("Response");
            assertThat(r.optional("Code")).isEqualTo("0000");
            assertThat(r.optional("Message")).isEqualTo("成功");
            assertThat(r.optional("ApplicationNo")).startsWith("XF331000");
            assertThat(platform.application("leg-1").getString("enterpriseName")).isEqualTo("咸宁通达运输有限公司");
        }

        @Test
        void a_utf8_request_is_read_in_utf8() {
            String xml = Samples.xmlApplication("UTF-8", "leg-u", Samples.FIRM, adapter.url("/cb"));
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            XmlElement r = xml(post("/xyxf/apply", xml, StandardCharsets.UTF_8,
                    ADAPTER.headers("/xyxf/apply", body, System.currentTimeMillis())));

            assertThat(r.optional("Code")).isEqualTo("0000");
            assertThat(platform.application("leg-u").getString("enterpriseName")).isEqualTo("咸宁通达运输有限公司");
        }

        @Test
        void a_wrong_secret_is_4001_and_nothing_is_stored() {
            String xml = Samples.xmlApplication("GBK", "leg-2", Samples.FIRM, adapter.url("/cb"));
            Map<String, String> h = new XmlSigner("app-331000", "wrong").headers("/xyxf/apply", xml.getBytes(GBK),
                    System.currentTimeMillis());

            XmlElement r = xml(post("/xyxf/apply", xml, GBK, h));

            assertThat(r.optional("Code")).isEqualTo("4001");
            assertThat(platform.admin("/applications").getJsonArray("items")).isEmpty();
        }

        @Test
        void a_stale_timestamp_is_4002() {
            String xml = Samples.xmlApplication("GBK", "leg-3", Samples.FIRM, adapter.url("/cb"));
            XmlElement r = xml(post("/xyxf/apply", xml, GBK, ADAPTER.headers("/xyxf/apply", xml.getBytes(GBK),
                    System.currentTimeMillis() - 301_000)));

            assertThat(r.optional("Code")).isEqualTo("4002");
        }

        @Test
        void a_replayed_nonce_is_refused() {
            String xml = Samples.xmlApplication("GBK", "leg-4", Samples.FIRM, adapter.url("/cb"));
            Map<String, String> h = ADAPTER.headers("/xyxf/apply", xml.getBytes(GBK), System.currentTimeMillis());

            assertThat(xml(post("/xyxf/apply", xml, GBK, h)).optional("Code")).isEqualTo("0000");
            assertThat(xml(post("/xyxf/apply", xml, GBK, h)).optional("Code")).isEqualTo("4001");
        }
    }

    @Nested
    class BodyCodes {
        @Test
        void a_second_application_with_the_same_external_id_is_1002_naming_the_first() {
            String first = xml(post("/xyxf/apply", Samples.xmlApplication("GBK", "leg-5", Samples.FIRM, adapter.url("/cb"))))
                    .optional("ApplicationNo");
            XmlElement again = xml(post("/xyxf/apply", Samples.xmlApplication("GBK", "leg-5", Samples.FIRM, adapter.url("/cb"))));

            assertThat(again.optional("Code")).isEqualTo("1002");
            assertThat(again.optional("ApplicationNo")).isEqualTo(first);
        }

        @Test
        void a_missing_or_unknown_element_is_1001() {
            String missing = Samples.xmlApplication("GBK", "leg-6", Samples.FIRM, adapter.url("/cb"))
                    .replace("<RuleSet>cn-2025</RuleSet>", "");
            XmlElement r = xml(post("/xyxf/apply", missing));
            assertThat(r.optional("Code")).isEqualTo("1001");
            assertThat(r.optional("Message")).contains("RuleSet");

            String unknown = Samples.xmlApplication("GBK", "leg-7", Samples.FIRM, adapter.url("/cb"))
                    .replace("<Statement>", "<Remark>x</Remark><Statement>");
            assertThat(xml(post("/xyxf/apply", unknown)).optional("Message")).contains("Remark");
        }

        @Test
        void a_doctype_is_refused_and_never_resolved() {
            String evil = "<?xml version=\"1.0\" encoding=\"GBK\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<Request><Since>&x;</Since></Request>";
            XmlElement r = xml(post("/xyxf/penalties", evil));
            assertThat(r.optional("Code")).isEqualTo("1001");
        }

        @Test
        void a_supplement_after_withdrawal_is_1003() {
            // decided by hand only, so that nothing is decided before the withdrawal arrives
            platform.simulator().policies().setDefault(DecisionPolicy.manual());
            String no = xml(post("/xyxf/apply", Samples.xmlApplication("GBK", "leg-8", Samples.FIRM, adapter.url("/cb"))))
                    .optional("ApplicationNo");
            XmlElement w = xml(post("/xyxf/withdraw", "<?xml version=\"1.0\" encoding=\"GBK\"?><Request><ExternalId>leg-8"
                    + "</ExternalId><ApplicationNo>" + no + "</ApplicationNo><Reason>ENTERPRISE_REQUEST</Reason><Note>企业申请撤回"
                    + "</Note></Request>"));
            assertThat(w.optional("Code")).isEqualTo("0000");

            XmlElement s = xml(post("/xyxf/supplement", "<?xml version=\"1.0\" encoding=\"GBK\"?><Request><ExternalId>leg-8"
                    + "</ExternalId><ApplicationNo>" + no + "</ApplicationNo><Materials><Material><AttachmentId>a</AttachmentId>"
                    + "<FileName>承诺书.pdf</FileName><MediaType>application/pdf</MediaType><Size>5</Size><Sha256>"
                    + Samples.SHA + "</Sha256><Kind>CREDIT_COMMITMENT</Kind></Material></Materials></Request>"));
            assertThat(s.optional("Code")).isEqualTo("1003");
        }
    }

    @Test
    void events_are_pushed_signed_in_gbk_and_pushed_again_on_2001() {
        adapter.thenAnswer(new CallbackReceiver.Reply(200, "application/xml; charset=UTF-8",
                "<Response><Code>2001</Code></Response>".getBytes(StandardCharsets.UTF_8)));
        xml(post("/xyxf/apply", Samples.xmlApplication("GBK", "leg-9", Samples.FIRM, adapter.url("/callbacks/331000"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> adapter.pushes().size() >= 4);
        List<CallbackReceiver.Push> pushes = adapter.pushes();
        List<String> types = pushes.stream().map(p -> XmlElement.parse(p.body(), GBK).optional("EventType")).toList();
        assertThat(types).containsExactly("ACCEPTED", "ACCEPTED", "REPAIRED", "PUBLICITY_ENDED");
        for (CallbackReceiver.Push p : pushes) {
            assertThat(p.header("Content-Type")).isEqualTo("application/xml; charset=GBK");
            assertThat(p.header("X-App-Key")).isEqualTo("app-331000");
            assertThat(p.header("X-Nonce")).matches("[0-9a-f]{32}");
            assertThat(Math.abs(Long.parseLong(p.header("X-Timestamp")) - System.currentTimeMillis())).isLessThan(60_000);
            assertThat(p.header("X-Signature")).isEqualTo(ADAPTER.signature("/callbacks/331000", p.header("X-Timestamp"),
                    p.header("X-Nonce"), p.body()));
        }
        assertThat(pushes.get(0).header("X-Nonce")).isNotEqualTo(pushes.get(1).header("X-Nonce"));
        XmlElement ended = XmlElement.parse(pushes.get(3).body(), GBK);
        assertThat(ended.name()).isEqualTo("Event");
        assertThat(ended.optional("ExternalId")).isEqualTo("leg-9");
        assertThat(ended.optional("OccurredAt")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(ended.optional("EndedOn")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(ended.child("Channels").orElseThrow().children("Channel")).hasSize(2);
    }

    @Test
    void the_penalty_feed_and_ping_answer_signed_requests() {
        XmlElement page = xml(post("/xyxf/penalties", "<?xml version=\"1.0\" encoding=\"GBK\"?><Request><Since/><Limit>10"
                + "</Limit></Request>"));
        assertThat(page.optional("Code")).isEqualTo("0000");
        XmlElement item = page.child("Items").orElseThrow().children("Item").get(0);
        assertThat(item.optional("DecidingAuthority")).isEqualTo("台州市交通运输局");
        assertThat(item.optional("DecisionDate")).isEqualTo("2026-05-15");
        assertThat(page.optional("HasMore")).isEqualTo("false");
        assertThat(page.optional("NextCursor")).isNotBlank();

        assertThat(xml(post("/xyxf/ping", "<?xml version=\"1.0\" encoding=\"GBK\"?><Request/>")).optional("Code"))
                .isEqualTo("0000");
    }
}
