package org.tongban.adapters.simulator.dialect;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of an XML element, parsed without DTDs or external entities (a platform
 * never resolves what a caller points it to).
 */
public final class XmlElement {
    private final Element element;
    private final String path;

    private XmlElement(Element element, String path) {
        this.element = element;
        this.path = path;
    }

    /**
     * Parses a document; {@code charset} (from the Content-Type) wins over the XML declaration.
     *
     * @throws BadInput when it is not well-formed XML
     */
    public static XmlElement parse(byte[] bytes, Charset charset) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            InputSource in = new InputSource(new ByteArrayInputStream(bytes));
            if (charset != null) {
                in.setEncoding(charset.name());
            }
            Document doc = b.parse(in);
            Element root = doc.getDocumentElement();
            return new XmlElement(root, root.getTagName());
        } catch (SAXException | IOException e) {
            throw new BadInput("the body is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no secure XML parser", e);
        }
    }

    public String name() {
        return element.getTagName();
    }

    public String path() {
        return path;
    }

    /** The text of the element, trimmed. */
    public String text() {
        return element.getTextContent().trim();
    }

    public List<XmlElement> children() {
        List<XmlElement> out = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                out.add(new XmlElement((Element) n, path + "/" + ((Element) n).getTagName()));
            }
        }
        return out;
    }

    public Optional<XmlElement> child(String name) {
        return children().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<XmlElement> children(String name) {
        return children().stream().filter(c -> c.name().equals(name)).toList();
    }

    /** Refuses child elements not in {@code allowed}. */
    public XmlElement allowOnly(Set<String> allowed) {
        for (XmlElement c : children()) {
            if (!allowed.contains(c.name())) {
                throw new BadInput(c.path() + " is not an element of this request");
            }
        }
        return this;
    }

    /** The trimmed text of a child that must be present and not empty. */
    public String required(String name) {
        String v = optional(name);
        if (v == null || v.isEmpty()) {
            throw new BadInput(path + "/" + name + " is required");
        }
        return v;
    }

    /** The trimmed text of a child, or {@code null} when absent or empty. */
    public String optional(String name) {
        return child(name).map(XmlElement::text).filter(s -> !s.isEmpty()).orElse(null);
    }
}
