package paperboy.search;

import java.io.IOException;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * Papers a curator hid are in the index (so it holds every paper of the catalog) but in no result:
 * every query that answers a reader goes through here.
 */
final class Visible {
    static final String HIDDEN = "hidden";
    private static final Term HIDDEN_TERM = new Term(SearchFields.LISTING, HIDDEN);
    private static final Query HIDDEN_PAPERS = new TermQuery(HIDDEN_TERM);

    private Visible() {}

    /**
     * {@code query} without the hidden papers. While nothing is hidden (nearly always) the query is
     * left as it is: an exclusion clause keeps a plain disjunction off Lucene's fastest scoring
     * path (block-max WAND), which made the slowest keyword searches ten times slower.
     */
    static Query only(Query query, IndexSearcher searcher) throws IOException {
        if (!anyHidden(searcher)) {
            return query;
        }
        return new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(HIDDEN_PAPERS, Occur.MUST_NOT)
                .build();
    }

    /**
     * A filter for the vector leg: {@code filter} (or everything) without the hidden papers; none
     * (an unfiltered graph search) while nothing is hidden and nothing else filters.
     */
    static @Nullable Query filter(@Nullable Query filter, IndexSearcher searcher)
            throws IOException {
        if (!anyHidden(searcher)) {
            return filter;
        }
        return new BooleanQuery.Builder()
                .add(filter == null ? MatchAllDocsQuery.INSTANCE : filter, Occur.FILTER)
                .add(HIDDEN_PAPERS, Occur.MUST_NOT)
                .build();
    }

    private static boolean anyHidden(IndexSearcher searcher) throws IOException {
        return searcher.getIndexReader().docFreq(HIDDEN_TERM) > 0;
    }
}
