package paperboy.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.jspecify.annotations.Nullable;

/**
 * The semantic leg: nearest papers to the query's embedding in the HNSW graph, with the query's
 * filters applied inside the graph search (not after it, which would return too few). Thread-safe.
 */
final class SemanticSearch {
    /** HNSW recall drops when asked for very few neighbours: always ask at least this many. */
    static final int MIN_K = 50;

    private final SearchIndex index;
    private final LexicalQueries queries;

    SemanticSearch(SearchIndex index, LexicalQueries queries) {
        this.index = index;
        this.queries = queries;
    }

    List<SearchHit> top(SearchQuery q, float[] queryVector, int n) {
        return knn(queryVector, queries.semanticFilter(q), n);
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
