package paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** The BM25 leg: ranks by {@link LexicalQueries#scoring}, filtered. Thread-safe. */
final class LexicalSearch {
    private static final Comparator<SearchHit> BY_SCORE_THEN_ID =
            Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id);

    /** Filter-only queries and searches by date list the newest papers first. */
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

    /**
     * The first {@code n} papers that match the query ({@link LexicalQueries#matching}: most of its
     * words, every phrase, {@code title:} and {@code author:} part, and its filters; a filter-only
     * query lists what the filters select), newest announcement first, equal days by id, newest
     * first. Hits carry score 0: no relevance is computed.
     */
    List<SearchHit> newest(SearchQuery q, int n) {
        Query words = queries.matching(q);
        Query filter = queries.filter(q);
        if ((words == null && filter == null) || n <= 0) {
            return List.of();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (words != null) {
            b.add(words, Occur.FILTER);
        }
        if (filter != null) {
            b.add(filter, Occur.FILTER);
        }
        Query query = new ConstantScoreQuery(b.build());
        return index.withSearcher(
                searcher -> {
                    TopDocs top = searcher.search(Visible.only(query, searcher), n, NEWEST_FIRST);
                    List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
                    var ids = searcher.storedFields();
                    for (ScoreDoc d : top.scoreDocs) {
                        hits.add(new SearchHit(ids.document(d.doc).get(SearchFields.ID), 0));
                    }
                    return hits;
                });
    }

    /**
     * The papers with an author called {@code key} ({@link paperboy.catalog.AuthorKey#of}), newest
     * first as {@link #newest}: those after the first {@code offset}, at most {@code limit}, and
     * how many there are in all.
     */
    PaperSearch.AuthorPapers byAuthor(String key, int offset, int limit) {
        Query byKey = new ConstantScoreQuery(new TermQuery(new Term(SearchFields.AUTHOR_KEY, key)));
        return index.withSearcher(
                searcher -> {
                    Query visible = Visible.only(byKey, searcher);
                    int total = searcher.count(visible);
                    if (offset >= total) {
                        return new PaperSearch.AuthorPapers(List.of(), total);
                    }
                    TopDocs top = searcher.search(visible, offset + limit, NEWEST_FIRST);
                    List<SearchHit> hits = new ArrayList<>(limit);
                    var ids = searcher.storedFields();
                    for (int i = offset; i < top.scoreDocs.length; i++) {
                        hits.add(
                                new SearchHit(
                                        ids.document(top.scoreDocs[i].doc).get(SearchFields.ID),
                                        0));
                    }
                    return new PaperSearch.AuthorPapers(hits, total);
                });
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
