package paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the lexical and semantic result lists into one ranking, in every state of embedding.
 *
 * <p>Each leg gives each of its papers a share: reciprocal rank ({@code 1 / (k + rank)}) or its
 * min-max-normalised score, by {@link Method}. A paper's fused score is the weighted mean of its
 * two shares (a leg that did not find it gives 0), the semantic leg weighing {@code w = 0.5 *
 * coverage}.
 *
 * <p>While embedding is partial, the semantic leg ranks only the papers that have a vector: its
 * first hit is the best of a few, not of all. Fused naively, those few crowd out better papers that
 * merely have no vector yet (SciFact with 5% embedded: nDCG@10 0.50, against 0.68 for BM25 alone).
 * So the semantic leg's weight shrinks with the share of the lexical candidates it could rank, and
 * a candidate without a vector is scored on the semantic half as on the lexical one (the missing
 * leg is taken to agree, not to reject it). With every candidate embedded this is the plain method.
 * See README.md, "Search quality", for the measurements.
 */
final class Fusion {
    /** How the two legs' lists become one. */
    enum Method {
        /** Reciprocal rank fusion, k = 60 (Cormack, Clarke and Büttcher 2009). */
        RRF,
        /** Min-max-normalised scores, averaged with equal weights. */
        CONVEX
    }

    /** RRF's constant, as its authors set it and most systems keep it. */
    static final int RRF_K = 60;

    /** How many of each leg's best hits set a convex fusion's score range. */
    static final int NORMALISE_OVER = 100;

    /**
     * One query's legs.
     *
     * @param lexical the lexical leg's hits, best first
     * @param withoutVector which of the lexical hits have no vector yet
     * @param semantic the semantic leg's hits, best first (only papers with a vector)
     * @param coverage the share (0 to 1) of the papers the semantic leg could rank: of the lexical
     *     candidates, or of all papers when the lexical leg found none
     */
    record Legs(
            List<SearchHit> lexical,
            Set<String> withoutVector,
            List<SearchHit> semantic,
            double coverage) {

        /** Legs of a fully embedded index. */
        static Legs complete(List<SearchHit> lexical, List<SearchHit> semantic) {
            return new Legs(lexical, Set.of(), semantic, 1);
        }
    }

    private Fusion() {}

    static List<SearchHit> combine(Legs legs, Method method, int n) {
        Map<String, Double> lexical =
                method == Method.RRF ? reciprocalRanks(legs.lexical()) : normalised(legs.lexical());
        Map<String, Double> semantic =
                method == Method.RRF
                        ? reciprocalRanks(legs.semantic())
                        : normalised(legs.semantic());
        double w = 0.5 * Math.clamp(legs.coverage(), 0, 1);
        Map<String, Double> scores = new HashMap<>();
        lexical.forEach(
                (id, share) ->
                        scores.put(
                                id, legs.withoutVector().contains(id) ? share : (1 - w) * share));
        semantic.forEach((id, share) -> scores.merge(id, w * share, Double::sum));
        List<SearchHit> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> fused.add(new SearchHit(id, score)));
        fused.sort(
                Comparator.comparingDouble(SearchHit::score)
                        .reversed()
                        .thenComparing(SearchHit::id));
        return fused.size() <= n ? fused : fused.subList(0, n);
    }

    private static Map<String, Double> reciprocalRanks(List<SearchHit> ranked) {
        Map<String, Double> shares = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            shares.merge(ranked.get(i).id(), 1.0 / (RRF_K + i + 1), Double::sum);
        }
        return shares;
    }

    /**
     * Scores mapped so the top {@link #NORMALISE_OVER} span [0, 1] (best = 1); a lone hit counts 1.
     * Deeper hits go below 0 on the same scale, so the scale of the first pages does not change
     * with how deep a later page asks.
     */
    private static Map<String, Double> normalised(List<SearchHit> ranked) {
        Map<String, Double> scores = new HashMap<>();
        if (ranked.isEmpty()) {
            return scores;
        }
        List<SearchHit> head = ranked.subList(0, Math.min(ranked.size(), NORMALISE_OVER));
        double max = head.stream().mapToDouble(SearchHit::score).max().orElse(0);
        double min = head.stream().mapToDouble(SearchHit::score).min().orElse(0);
        for (SearchHit hit : ranked) {
            scores.merge(hit.id(), max == min ? 1 : (hit.score() - min) / (max - min), Double::sum);
        }
        return scores;
    }
}
