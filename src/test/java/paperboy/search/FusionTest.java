package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import paperboy.search.Fusion.Legs;
import paperboy.search.Fusion.Method;

/** Hybrid ranking: each leg's shares, weighted by how much of the candidates the vectors cover. */
class FusionTest {
    private static List<SearchHit> hits(Object... idAndScore) {
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < idAndScore.length; i += 2) {
            hits.add(
                    new SearchHit(
                            (String) idAndScore[i], ((Number) idAndScore[i + 1]).doubleValue()));
        }
        return hits;
    }

    private static Map<String, Double> scores(List<SearchHit> fused) {
        return fused.stream().collect(Collectors.toMap(SearchHit::id, SearchHit::score));
    }

    private static List<SearchHit> complete(
            List<SearchHit> lexical, List<SearchHit> semantic, Method method, int n) {
        return Fusion.combine(Legs.complete(lexical, semantic), method, n);
    }

    private static double rrf(int rank) {
        return 1.0 / (Fusion.RRF_K + rank);
    }

    @Test
    void fullyEmbeddedReciprocalRankFusionAveragesTheLegsReciprocalRanks() {
        Map<String, Double> fused =
                scores(
                        complete(
                                hits("a", 30, "b", 20, "c", 10),
                                hits("b", 0.9, "d", 0.8),
                                Method.RRF,
                                10));
        assertThat(fused.get("a")).isCloseTo(0.5 * rrf(1), within(1e-12));
        assertThat(fused.get("b")).isCloseTo(0.5 * rrf(2) + 0.5 * rrf(1), within(1e-12));
        assertThat(fused.get("c")).isCloseTo(0.5 * rrf(3), within(1e-12));
        assertThat(fused.get("d")).isCloseTo(0.5 * rrf(2), within(1e-12));
    }

    @Test
    void aCandidateWithoutAVectorIsScoredOnTheSemanticHalfAsOnTheLexicalOne() {
        List<SearchHit> lexical = hits("unembedded", 9, "embedded", 8);
        List<SearchHit> semantic = hits("embedded", 0.9, "elsewhere", 0.8);
        Map<String, Double> fused =
                scores(
                        Fusion.combine(
                                new Legs(lexical, Set.of("unembedded"), semantic, 0.5),
                                Method.RRF,
                                10));
        double w = 0.25; // half of the coverage
        assertThat(fused.get("unembedded")).isCloseTo(rrf(1), within(1e-12));
        assertThat(fused.get("embedded")).isCloseTo((1 - w) * rrf(2) + w * rrf(1), within(1e-12));
        assertThat(fused.get("elsewhere")).isCloseTo(w * rrf(2), within(1e-12));
    }

    @Test
    void withFewVectorsTheFewEmbeddedPapersDoNotCrowdOutTheLexicalRanking() {
        List<SearchHit> lexical = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            lexical.add(new SearchHit("lex" + i, 100 - i));
        }
        // 1 of the 20 lexical candidates has a vector; the semantic leg's best are unrelated.
        Set<String> without =
                lexical.stream()
                        .map(SearchHit::id)
                        .filter(id -> !id.equals("lex5"))
                        .collect(Collectors.toSet());
        List<SearchHit> semantic = hits("unrelated1", 0.9, "unrelated2", 0.8, "lex5", 0.7);
        for (Method method : Method.values()) {
            List<SearchHit> fused =
                    Fusion.combine(new Legs(lexical, without, semantic, 0.05), method, 10);
            assertThat(fused)
                    .as(method.name())
                    .extracting(SearchHit::id)
                    .containsExactly(
                            "lex1", "lex2", "lex3", "lex4", "lex5", "lex6", "lex7", "lex8", "lex9",
                            "lex10");
            // Naively fused, the unrelated papers take the top.
            assertThat(complete(lexical, semantic, method, 3))
                    .as(method.name())
                    .extracting(SearchHit::id)
                    .contains("unrelated1");
        }
    }

    @Test
    void convexFusionScalesEachLegSoItsBestIsOneAndItsWorstZero() {
        List<SearchHit> fused =
                complete(
                        hits("a", 30, "b", 20, "c", 10),
                        hits("a", 0.50, "b", 0.49, "c", 0.10),
                        Method.CONVEX,
                        10);
        assertThat(fused).extracting(SearchHit::id).containsExactly("a", "b", "c");
        assertThat(fused.get(0).score()).isCloseTo(1.0, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(0.5 * 0.5 + 0.5 * 0.975, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aLegsScaleAndOffsetDoNotMatter() {
        List<SearchHit> semantic = hits("b", 0.9, "c", 0.7, "a", 0.1);
        for (Method method : Method.values()) {
            List<SearchHit> bm25 =
                    complete(hits("a", 12.5, "b", 7.0, "c", 3.1), semantic, method, 10);
            List<SearchHit> scaled =
                    complete(
                            hits("a", 1250 + 40, "b", 700 + 40, "c", 310 + 40),
                            semantic,
                            method,
                            10);
            scores(scaled)
                    .forEach(
                            (id, score) ->
                                    assertThat(score)
                                            .as(method + " " + id)
                                            .isCloseTo(scores(bm25).get(id), within(1e-12)));
        }
    }

    @Test
    void aPaperAtTheTopOfBothLegsBeatsOneAtTheTopOfOne() {
        for (Method method : Method.values()) {
            List<SearchHit> fused =
                    complete(
                            hits("both", 9, "lex-only", 8, "x", 1),
                            hits("both", 0.9, "y", 0.1),
                            method,
                            10);
            assertThat(fused.getFirst().id()).as(method.name()).isEqualTo("both");
        }
    }

    @Test
    void noHitsInEitherLegFuseToNone() {
        for (Method method : Method.values()) {
            assertThat(complete(List.of(), List.of(), method, 10)).isEmpty();
        }
    }

    @Test
    void equalScoresAreOrderedByIdSoThatPagesAreStable() {
        List<SearchHit> fused =
                complete(hits("c", 2, "a", 1), hits("a", 2, "c", 1), Method.RRF, 10);
        assertThat(fused).extracting(SearchHit::id).containsExactly("a", "c");
        assertThat(fused.get(0).score()).isEqualTo(fused.get(1).score());
    }

    @Test
    void returnsAtMostTheHitsAskedFor() {
        List<SearchHit> lexical = hits("a", 4, "b", 3, "c", 2, "d", 1);
        assertThat(complete(lexical, List.of(), Method.RRF, 2))
                .extracting(SearchHit::id)
                .containsExactly("a", "b");
        assertThat(complete(lexical, List.of(), Method.RRF, 10)).hasSize(4);
    }

    @Test
    void convexHitsBelowTheHundredthGoBelowZeroAndLeaveTheScoresOfTheBestUnchanged() {
        List<SearchHit> deep = new ArrayList<>();
        for (int rank = 1; rank <= 3 * Fusion.NORMALISE_OVER; rank++) {
            deep.add(new SearchHit(String.format("p%03d", rank), 1000.0 - rank));
        }
        Map<String, Double> shallow =
                scores(
                        complete(
                                deep.subList(0, Fusion.NORMALISE_OVER),
                                List.of(),
                                Method.CONVEX,
                                1000));
        Map<String, Double> full = scores(complete(deep, List.of(), Method.CONVEX, 1000));
        assertThat(full).hasSize(3 * Fusion.NORMALISE_OVER);
        shallow.forEach((id, score) -> assertThat(full.get(id)).as(id).isEqualTo(score));
        assertThat(full.get("p001")).isEqualTo(0.5);
        assertThat(full.get(String.format("p%03d", Fusion.NORMALISE_OVER))).isEqualTo(0.0);
        assertThat(full.get(String.format("p%03d", Fusion.NORMALISE_OVER + 1))).isNegative();
    }
}
