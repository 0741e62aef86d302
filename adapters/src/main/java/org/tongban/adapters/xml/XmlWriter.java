package org.tongban.adapters.xml;

import java.nio.charset.CharsetEncoder;

/**
 * Writes the small, flat documents of dialect {@code xml-hmac}: a declaration naming the
 * charset, elements, escaped text. A character the charset cannot encode (outside GBK, say)
 * is written as a character reference, so nothing is lost or replaced by {@code ?}.
 */
final class XmlWriter {
    private final StringBuilder out = new StringBuilder(1024);
    private final XmlCharset charset;
    private final CharsetEncoder encoder;

    XmlWriter(XmlCharset charset) {
        this.charset = charset;
        this.encoder = charset.charset().newEncoder();
        out.append("<?xml version=\"1.0\" encoding=\"").append(charset.label()).append("\"?>");
    }

    XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing when {@code text} is {@code null}. */
    XmlWriter element(String name, Object text) {
        if (text == null) {
            return this;
        }
        start(name);
        text(String.valueOf(text));
        return end(name);
    }

    private void text(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (cp < 0x20 && cp != '\t' && cp != '\n' || cp == 0xFFFE || cp == 0xFFFF) {
                        throw new IllegalArgumentException("text contains U+" + Integer.toHexString(cp)
                                + ", which XML 1.0 cannot carry");
                    }
                    String ch = new String(Character.toChars(cp));
                    if (encoder.canEncode(ch)) {
                        out.append(ch);
                    } else {
                        out.append("&#x").append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)).append(';');
                    }
                }
            }
        }
    }

    byte[] bytes() {
        return out.toString().getBytes(charset.charset());
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
