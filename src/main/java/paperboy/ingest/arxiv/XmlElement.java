package paperboy.ingest.arxiv;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One XML element with its attributes, text and child elements, read from a StAX stream. The
 * parsers stream through a response and read each record, entry or item into one of these, so
 * memory stays at one record however long the page.
 *
 * <p>Names are local names: arXiv's formats never use one local name in two namespaces within an
 * element we read, and matching on local names keeps the parsers short. Immutable.
 *
 * @param text the element's own character data, concatenated (not its children's)
 */
record XmlElement(
        String name, Map<String, String> attributes, String text, List<XmlElement> children) {

    XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /**
     * A reader over {@code xml} that refuses DTDs and external entities (a response must not make
     * us read local files or fetch other URLs).
     */
    static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        // A factory per document: XMLInputFactory is not documented as thread-safe, and creating
        // one costs nothing next to a request that is three seconds apart from the last.
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    /** Reads the element the reader stands on (a START_ELEMENT) up to and including its end tag. */
    static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        String name = reader.getLocalName();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (true) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> children.add(read(reader));
                case XMLStreamConstants.CHARACTERS,
                        XMLStreamConstants.CDATA,
                        XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return new XmlElement(name, attributes, text.toString(), children);
                }
                case XMLStreamConstants.END_DOCUMENT ->
                        throw new XMLStreamException("the document ends inside <" + name + ">");
                default -> {
                    // comments and processing instructions carry nothing we read
                }
            }
        }
    }

    Optional<XmlElement> child(String localName) {
        return children.stream().filter(c -> c.name.equals(localName)).findFirst();
    }

    List<XmlElement> children(String localName) {
        return children.stream().filter(c -> c.name.equals(localName)).toList();
    }

    /** The text of the first child called {@code localName}, {@code null} when there is none. */
    String childText(String localName) {
        return child(localName).map(XmlElement::text).orElse(null);
    }

    /** The attribute's value, {@code null} when absent. */
    String attribute(String localName) {
        return attributes.get(localName);
    }
}
