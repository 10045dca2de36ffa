package paperboy.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The semantic leg: nearest papers to the query's embedding in the HNSW graph, with the query's
 * filters applied inside the graph search (not after it, which would return too few). Thread-safe.
 */
final class SemanticSearch {
    /** HNSW recall drops when asked for very few neighbours: always ask at least this many. */
    static final int MIN_K = 50;

    /**
     * The cosine similarity below which a nearest neighbour is not a match: the model always has
     * neighbours, and a query about nothing in the index must not be answered with them. Calibrated
     * on every collection (README.md, "Search quality").
     */
    static final double FLOOR = 0.64;

    private final SearchIndex index;
    private final LexicalQueries queries;
    private final double floor;

    SemanticSearch(SearchIndex index, LexicalQueries queries, double floor) {
        this.index = index;
        this.queries = queries;
        this.floor = floor;
    }

    List<SearchHit> top(SearchQuery q, float[] queryVector, int n) {
        List<SearchHit> hits = knn(queryVector, queries.semanticFilter(q), n);
        // A DOT_PRODUCT score is (1 + cosine) / 2.
        double minScore = (1 + floor) / 2;
        return hits.stream().filter(h -> h.score() >= minScore).toList();
    }

    /** Of {@code ids}, those whose paper has no vector yet. */
    Set<String> withoutVector(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Query lacking =
                new BooleanQuery.Builder()
                        .add(
                                new TermInSetQuery(
                                        SearchFields.ID, ids.stream().map(BytesRef::new).toList()),
                                BooleanClause.Occur.FILTER)
                        .add(
                                new FieldExistsQuery(SearchFields.VECTOR),
                                BooleanClause.Occur.MUST_NOT)
                        .build();
        return index.withSearcher(
                searcher -> {
                    Set<String> found = new HashSet<>();
                    var stored = searcher.storedFields();
                    for (ScoreDoc d : searcher.search(lacking, ids.size()).scoreDocs) {
                        found.add(stored.document(d.doc).get(SearchFields.ID));
                    }
                    return found;
                });
    }

    /** The share of papers in the index that have a vector (1 for an empty index). */
    double coverage() {
        int all = index.documents();
        return all == 0 ? 1.0 : index.vectorDocuments() / (double) all;
    }

    /** Nearest papers to a paper's own vector, without that paper. */
    List<SearchHit> near(float[] vector, String excludedId, int n) {
        Query notItself =
                new BooleanQuery.Builder()
                        .add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.FILTER)
                        .add(
                                new TermQuery(new Term(SearchFields.ID, excludedId)),
                                BooleanClause.Occur.MUST_NOT)
                        .build();
        return knn(vector, notItself, n);
    }

    private List<SearchHit> knn(float[] queryVector, @Nullable Query filter, int n) {
        if (n <= 0) {
            return List.of();
        }
        return index.withSearcher(
                searcher -> {
                    Query knn =
                            new KnnFloatVectorQuery(
                                    SearchFields.VECTOR,
                                    queryVector,
                                    Math.max(n, MIN_K),
                                    Visible.filter(filter, searcher));
                    TopDocs top = searcher.search(knn, n);
                    List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
                    var ids = searcher.storedFields();
                    for (ScoreDoc d : top.scoreDocs) {
                        hits.add(new SearchHit(ids.document(d.doc).get(SearchFields.ID), d.score));
                    }
                    return hits;
                });
    }
}
