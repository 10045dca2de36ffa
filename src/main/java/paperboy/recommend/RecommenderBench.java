package paperboy.recommend;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.VectorStore;
import paperboy.daily.DailyPapers;
import paperboy.daily.Period;
import paperboy.recommend.RecommendationEval.Doc;
import paperboy.recommend.RecommendationEval.Member;
import paperboy.recommend.RecommendationEval.Week;
import paperboy.search.Embedder;

/**
 * The site's {@link Recommender}, run for the evaluation's members ({@link RecommendationEval}: the
 * same weeks, members and split): how long a member's "For you" takes, and whether the code the
 * site runs finds what the evaluation's in-use method found (its recall@50 on each half). The two
 * differ on purpose in one place: the site's SVM negatives are a sample of the weeks before the
 * period, the evaluation's the other members' papers, which a site does not have.
 */
public final class RecommenderBench {
    private RecommenderBench() {}

    /**
     * What the bench measured.
     *
     * @param firstMillis each week's first member, who waits for the week's model to be built
     * @param warmMillis every other member's time, sorted
     */
    public record Result(
            int devMembers,
            int testMembers,
            double devRecall,
            double testRecall,
            List<Double> firstMillis,
            List<Double> warmMillis,
            String modelKey) {
        /** The {@code q} quantile (0 to 1) of the warm times, nearest rank. */
        public double warm(double q) {
            int i = (int) Math.ceil(q * warmMillis.size()) - 1;
            return warmMillis.get(Math.max(0, Math.min(warmMillis.size() - 1, i)));
        }
    }

    /** Embeds what the evaluation needs (as it does), then runs the site's recommender. */
    public static Result run(
            CatalogStore catalog,
            DailyPapers daily,
            VectorStore vectors,
            Embedder embedder,
            Consumer<String> log) {
        List<Week> weeks = RecommendationEval.weeks(RecommendationEval.load(catalog));
        if (weeks.isEmpty()) {
            throw new IllegalStateException(
                    "The catalog has no week with "
                            + RecommendationEval.MIN_WEEK_PAPERS
                            + " papers and authors with earlier papers: import more.");
        }
        Map<String, Doc> needed = new LinkedHashMap<>();
        for (Week w : weeks) {
            w.candidates().forEach(d -> needed.put(d.id(), d));
            w.members().forEach(m -> m.library().forEach(d -> needed.put(d.id(), d)));
        }
        RecommendationEval.vectors(needed, vectors, embedder, log, new int[1]);
        Recommender recommender =
                new Recommender(catalog, daily, vectors, embedder.modelKey(), Clock.systemUTC());
        double[] recall = new double[2]; // dev, test
        int[] members = new int[2];
        List<Double> first = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        for (Week w : weeks) {
            Period period = Period.Week.of(w.start());
            boolean cold = true;
            for (Member m : w.members()) {
                Taste taste =
                        new Taste(
                                m.library().stream()
                                        .map(d -> new Taste.Liked(d.id(), Taste.Source.LIBRARY))
                                        .toList(),
                                Set.of());
                long start = System.nanoTime();
                Recommender.Recommendations r =
                        recommender.recommend(taste, period, RecommendationEval.K);
                double millis = (System.nanoTime() - start) / 1e6;
                (cold ? first : warm).add(millis);
                cold = false;
                long hits =
                        r.papers().stream().filter(p -> m.wanted().contains(p.paperId())).count();
                int half = m.dev() ? 0 : 1;
                recall[half] += hits / (double) m.wanted().size();
                members[half]++;
            }
            log.accept(
                    String.format(
                            "week of %s: %d members, first %.0f ms",
                            w.start(), w.members().size(), first.getLast()));
        }
        Collections.sort(warm);
        return new Result(
                members[0],
                members[1],
                recall[0] / Math.max(1, members[0]),
                recall[1] / Math.max(1, members[1]),
                first,
                warm,
                embedder.modelKey());
    }
}
