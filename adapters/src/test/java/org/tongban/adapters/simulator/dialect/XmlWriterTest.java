package org.tongban.adapters.simulator.dialect;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class XmlWriterTest {
    static final Charset GBK = Charset.forName("GBK");

    @Test
    void text_outside_gbk_travels_as_character_references_and_reads_back_intact() {
        byte[] bytes = XmlWriter.document(GBK, "R").element("T", "吉𠮷 & <x>").end("R");

        String text = new String(bytes, GBK);
        assertThat(text).contains("&#134071;").contains("&amp; &lt;x&gt;");
        assertThat(text.substring(text.indexOf("?>") + 2)).doesNotContain("?");
        assertThat(XmlElement.parse(bytes, GBK).optional("T")).isEqualTo("吉𠮷 & <x>");
    }

    @Test
    void utf8_keeps_every_character_as_it_is() {
        byte[] bytes = XmlWriter.document(StandardCharsets.UTF_8, "R").element("T", "吉𠮷").element("Absent", null).end("R");

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><R><T>吉𠮷</T></R>");
    }
}
