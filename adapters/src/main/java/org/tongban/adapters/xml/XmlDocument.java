package org.tongban.adapters.xml;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code xml-hmac} document, read with the JDK parser hardened against hostile input:
 * no DOCTYPE at all (so no entity expansion, internal or external), no external DTDs or
 * schemas, no XInclude, secure processing limits on.
 *
 * <p>The bytes are decoded with the charset the XML declaration names, else the one of the
 * {@code Content-Type}, else the configured one; bytes invalid in that charset are refused.
 */
final class XmlDocument {
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']");
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private final Element root;

    private XmlDocument(Element root) {
        this.root = root;
    }

    /** Parses {@code body}; fails with {@link XmlException} when it is not a well-formed document. */
    static XmlDocument parse(byte[] body, Charset fallback) {
        String text = decode(body, fallback);
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return new XmlDocument(builder.parse(new InputSource(new StringReader(text))).getDocumentElement());
        } catch (SAXException | IOException e) {
            throw new XmlException("not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(byte[] body, Charset fallback) {
        if (body.length == 0) {
            throw new XmlException("the body is empty");
        }
        int skip = body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF
                ? 3 : 0;
        String head = new String(body, skip, Math.min(200, body.length - skip), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        Charset charset = fallback;
        if (m.find()) {
            String name = m.group(1).toUpperCase(Locale.ROOT);
            if (!name.equals("UTF-8") && !name.equals("GBK") && !name.equals("GB2312") && !name.equals("GB18030")) {
                throw new XmlException("unsupported encoding " + m.group(1));
            }
            charset = Charset.forName(name);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new XmlException("the body is not valid " + charset.name());
        }
    }

    /** The charset named by a {@code Content-Type} header, or {@code fallback}. */
    static Charset charsetOf(String contentType, Charset fallback) {
        if (contentType == null) {
            return fallback;
        }
        Matcher m = Pattern.compile("charset=\"?([A-Za-z0-9._-]+)").matcher(contentType);
        if (!m.find()) {
            return fallback;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    String rootName() {
        return root.getTagName();
    }

    /** The text of the root's first child element {@code name}; {@code null} when absent or empty. */
    String text(String name) {
        return text(root, name);
    }

    /** The child elements {@code item} of the root's child element {@code list}, as nodes. */
    List<XmlNode> list(String list, String item) {
        Element container = child(root, list);
        List<XmlNode> out = new ArrayList<>();
        if (container == null) {
            return out;
        }
        for (Node n = container.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(item)) {
                out.add(new XmlNode((Element) n));
            }
        }
        return out;
    }

    /** One element below the root, read the same way. */
    record XmlNode(Element element) {
        String text(String name) {
            return XmlDocument.text(element, name);
        }
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static DocumentBuilderFactory hardenedFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** A body that is not a well-formed document in an allowed charset. */
    static final class XmlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        XmlException(String message) {
            super(message, null, false, false);
        }
    }
}
