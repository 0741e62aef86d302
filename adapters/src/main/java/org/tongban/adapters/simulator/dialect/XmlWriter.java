package org.tongban.adapters.simulator.dialect;

import java.nio.charset.Charset;

/** Writes the simple XML of the {@code xml-hmac} dialect: elements and text, escaped, with a declaration. */
public final class XmlWriter {
    private final StringBuilder sb = new StringBuilder();
    private final Charset charset;
    private final java.nio.charset.CharsetEncoder encoder;

    private XmlWriter(Charset charset, String root) {
        this.charset = charset;
        this.encoder = charset.newEncoder();
        sb.append("<?xml version=\"1.0\" encoding=\"").append(charset.name()).append("\"?>");
        sb.append('<').append(root).append('>');
    }

    public static XmlWriter document(Charset charset, String root) {
        return new XmlWriter(charset, root);
    }

    public XmlWriter open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    public XmlWriter close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; nothing when {@code text} is {@code null}. */
    public XmlWriter element(String name, Object text) {
        if (text == null) {
            return this;
        }
        sb.append('<').append(name).append('>');
        escape(String.valueOf(text));
        sb.append("</").append(name).append('>');
        return this;
    }

    public byte[] end(String root) {
        sb.append("</").append(root).append('>');
        return sb.toString().getBytes(charset);
    }

    /** Markup characters as entities; text the charset cannot encode as character references, never as '?'. */
    private void escape(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp > 0x7f && !encoder.canEncode(new String(Character.toChars(cp)))) {
                sb.append("&#").append(cp).append(';');
                continue;
            }
            switch (cp) {
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '&':
                    sb.append("&amp;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                default:
                    sb.appendCodePoint(cp);
            }
        }
    }
}
