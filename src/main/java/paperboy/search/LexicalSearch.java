package paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;

/** The BM25 leg: ranks by {@link LexicalQueries#scoring}, filtered. Thread-safe. */
final class LexicalSearch {
    private static final Comparator<SearchHit> BY_SCORE_THEN_ID =
            Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id);

    /** Filter-only queries list the newest papers first. */
    private static final Sort NEWEST_FIRST =
            new Sort(
                    new SortField(SearchFields.ANNOUNCED, SortField.Type.LONG, true),
                    new SortField(SearchFields.ID, SortField.Type.STRING, true));

    private final SearchIndex index;
    private final LexicalQueries queries;

    LexicalSearch(SearchIndex index, LexicalQueries queries) {
        this.index = index;
        this.queries = queries;
    }

    /** The first {@code n} hits, best first; empty when the query selects nothing. */
    List<SearchHit> top(SearchQuery q, int n) {
        Query scoring = queries.scoring(q);
        Query filter = queries.filter(q);
        if ((scoring == null && filter == null) || n <= 0) {
            return List.of();
        }
        Query query;
        Sort sort;
        if (scoring == null) {
            query = new ConstantScoreQuery(filter);
            sort = NEWEST_FIRST;
        } else {
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(scoring, Occur.MUST);
            if (filter != null) {
                b.add(filter, Occur.FILTER);
            }
            query = b.build();
            sort = null;
        }
        return index.withSearcher(
                searcher -> {
                    // Scored queries take the top-scores path, which skips blocks that cannot make
                    // the top n (block-max WAND): sorting by score and id instead scored every
                    // paper with any query word, several times slower on queries with common words.
                    // Equal scores are then ordered by id, so results do not depend on how the
                    // index was built.
                    TopDocs top =
                            sort == null
                                    ? searcher.search(Visible.only(query, searcher), n)
                                    : searcher.search(Visible.only(query, searcher), n, sort, true);
                    List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
                    var ids = searcher.storedFields();
                    for (ScoreDoc d : top.scoreDocs) {
                        hits.add(
                                new SearchHit(
                                        ids.document(d.doc).get(SearchFields.ID),
                                        Float.isNaN(d.score) ? 0 : d.score));
                    }
                    if (sort == null) {
                        hits.sort(BY_SCORE_THEN_ID);
                    }
                    return hits;
                });
    }
}
