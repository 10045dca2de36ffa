package paperboy.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
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
    private static final Query HIDDEN_PAPERS =
            new TermQuery(new Term(SearchFields.LISTING, HIDDEN));

    private Visible() {}

    /** {@code query} without the hidden papers. */
    static Query only(Query query) {
        return new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(HIDDEN_PAPERS, Occur.MUST_NOT)
                .build();
    }

    /** A filter for the vector leg: {@code filter} (or everything) without the hidden papers. */
    static Query filter(@Nullable Query filter) {
        return new BooleanQuery.Builder()
                .add(filter == null ? MatchAllDocsQuery.INSTANCE : filter, Occur.FILTER)
                .add(HIDDEN_PAPERS, Occur.MUST_NOT)
                .build();
    }
}
