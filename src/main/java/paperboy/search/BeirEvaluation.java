package paperboy.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Measures Paperboy's ranking on a BEIR-format collection: builds a temporary in-memory index of
 * the corpus with the same analysis and queries as the real index, runs every judged query, and
 * averages nDCG@10, Recall@100 and MRR@10.
 */
public final class BeirEvaluation {
    private final BeirCollection collection;

    private BeirEvaluation(BeirCollection collection) {
        this.collection = collection;
    }

    /**
     * Reads the BEIR folder {@code dir}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed in {@code dir}
     */
    public static BeirEvaluation load(Path dir) {
        return new BeirEvaluation(BeirCollection.read(dir));
    }

    public int documents() {
        return collection.documents().size();
    }

    public int queries() {
        return collection.queries().size();
    }

    /** The lexical (BM25) leg's measures, as {@code ndcg@10, recall@100, mrr@10}. */
    public Map<String, Double> lexical() {
        return Objects.requireNonNull(
                evaluate(null).get("lexical"), "the lexical leg is always measured");
    }

    /**
     * Measures each leg and their fusion. With an {@code embedder}, the corpus is embedded first
     * (the slow part: minutes for SciFact on 2 cores).
     *
     * @return mode ({@code lexical}, and with an embedder {@code semantic}, {@code hybrid}) to
     *     measures
     */
    public Map<String, Map<String, Double>> evaluate(@Nullable Embedder embedder) {
        Analysis analysis = new Analysis();
        List<IndexedText> docs = collection.documents();
        if (embedder != null) {
            List<float[]> vectors =
                    embedder.embedDocuments(
                            docs.stream().map(IndexedText::titleAndBody).toList(), 16);
            List<IndexedText> withVectors = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                withVectors.add(docs.get(i).withVector(vectors.get(i)));
            }
            docs = withVectors;
        }
        try (SearchIndex index = SearchIndex.inMemory(analysis)) {
            index.upsert(docs);
            index.commit(0, IndexBasis.NONE);
            LexicalQueries queries = new LexicalQueries(analysis);
            LexicalSearch lexical = new LexicalSearch(index, queries);
            SemanticSearch semantic = new SemanticSearch(index, queries);
            Map<String, List<RetrievalMetrics>> perMode = new LinkedHashMap<>();
            collection
                    .queries()
                    .forEach(
                            (id, text) -> {
                                // read() keeps only the queries that have judgments
                                Map<String, Integer> judged =
                                        Objects.requireNonNull(collection.judgments().get(id), id);
                                SearchQuery q = SearchQuery.plain(text);
                                List<SearchHit> lex = lexical.top(q, 100);
                                perMode.computeIfAbsent("lexical", k -> new ArrayList<>())
                                        .add(RetrievalMetrics.of(ids(lex), judged));
                                if (embedder != null) {
                                    List<SearchHit> sem =
                                            semantic.top(q, embedder.embedQuery(text), 100);
                                    perMode.computeIfAbsent("semantic", k -> new ArrayList<>())
                                            .add(RetrievalMetrics.of(ids(sem), judged));
                                    perMode.computeIfAbsent("hybrid", k -> new ArrayList<>())
                                            .add(
                                                    RetrievalMetrics.of(
                                                            ids(Fusion.combine(lex, sem, 100)),
                                                            judged));
                                }
                            });
            Map<String, Map<String, Double>> results = new LinkedHashMap<>();
            perMode.forEach(
                    (mode, metrics) -> results.put(mode, asMap(RetrievalMetrics.mean(metrics))));
            return results;
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    private static Map<String, Double> asMap(RetrievalMetrics m) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("ndcg@10", round(m.ndcgAt10()));
        map.put("recall@100", round(m.recallAt100()));
        map.put("mrr@10", round(m.mrrAt10()));
        return map;
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
