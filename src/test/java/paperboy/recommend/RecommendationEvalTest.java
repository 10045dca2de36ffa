package paperboy.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import paperboy.recommend.RecommendationEval.Doc;
import paperboy.recommend.RecommendationEval.Member;
import paperboy.recommend.RecommendationEval.Week;

/**
 * The evaluation's parts on data small enough to check by hand: the metrics, the member sets and
 * their fixed split, the tf-idf SVM and the fusion, and every method ranking a member's own topic
 * above another's.
 */
class RecommendationEvalTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 6, 22);

    @Test
    void recallAndNdcgAt50CountTheWantedPapersAndTheirRanks() {
        List<Doc> candidates = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            candidates.add(doc("2606.%05d".formatted(i), "text", MONDAY, List.of()));
        }
        double[] scores = new double[60];
        for (int i = 0; i < 60; i++) {
            scores[i] = 60 - i; // candidate i at rank i + 1
        }
        double[] first = RecommendationEval.metrics(candidates, scores, Set.of("2606.00000"));
        assertThat(first[0]).isEqualTo(1.0);
        assertThat(first[1]).isEqualTo(1.0);
        double[] second = RecommendationEval.metrics(candidates, scores, Set.of("2606.00001"));
        assertThat(second[1]).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-9));
        double[] half =
                RecommendationEval.metrics(candidates, scores, Set.of("2606.00000", "2606.00055"));
        assertThat(half[0]).as("one of two in the first 50").isEqualTo(0.5);
    }

    @Test
    void membersAreAuthorsWithEarlierPapersAndTheSplitNeverMoves() {
        List<Doc> all = new ArrayList<>();
        for (int i = 0; i < RecommendationEval.MIN_WEEK_PAPERS; i++) {
            all.add(
                    doc(
                            "2606.1%04d".formatted(i),
                            "week paper",
                            MONDAY.plusDays(i % 5),
                            List.of("x" + i)));
        }
        all.add(doc("2606.20000", "new by ada", MONDAY, List.of("ada")));
        for (int i = 0; i < 4; i++) {
            all.add(doc("2605.0000" + i, "old by ada", MONDAY.minusDays(10 + i), List.of("ada")));
        }
        all.add(doc("2605.10000", "old by bob", MONDAY.minusDays(3), List.of("bob")));
        all.add(doc("2606.20001", "new by bob", MONDAY, List.of("bob")));

        List<Week> weeks = RecommendationEval.weeks(all);
        assertThat(weeks).hasSize(1);
        Week week = weeks.getFirst();
        assertThat(week.start()).isEqualTo(MONDAY);
        assertThat(week.members())
                .as("bob has one earlier paper, fewer than a library needs")
                .extracting(Member::key)
                .containsExactly("ada");
        Member ada = week.members().getFirst();
        assertThat(ada.wanted()).containsExactly("2606.20000");
        assertThat(ada.library()).hasSize(4).allMatch(d -> d.announced().isBefore(MONDAY));
        assertThat(ada.dev()).isEqualTo(RecommendationEval.half("ada"));
        assertThat(week.negatives()).noneMatch(d -> d.id().startsWith("2605.0000"));
        long devShare =
                java.util.stream.IntStream.range(0, 1000)
                        .filter(i -> RecommendationEval.half("author " + i))
                        .count();
        assertThat(devShare).as("about half").isBetween(400L, 600L);
    }

    @Test
    void everyMethodButNewestPutsTheMembersOwnTopicFirst() {
        List<Doc> candidates =
                List.of(
                        doc(
                                "2606.00001",
                                "graph neural networks message passing on molecules",
                                MONDAY,
                                List.of()),
                        doc(
                                "2606.00002",
                                "protein folding with diffusion models",
                                MONDAY,
                                List.of()),
                        doc(
                                "2606.00003",
                                "speech recognition with transformers",
                                MONDAY.plusDays(2),
                                List.of()));
        List<Doc> library =
                List.of(
                        doc(
                                "2605.00001",
                                "graph neural networks for molecules",
                                MONDAY.minusDays(9),
                                List.of()),
                        doc(
                                "2605.00002",
                                "message passing graph networks",
                                MONDAY.minusDays(8),
                                List.of()),
                        doc(
                                "2605.00003",
                                "oversmoothing in graph neural networks",
                                MONDAY.minusDays(7),
                                List.of()));
        List<Doc> negatives =
                List.of(
                        doc(
                                "2604.00001",
                                "speech synthesis with transformers",
                                MONDAY.minusDays(30),
                                List.of()),
                        doc(
                                "2604.00002",
                                "protein structure diffusion",
                                MONDAY.minusDays(31),
                                List.of()),
                        doc(
                                "2604.00003",
                                "image classification transformers",
                                MONDAY.minusDays(32),
                                List.of()));
        Map<String, float[]> vectors = new HashMap<>();
        // vectors along three topics: graphs, proteins, speech
        vectors.put("2606.00001", unit(1, 0.1f, 0));
        vectors.put("2606.00002", unit(0.1f, 1, 0));
        vectors.put("2606.00003", unit(0, 0.1f, 1));
        vectors.put("2605.00001", unit(1, 0, 0.1f));
        vectors.put("2605.00002", unit(1, 0.2f, 0));
        vectors.put("2605.00003", unit(0.9f, 0, 0.2f));
        Member member = new Member("ada", library, Set.of("2606.00001"), true);
        Week week = new Week(MONDAY, candidates, List.of(member), negatives);

        Map<String, double[]> scores = new Methods(vectors).forWeek(week).scoreAll(member);

        assertThat(scores.keySet())
                .containsExactly(
                        "newest",
                        "tfidf-svm",
                        "embedding-mean",
                        "nearest-neighbours",
                        "knn-top3",
                        "rrf-svm-knn",
                        "knn-plus-mean");
        scores.forEach(
                (method, s) -> {
                    double[] m = RecommendationEval.metrics(candidates, s, member.wanted());
                    if (method.equals("newest")) {
                        assertThat(m[1]).as(method).isLessThan(1.0);
                    } else {
                        assertThat(m[1]).as(method + ": the graph paper first").isEqualTo(1.0);
                    }
                });
        assertThat(Methods.OURS).contains(Methods.IN_USE);
    }

    @Test
    void fusionRewardsAgreementOfTheTwoRankings() {
        double[] fused = Methods.rrf(new double[] {3, 2, 1}, new double[] {1, 3, 2});
        // item 1 is second and first; item 0 first and third; item 2 third and second
        assertThat(fused[1]).isGreaterThan(fused[0]).isGreaterThan(fused[2]);
    }

    private static Doc doc(String id, String text, LocalDate day, List<String> authors) {
        return new Doc(id, 1, text, day, authors);
    }

    private static float[] unit(float a, float b, float c) {
        float n = (float) Math.sqrt(a * a + b * b + c * c);
        return new float[] {a / n, b / n, c / n};
    }
}
