package paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
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

    /**
     * Terms of a paper's text that a "more like this" query keeps: Lucene's MoreLikeThis default.
     * All of an abstract's words made a 64-clause disjunction, most of a paper page's time.
     */
    static final int SIMILAR_TERMS = 25;

    private final SearchIndex index;
    private final LexicalQueries queries;
    private final Analysis analysis;

    LexicalSearch(SearchIndex index, LexicalQueries queries, Analysis analysis) {
        this.index = index;
        this.queries = queries;
        this.analysis = analysis;
    }

    /**
     * The {@code n} papers that share the most distinctive words with {@code text} (a paper's title
     * and abstract), best first: BM25 over its {@link #SIMILAR_TERMS} terms of highest tf·idf that
     * occur in at least two papers, as Lucene's MoreLikeThis selects them (its defaults, but for a
     * term frequency of one: an abstract states most things once).
     */
    List<SearchHit> similar(String text, int n) {
        Map<String, Integer> frequencies = new HashMap<>();
        for (String term : analysis.terms(SearchFields.TEXT, text)) {
            frequencies.merge(term, 1, Integer::sum);
        }
        if (frequencies.isEmpty() || n <= 0) {
            return List.of();
        }
        return index.withSearcher(
                searcher -> {
                    IndexReader reader = searcher.getIndexReader();
                    int docs = Math.max(1, reader.numDocs());
                    record Weighted(String term, double weight) {}
                    List<Weighted> weighted = new ArrayList<>(frequencies.size());
                    for (var e : frequencies.entrySet()) {
                        int df = reader.docFreq(new Term(SearchFields.TEXT, e.getKey()));
                        if (df >= 2) {
                            double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
                            weighted.add(new Weighted(e.getKey(), e.getValue() * idf));
                        }
                    }
                    weighted.sort(
                            Comparator.comparingDouble(Weighted::weight)
                                    .reversed()
                                    .thenComparing(Weighted::term));
                    BooleanQuery.Builder b = new BooleanQuery.Builder();
                    weighted.stream()
                            .limit(SIMILAR_TERMS)
                            .forEach(
                                    w ->
                                            b.add(
                                                    new TermQuery(
                                                            new Term(SearchFields.TEXT, w.term())),
                                                    Occur.SHOULD));
                    BooleanQuery query = b.build();
                    if (query.clauses().isEmpty()) {
                        return List.<SearchHit>of();
                    }
                    TopDocs top = searcher.search(Visible.only(query, searcher), n);
                    List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
                    var ids = searcher.storedFields();
                    for (ScoreDoc d : top.scoreDocs) {
                        hits.add(new SearchHit(ids.document(d.doc).get(SearchFields.ID), d.score));
                    }
                    hits.sort(BY_SCORE_THEN_ID);
                    return hits;
                });
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
