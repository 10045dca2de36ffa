package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hybrid ranking: each leg min-max normalised over its best hits, then averaged. */
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

    @Test
    void eachLegIsScaledSoItsBestIsOneAndItsWorstZeroThenTheLegsAreAveraged() {
        List<SearchHit> fused =
                Fusion.combine(
                        hits("a", 30, "b", 20, "c", 10), hits("a", 0.50, "b", 0.49, "c", 0.10), 10);
        assertThat(fused).extracting(SearchHit::id).containsExactly("a", "b", "c");
        assertThat(fused.get(0).score()).isCloseTo(1.0, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(0.5 * 0.5 + 0.5 * 0.975, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aLegsScaleAndOffsetDoNotMatter() {
        List<SearchHit> semantic = hits("b", 0.9, "c", 0.7, "a", 0.1);
        List<SearchHit> bm25 = Fusion.combine(hits("a", 12.5, "b", 7.0, "c", 3.1), semantic, 10);
        List<SearchHit> scaled =
                Fusion.combine(hits("a", 1250 + 40, "b", 700 + 40, "c", 310 + 40), semantic, 10);
        assertThat(scaled)
                .extracting(SearchHit::id)
                .containsExactlyElementsOf(bm25.stream().map(SearchHit::id).toList());
        scores(scaled)
                .forEach(
                        (id, score) ->
                                assertThat(score)
                                        .as(id)
                                        .isCloseTo(scores(bm25).get(id), within(1e-12)));
    }

    @Test
    void aPaperFoundByOneLegOnlyGetsNothingFromTheOther() {
        Map<String, Double> fused =
                scores(
                        Fusion.combine(
                                hits("lex-only", 5, "both", 1),
                                hits("sem-only", 0.8, "both", 0.4),
                                10));
        assertThat(fused).containsOnlyKeys("lex-only", "both", "sem-only");
        assertThat(fused.get("lex-only")).isEqualTo(0.5);
        assertThat(fused.get("sem-only")).isEqualTo(0.5);
        assertThat(fused.get("both")).as("the worst of both legs").isEqualTo(0.0);
    }

    @Test
    void aPaperAtTheTopOfBothLegsBeatsOneAtTheTopOfOne() {
        List<SearchHit> fused =
                Fusion.combine(
                        hits("both", 9, "lex-only", 8, "x", 1), hits("both", 0.9, "y", 0.1), 10);
        assertThat(fused.getFirst().id()).isEqualTo("both");
        assertThat(fused.getFirst().score()).isCloseTo(0.5 + 0.5, within(1e-12));
    }

    @Test
    void aLoneHitOrALegOfEqualScoresCountsAsTheBest() {
        assertThat(Fusion.combine(hits("a", 3.3), List.of(), 10))
                .containsExactly(new SearchHit("a", 0.5));
        assertThat(Fusion.combine(List.of(), hits("a", 0.2, "b", 0.2), 10))
                .containsExactly(new SearchHit("a", 0.5), new SearchHit("b", 0.5));
    }

    @Test
    void noHitsInEitherLegFuseToNone() {
        assertThat(Fusion.combine(List.of(), List.of(), 10)).isEmpty();
    }

    @Test
    void equalScoresAreOrderedByIdSoThatPagesAreStable() {
        List<SearchHit> fused =
                Fusion.combine(hits("c", 2, "a", 1), hits("a", 2, "c", 1, "b", 1.5), 10);
        // c: 0.5 + 0, a: 0 + 0.5, b: 0 + 0.25
        assertThat(fused).extracting(SearchHit::id).containsExactly("a", "c", "b");
        assertThat(Fusion.combine(hits("c", 2, "a", 1), hits("a", 2, "c", 1, "b", 1.5), 10))
                .isEqualTo(fused);
    }

    @Test
    void returnsAtMostTheHitsAskedFor() {
        List<SearchHit> lexical = hits("a", 4, "b", 3, "c", 2, "d", 1);
        assertThat(Fusion.combine(lexical, List.of(), 2))
                .extracting(SearchHit::id)
                .containsExactly("a", "b");
        assertThat(Fusion.combine(lexical, List.of(), 10)).hasSize(4);
    }

    @Test
    void hitsBelowTheHundredthGoBelowZeroAndLeaveTheScoresOfTheBestUnchanged() {
        List<SearchHit> deep = new ArrayList<>();
        for (int rank = 1; rank <= 3 * Fusion.NORMALISE_OVER; rank++) {
            deep.add(new SearchHit(String.format("p%03d", rank), 1000.0 - rank));
        }
        Map<String, Double> shallow =
                scores(Fusion.combine(deep.subList(0, Fusion.NORMALISE_OVER), List.of(), 1000));
        Map<String, Double> full = scores(Fusion.combine(deep, List.of(), 1000));
        assertThat(full).hasSize(3 * Fusion.NORMALISE_OVER);
        shallow.forEach((id, score) -> assertThat(full.get(id)).as(id).isEqualTo(score));
        assertThat(full.get("p001")).isEqualTo(0.5);
        assertThat(full.get(String.format("p%03d", Fusion.NORMALISE_OVER))).isEqualTo(0.0);
        assertThat(full.get(String.format("p%03d", Fusion.NORMALISE_OVER + 1))).isNegative();
    }
}
