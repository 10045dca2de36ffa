package paperboy.search;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import paperboy.catalog.CatalogStore;

/**
 * Search over the catalog: the front door of this package. The index lives in its own directory,
 * is derived from the catalog and can be rebuilt at any time. Thread-safe for searches; run
 * {@link #catchUp} and {@link #rebuild} from one thread at a time.
 */
public final class PaperSearch implements AutoCloseable {
    /** How many hits a page may ask for. */
    public static final int MAX_LIMIT = 100;
    /** How deep a result list may be paged. */
    public static final int MAX_OFFSET = 1000;

    private final SearchIndex index;
    private final Indexer indexer;
    private final LexicalSearch lexical;

    private PaperSearch(SearchIndex index, CatalogStore catalog) {
        Analysis analysis = new Analysis();
        this.index = index;
        this.indexer = new Indexer(catalog, index);
        this.lexical = new LexicalSearch(index, new LexicalQueries(analysis));
    }

    /** Opens (or creates) the index in {@code dir}, following {@code catalog}. */
    public static PaperSearch open(Path dir, CatalogStore catalog) {
        return new PaperSearch(SearchIndex.open(dir, new Analysis()), catalog);
    }

    /** Brings the index up to the catalog's latest change; returns papers applied. */
    public long catchUp(LongConsumer progress) {
        return indexer.catchUp(progress);
    }

    /** Drops the index and builds it again from the catalog; returns papers indexed. */
    public long rebuild(LongConsumer progress) {
        index.clear();
        return indexer.catchUp(progress);
    }

    /**
     * Searches with the query syntax of {@link QuerySyntax}; any input is accepted.
     *
     * @throws IllegalArgumentException when offset or limit are out of range
     */
    public List<SearchHit> search(String query, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be between 0 and " + MAX_OFFSET + ", not " + offset);
        }
        List<SearchHit> hits = lexical.top(QuerySyntax.parse(query), offset + limit);
        return hits.size() <= offset ? List.of() : hits.subList(offset, hits.size());
    }

    /** Papers in the index. */
    public int documents() {
        return index.documents();
    }

    /** The catalog change the index has reached. */
    public long indexedSeq() {
        return index.indexedSeq();
    }

    @Override
    public void close() {
        index.close();
    }
}
