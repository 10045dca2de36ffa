package paperboy.search;

import java.util.List;
import java.util.Map;

/** The retrieval measures BEIR reports, for one query; average them over queries. */
record RetrievalMetrics(double ndcgAt10, double recallAt100, double mrrAt10) {

    /**
     * @param ranked result ids, best first
     * @param relevant judged relevant ids with their grades (> 0)
     */
    static RetrievalMetrics of(List<String> ranked, Map<String, Integer> relevant) {
        double dcg = 0;
        double mrr = 0;
        int found = 0;
        for (int i = 0; i < ranked.size() && i < 100; i++) {
            Integer grade = relevant.get(ranked.get(i));
            if (grade == null) {
                continue;
            }
            found++;
            if (i < 10) {
                dcg += grade / log2(i + 2);
                if (mrr == 0) {
                    mrr = 1.0 / (i + 1);
                }
            }
        }
        List<Integer> ideal = relevant.values().stream().sorted((a, b) -> b - a).limit(10).toList();
        double idcg = 0;
        for (int i = 0; i < ideal.size(); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return new RetrievalMetrics(
                idcg == 0 ? 0 : dcg / idcg,
                relevant.isEmpty() ? 0 : (double) found / relevant.size(),
                mrr);
    }

    static RetrievalMetrics mean(List<RetrievalMetrics> all) {
        return new RetrievalMetrics(
                all.stream().mapToDouble(RetrievalMetrics::ndcgAt10).average().orElse(0),
                all.stream().mapToDouble(RetrievalMetrics::recallAt100).average().orElse(0),
                all.stream().mapToDouble(RetrievalMetrics::mrrAt10).average().orElse(0));
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
