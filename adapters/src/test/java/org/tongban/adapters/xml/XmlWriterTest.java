package org.tongban.adapters.xml;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlWriterTest {
    @Test
    void text_is_escaped_and_read_back_unchanged() {
        String text = "罚款已缴清 & 已整改 <完毕> \"ok\"\r\n";
        byte[] bytes = new XmlWriter(XmlCharset.UTF_8).start("Request").element("Statement", text).end("Request").bytes();

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Request><Statement>罚款已缴清 &amp; 已整改 &lt;完毕&gt; \"ok\"&#13;\n</Statement></Request>");
    }

    @Test
    void gbk_bodies_carry_characters_outside_gbk_as_references() {
        String text = "企业😀𠀀";
        byte[] bytes = new XmlWriter(XmlCharset.GBK).start("Request").element("Name", text).end("Request").bytes();

        assertThat(new String(bytes, Charset.forName("GBK"))).contains("<Name>企业&#x1F600;&#x20000;</Name>")
                .startsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>");
        assertThat(XmlDocument.parse(bytes, StandardCharsets.UTF_8).text("Name")).isEqualTo(text);
    }

    @Test
    void absent_values_are_left_out() {
        assertThat(new XmlWriter(XmlCharset.UTF_8).start("R").element("Note", null).end("R").toString())
                .endsWith("<R></R>");
    }

    @Test
    void control_characters_xml_cannot_carry_are_refused() {
        assertThatThrownBy(() -> new XmlWriter(XmlCharset.UTF_8).element("Note", "a\u0001b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
