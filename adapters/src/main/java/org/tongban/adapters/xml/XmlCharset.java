package org.tongban.adapters.xml;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The body encodings dialect {@code xml-hmac} allows. */
public enum XmlCharset {
    GBK(Charset.forName("GBK")),
    UTF_8(StandardCharsets.UTF_8);

    private final Charset charset;

    XmlCharset(Charset charset) {
        this.charset = charset;
    }

    public Charset charset() {
        return charset;
    }

    /** The name written in the XML declaration and the {@code Content-Type} header. */
    public String label() {
        return this == GBK ? "GBK" : "UTF-8";
    }

    public String contentType() {
        return "application/xml; charset=" + label();
    }
}
