package io.kclient.convert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * XML payloads as DOM documents, parsed by a hardened parser: a DOCTYPE is refused outright, so
 * external entities (XXE) and entity expansion (billion laughs) cannot happen, and nesting is
 * bounded as for JSON.
 */
final class XmlDocuments {

    /** The JDK parser's element depth limit (jdk.xml.maxElementDepth); unlimited unless set. */
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private final DocumentBuilderFactory factory;

    XmlDocuments() {
        try {
            factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            // DOM building is not recursive, but whatever walks the document next may be: bound it like JSON
            factory.setAttribute(MAX_ELEMENT_DEPTH, Integer.toString(HardenedJsonMapper.MAX_NESTING_DEPTH));
            factory.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be hardened against XXE", e);
        }
    }

    Document parse(byte[] data) {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder(); // not thread-safe: one per call
            builder.setErrorHandler(null); // the exception says it all; do not print to stderr
            return builder.parse(new ByteArrayInputStream(data));
        } catch (SAXException | java.io.IOException | ParserConfigurationException e) {
            throw new PayloadConversionException("Payload is not an acceptable XML document: " + e.getMessage(), e);
        }
    }

    byte[] write(Document document) {
        try {
            TransformerFactory transformers = TransformerFactory.newInstance();
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = transformers.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalArgumentException("Cannot write XML document: " + e.getMessage(), e);
        }
    }
}
