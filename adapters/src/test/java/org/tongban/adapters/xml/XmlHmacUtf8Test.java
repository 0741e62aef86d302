package org.tongban.adapters.xml;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.tongban.adapters.testing.Await;
import org.tongban.adapters.testing.Fixtures;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** The same dialect configured for UTF-8 bodies. */
class XmlHmacUtf8Test extends XmlPlatformFixture {
    @Override
    String charsetSetting() {
        return "UTF-8";
    }

    @Override
    Charset charset() {
        return StandardCharsets.UTF_8;
    }

    @Test
    void an_application_in_utf8_declares_utf8_and_is_signed_over_its_utf8_bytes() {
        platform.stubFor(post("/gw/xyxf/apply").willReturn(answer(
                "<Code>0000</Code><Message>成功</Message><ApplicationNo>HZ-XF-2</ApplicationNo>")));

        assertThat(Await.result(adapter.submitApplication(Fixtures.leg(), Fixtures.application())).platformReference())
                .isEqualTo("HZ-XF-2");
        LoggedRequest r = requests("/xyxf/apply").get(0);
        assertThat(r.getHeader("Content-Type")).isEqualToIgnoringCase("application/xml; charset=UTF-8");
        assertThat(new String(r.getBody(), StandardCharsets.UTF_8))
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Request>")
                .contains("<EnterpriseName>哈尔滨市北运物流有限公司</EnterpriseName>");
        assertSigned(r);
    }

    @Test
    void a_gbk_answer_to_a_utf8_client_is_read_by_its_declaration() {
        platform.stubFor(post("/gw/xyxf/ping").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(200).withBody("<?xml version=\"1.0\" encoding=\"GBK\"?><Response><Code>0000</Code>"
                        .concat("<Message>成功</Message></Response>").getBytes(GBK))));

        assertThat(Await.result(adapter.health()).up()).isTrue();
    }
}
