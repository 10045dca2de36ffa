package paperboy.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** @throws IllegalArgumentException naming what is missing or malformed in {@code dir} */
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
        Analysis analysis = new Analysis();
        try (SearchIndex index = SearchIndex.inMemory(analysis)) {
            index.upsert(collection.documents());
            index.commit(0);
            LexicalSearch search = new LexicalSearch(index, new LexicalQueries(analysis));
            List<RetrievalMetrics> perQuery = new ArrayList<>();
            collection.queries().forEach((id, text) -> {
                List<String> ranked = search.top(SearchQuery.plain(text), 100).stream().map(SearchHit::id).toList();
                perQuery.add(RetrievalMetrics.of(ranked, collection.judgments().get(id)));
            });
            return asMap(RetrievalMetrics.mean(perQuery));
        }
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
