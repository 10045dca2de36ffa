package paperboy.search;

import java.util.List;
import java.util.Set;

/**
 * Both legs of a query, fused: the lexical leg's candidates, the semantic leg's, and what fusion
 * must know to be fair while embedding is partial (which candidates have no vector, and how much of
 * the candidate set the semantic leg could rank). Thread-safe.
 */
final class HybridSearch {
    /** How deep each leg looks before fusion. */
    static final int FUSION_DEPTH = 100;

    private final LexicalSearch lexical;
    private final SemanticSearch semantic;
    private final Ranking ranking;

    HybridSearch(LexicalSearch lexical, SemanticSearch semantic, Ranking ranking) {
        this.lexical = lexical;
        this.semantic = semantic;
        this.ranking = ranking;
    }

    /** The best {@code n} papers for {@code q}, whose meaning is {@code queryVector}. */
    List<SearchHit> top(SearchQuery q, float[] queryVector, int n) {
        int depth = Math.max(n, FUSION_DEPTH);
        List<SearchHit> lex = lexical.top(q, depth);
        List<SearchHit> sem = semantic.top(q, queryVector, depth);
        return fuse(lex, sem, n);
    }

    /** Two legs' hits fused, corrected for the papers the semantic leg could not rank. */
    List<SearchHit> fuse(List<SearchHit> lex, List<SearchHit> sem, int n) {
        return Fusion.combine(legs(lex, sem), ranking.fusion(), n);
    }

    private Fusion.Legs legs(List<SearchHit> lex, List<SearchHit> sem) {
        if (!ranking.coverageAware()) {
            return Fusion.Legs.complete(lex, sem);
        }
        if (sem.isEmpty()) {
            // Nothing above the floor: the lexical order stands, whoever has a vector.
            return new Fusion.Legs(lex, Set.of(), sem, 0);
        }
        if (lex.isEmpty()) {
            return new Fusion.Legs(lex, Set.of(), sem, semantic.coverage());
        }
        Set<String> without = semantic.withoutVector(lex.stream().map(SearchHit::id).toList());
        return new Fusion.Legs(
                lex, without, sem, (lex.size() - without.size()) / (double) lex.size());
    }
}
