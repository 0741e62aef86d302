package org.tongban.adapters.xml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlDocumentTest {
    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void a_gbk_document_is_decoded_by_its_declaration() {
        byte[] body = "<?xml version=\"1.0\" encoding=\"GBK\"?><Response><Code>0000</Code><Message>成功</Message></Response>"
                .getBytes(GBK);

        XmlDocument d = XmlDocument.parse(body, StandardCharsets.UTF_8);

        assertThat(d.rootName()).isEqualTo("Response");
        assertThat(d.text("Message")).isEqualTo("成功");
    }

    @Test
    void without_a_declaration_the_given_charset_decodes() {
        byte[] body = "<Response><Message>成功</Message></Response>".getBytes(GBK);

        assertThat(XmlDocument.parse(body, GBK).text("Message")).isEqualTo("成功");
        assertThatThrownBy(() -> XmlDocument.parse(body, StandardCharsets.UTF_8))
                .isInstanceOf(XmlDocument.XmlException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void a_doctype_is_refused_so_no_external_entity_is_read(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        byte[] body = ("<?xml version=\"1.0\"?><!DOCTYPE Event [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><Event><EventId>&x;</EventId></Event>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> XmlDocument.parse(body, StandardCharsets.UTF_8))
                .isInstanceOf(XmlDocument.XmlException.class).hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void entity_expansion_bombs_are_refused() {
        byte[] body = ("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                + "<Event>&lol2;</Event>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> XmlDocument.parse(body, StandardCharsets.UTF_8)).isInstanceOf(XmlDocument.XmlException.class);
    }

    @Test
    void garbage_and_empty_bodies_are_refused() {
        assertThatThrownBy(() -> XmlDocument.parse("{\"code\":0}".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).isInstanceOf(XmlDocument.XmlException.class);
        assertThatThrownBy(() -> XmlDocument.parse(new byte[0], StandardCharsets.UTF_8))
                .isInstanceOf(XmlDocument.XmlException.class);
    }

    @Test
    void the_charset_of_a_content_type_is_found() {
        assertThat(XmlDocument.charsetOf("application/xml; charset=GBK", StandardCharsets.UTF_8)).isEqualTo(GBK);
        assertThat(XmlDocument.charsetOf("application/xml", GBK)).isEqualTo(GBK);
        assertThat(XmlDocument.charsetOf(null, GBK)).isEqualTo(GBK);
    }
}
