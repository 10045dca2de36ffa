package paperboy.ingest.arxiv;

import paperboy.catalog.Paper;

/**
 * Turns one OAI-PMH metadata element of a given format into a paper. Implementations are stateless.
 */
interface MetadataMapper {
    /**
     * Reads one record's metadata.
     *
     * @param metadata the format's root element ({@code <arXivRaw>}, {@code <arXiv>})
     * @throws RecordRejectedException with the reason when the record is unusable
     */
    Paper toPaper(XmlElement metadata) throws RecordRejectedException;
}
