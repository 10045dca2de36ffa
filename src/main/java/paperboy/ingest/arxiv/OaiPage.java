package paperboy.ingest.arxiv;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * One OAI-PMH ListRecords response: its records and the token of the next page, or the error arXiv
 * answered with instead.
 *
 * @param resumptionToken the next page's token; {@code null} when this is the last page (an empty
 *     or absent {@code <resumptionToken>})
 * @param completeListSize how many records the whole list holds, as the token says; -1 when unknown
 * @param errorCode the OAI-PMH error code ({@link #NO_RECORDS_MATCH}, {@link
 *     #BAD_RESUMPTION_TOKEN}, ...), {@code null} for a normal page
 */
record OaiPage(
        List<OaiRecord> records,
        @Nullable String resumptionToken,
        long completeListSize,
        @Nullable String errorCode,
        @Nullable String errorMessage) {

    static final String NO_RECORDS_MATCH = "noRecordsMatch";
    static final String BAD_RESUMPTION_TOKEN = "badResumptionToken";

    OaiPage {
        records = List.copyOf(records);
    }

    /**
     * One record as it came: the header's fields and the metadata element ({@code <arXivRaw>} or
     * {@code <arXiv>}), not yet checked.
     *
     * @param identifier the OAI identifier, e.g. {@code oai:arXiv.org:2503.11731}; may be {@code
     *     null}
     * @param datestamp the header datestamp as written; may be {@code null}
     * @param metadata the format's root element, {@code null} for deleted records
     */
    record OaiRecord(
            @Nullable String identifier,
            @Nullable String datestamp,
            boolean deleted,
            @Nullable XmlElement metadata) {}

    boolean isError() {
        return errorCode != null;
    }

    /**
     * Reads a ListRecords response.
     *
     * @throws ArxivResponseException when the body is not well-formed XML
     */
    static OaiPage parse(byte[] body, URI uri) {
        List<OaiRecord> records = new ArrayList<>();
        String token = null;
        long completeListSize = -1;
        String errorCode = null;
        String errorMessage = null;
        try {
            XMLStreamReader reader = XmlElement.reader(body);
            try {
                while (reader.hasNext()) {
                    if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (reader.getLocalName()) {
                        case "record" -> records.add(toRecord(XmlElement.read(reader)));
                        case "resumptionToken" -> {
                            completeListSize =
                                    count(reader.getAttributeValue(null, "completeListSize"));
                            token = reader.getElementText().strip();
                        }
                        case "error" -> {
                            errorCode = reader.getAttributeValue(null, "code");
                            errorMessage = reader.getElementText().strip();
                        }
                        default -> {
                            // the envelope (OAI-PMH, responseDate, request, ListRecords)
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new ArxivResponseException(
                    uri, "not well-formed OAI-PMH XML: " + e.getMessage(), null, e);
        }
        if (errorCode == null && errorMessage != null) {
            errorCode = "unknown";
        }
        return new OaiPage(
                records,
                token == null || token.isEmpty() ? null : token,
                completeListSize,
                errorCode,
                errorMessage);
    }

    /**
     * An optional count attribute; -1 when absent or not a number (it only serves progress
     * reports).
     */
    private static long count(String attribute) {
        return attribute != null && attribute.strip().matches("\\d{1,18}")
                ? Long.parseLong(attribute.strip())
                : -1;
    }

    private static OaiRecord toRecord(XmlElement record) {
        XmlElement header = record.child("header").orElse(null);
        if (header == null) {
            return new OaiRecord(null, null, false, null);
        }
        boolean deleted = "deleted".equals(header.attribute("status"));
        XmlElement metadata =
                record.child("metadata")
                        .flatMap(m -> m.children().stream().findFirst())
                        .orElse(null);
        return new OaiRecord(
                header.childText("identifier"), header.childText("datestamp"), deleted, metadata);
    }
}
