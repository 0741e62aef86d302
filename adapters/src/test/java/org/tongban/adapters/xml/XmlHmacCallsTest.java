package org.tongban.adapters.xml;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.spi.AdapterHealth;
import org.tongban.adapters.spi.PenaltyPage;
import org.tongban.adapters.spi.PlatformReceipt;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;
import org.tongban.contracts.message.PenaltyCategory;

import java.nio.charset.Charset;
import java.time.LocalDate;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

class XmlHmacCallsTest extends XmlPlatformFixture {
    private String expectedApply() {
        return "<?xml version=\"1.0\" encoding=\"GBK\"?><Request><ExternalId>" + Fixtures.LEG + "</ExternalId>"
                + "<CaseId>" + Fixtures.CASE + "</CaseId><HomeMember>230100</HomeMember>"
                + "<CreditCode>" + Fixtures.CODE.value() + "</CreditCode><EnterpriseName>哈尔滨市北运物流有限公司</EnterpriseName>"
                + "<DecisionNumber>杭交执罚〔2026〕123号</DecisionNumber><DecidingAuthority>杭州市交通运输局</DecidingAuthority>"
                + "<DecisionDate>2026-03-15</DecisionDate><Category>GENERAL</Category><RuleSet>cn-2025</RuleSet>"
                + "<AppliedOn>2026-11-20</AppliedOn><CallbackUrl>" + adapter.callbackUrl() + "</CallbackUrl>"
                + "<Statement>罚款已缴清 &amp; 已整改 &lt;完毕&gt;</Statement>"
                + "<Contacts><Contact><Name>张敏</Name><Role>CREDIT_OFFICE</Role><Phone>0451-86661234</Phone>"
                + "<Email>zhangmin@xyb.harbin.gov.cn</Email></Contact></Contacts>"
                + "<Materials><Material><AttachmentId>att-1</AttachmentId><FileName>罚款缴纳凭证.pdf</FileName>"
                + "<MediaType>application/pdf</MediaType><Size>1234</Size><Sha256>" + Fixtures.SHA + "</Sha256>"
                + "<Kind>PROOF_OF_FULFILMENT</Kind></Material></Materials>"
                + "<DeferredMaterials><Deferred><Kind>CREDIT_COMMITMENT</Kind><Description>信用承诺书原件</Description>"
                + "<PromisedDate>2026-12-01</PromisedDate></Deferred></DeferredMaterials></Request>";
    }

    @Test
    void an_application_is_signed_gbk_xml_with_the_bound_callback_url() {
        platform.stubFor(post("/gw/xyxf/apply").willReturn(answer(
                "<Code>0000</Code><Message>成功</Message><ApplicationNo>HZ-XF-1</ApplicationNo>")));

        PlatformReceipt receipt = Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application()));

        assertThat(receipt.platformReference()).isEqualTo("HZ-XF-1");
        LoggedRequest r = requests("/xyxf/apply").get(0);
        assertThat(r.getHeader("Content-Type")).isEqualToIgnoringCase("application/xml; charset=GBK");
        assertThat(new String(r.getBody(), Charset.forName("GBK"))).isEqualTo(expectedApply());
        assertThat(adapter.callbackUrl()).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/callbacks/330100");
        assertSigned(r);
        assertThat(store.positions()).containsKey("leg:" + Fixtures.LEG);
    }

    @Test
    void a_duplicate_external_id_is_success_with_the_existing_application() {
        platform.stubFor(post("/gw/xyxf/apply").willReturn(answer(
                "<Code>1002</Code><Message>重复申请</Message><ApplicationNo>HZ-XF-0</ApplicationNo>")));

        assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                .isEqualTo("HZ-XF-0");
    }

    @Test
    void a_supplement_names_the_application() {
        platform.stubFor(post("/gw/xyxf/supplement").willReturn(code("0000")));

        Await.result(adapter.submitMaterials(Fixtures.legAt("HZ-1"), Fixtures.supplement()));

        LoggedRequest r = requests("/xyxf/supplement").get(0);
        assertThat(new String(r.getBody(), GBK)).isEqualTo("<?xml version=\"1.0\" encoding=\"GBK\"?><Request>"
                + "<ExternalId>" + Fixtures.LEG + "</ExternalId><ApplicationNo>HZ-1</ApplicationNo><Materials><Material>"
                + "<AttachmentId>att-2</AttachmentId><FileName>信用承诺书.pdf</FileName><MediaType>application/pdf</MediaType>"
                + "<Size>2048</Size><Sha256>" + Fixtures.SHA + "</Sha256><Kind>CREDIT_COMMITMENT</Kind></Material>"
                + "</Materials><Note>补交承诺书</Note></Request>");
        assertSigned(r);
    }

    @Test
    void a_withdrawal_names_the_application_and_reason() {
        platform.stubFor(post("/gw/xyxf/withdraw").willReturn(code("0000")));

        Await.result(adapter.submitWithdrawal(Fixtures.legAt("HZ-1"), Fixtures.withdrawal()));

        assertThat(new String(requests("/xyxf/withdraw").get(0).getBody(), GBK)).endsWith("<Request><ExternalId>"
                + Fixtures.LEG + "</ExternalId><ApplicationNo>HZ-1</ApplicationNo><Reason>ENTERPRISE_REQUEST</Reason>"
                + "<Note>企业申请撤回</Note></Request>");
    }

    @Test
    void the_penalty_feed_is_read_by_cursor() {
        platform.stubFor(post("/gw/xyxf/penalties").willReturn(answer("<Code>0000</Code><Items><Item>"
                + "<CreditCode>" + Fixtures.CODE.value() + "</CreditCode><EnterpriseName>哈尔滨市北运物流有限公司</EnterpriseName>"
                + "<DecisionNumber>杭交执罚〔2026〕123号</DecisionNumber><DecidingAuthority>杭州市交通运输局</DecidingAuthority>"
                + "<DecisionDate>2026-03-15</DecisionDate><Category>MINOR</Category><RuleSet>cn-2025</RuleSet>"
                + "<Summary>超限运输</Summary><PublishedOn>2026-03-20</PublishedOn></Item></Items>"
                + "<NextCursor>c-9</NextCursor><HasMore>false</HasMore>")));

        PenaltyPage page = Await.result(adapter.readPenalties("c-8", 20));

        assertThat(page.nextCursor()).isEqualTo("c-9");
        assertThat(page.more()).isFalse();
        assertThat(page.decisions()).singleElement().satisfies(n -> {
            assertThat(n.enterprise()).isEqualTo(Fixtures.enterprise());
            assertThat(n.penalty().category()).isEqualTo(PenaltyCategory.MINOR);
            assertThat(n.penalty().penalizingMember()).isEqualTo(Fixtures.PENALIZING);
            assertThat(n.publishedOn()).isEqualTo(LocalDate.of(2026, 3, 20));
        });
        assertThat(new String(requests("/xyxf/penalties").get(0).getBody(), GBK))
                .endsWith("<Request><Since>c-8</Since><Limit>20</Limit></Request>");
    }

    @Test
    void the_first_penalty_page_has_no_cursor() {
        platform.stubFor(post("/gw/xyxf/penalties").willReturn(answer(
                "<Code>0000</Code><Items/><NextCursor>c-1</NextCursor><HasMore>false</HasMore>")));

        assertThat(Await.result(adapter.readPenalties(null, 5)).decisions()).isEmpty();
        assertThat(new String(requests("/xyxf/penalties").get(0).getBody(), GBK)).endsWith("<Request><Limit>5</Limit></Request>");
    }

    @Test
    void health_pings_the_platform() {
        platform.stubFor(post("/gw/xyxf/ping").willReturn(code("0000")));
        assertThat(Await.result(adapter.health())).isEqualTo(AdapterHealth.healthy());
        assertSigned(requests("/xyxf/ping").get(0));

        platform.stubFor(post("/gw/xyxf/ping").willReturn(code("2002")));
        AdapterHealth down = Await.result(adapter.health());
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).startsWith("maintenance");
    }
}
