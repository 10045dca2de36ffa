package paperboy.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The methods the evaluation compares. Each scores a week's candidates for a member from their
 * library's titles and abstracts (and the vectors of those): never from names.
 */
final class Methods {
    /** Our candidates, among which the dev half chose. */
    static final List<String> OURS = List.of("knn-top3", "rrf-svm-knn", "knn-plus-mean");

    /** The method "For you" uses: chosen on the dev half (see the README's table). */
    static final String IN_USE = "rrf-svm-knn";

    static final Map<String, String> DESCRIPTIONS =
            Map.of(
                    "newest",
                    "newest first",
                    "tfidf-svm",
                    "tf-idf + a linear SVM per member (arxiv-sanity-lite)",
                    "embedding-mean",
                    "cosine to the mean of the library's embeddings",
                    "nearest-neighbours",
                    "cosine to the nearest library paper",
                    "knn-top3",
                    "ours: mean cosine to the 3 nearest library papers",
                    "rrf-svm-knn",
                    "ours: reciprocal-rank fusion of tf-idf SVM and nearest neighbours",
                    "knn-plus-mean",
                    "ours: nearest-neighbour cosine + cosine to the library mean");

    /** Reciprocal-rank fusion's constant (Cormack et al., 2009). */
    static final int RRF_K = 60;

    private final Map<String, float[]> vectors;

    Methods(Map<String, float[]> vectors) {
        this.vectors = vectors;
    }

    /** A week's shared parts: its candidates' tf-idf rows and vectors. */
    WeekModel forWeek(RecommendationEval.Week week) {
        List<String> texts = new ArrayList<>();
        week.candidates().forEach(d -> texts.add(d.text()));
        week.negatives().forEach(d -> texts.add(d.text()));
        week.members().forEach(m -> m.library().forEach(d -> texts.add(d.text())));
        TfIdf tfidf = TfIdf.fit(texts, RecommendationEval.MAX_TERMS);
        return new WeekModel(week, tfidf);
    }

    final class WeekModel {
        private final RecommendationEval.Week week;
        private final TfIdf tfidf;
        private final List<TfIdf.Row> candidateRows = new ArrayList<>();
        private final List<TfIdf.Row> negativeRows = new ArrayList<>();
        private final float[][] candidateVectors;

        WeekModel(RecommendationEval.Week week, TfIdf tfidf) {
            this.week = week;
            this.tfidf = tfidf;
            week.candidates().forEach(d -> candidateRows.add(tfidf.row(d.text())));
            week.negatives().forEach(d -> negativeRows.add(tfidf.row(d.text())));
            candidateVectors = new float[week.candidates().size()][];
            for (int i = 0; i < candidateVectors.length; i++) {
                candidateVectors[i] =
                        Objects.requireNonNull(vectors.get(week.candidates().get(i).id()));
            }
        }

        /** Every method's scores of the week's candidates for {@code m}. */
        Map<String, double[]> scoreAll(RecommendationEval.Member m) {
            int n = candidateVectors.length;
            Map<String, double[]> scores = new LinkedHashMap<>();
            double[] newest = new double[n];
            for (int i = 0; i < n; i++) {
                newest[i] = week.candidates().get(i).announced().toEpochDay();
            }
            scores.put("newest", newest);

            List<TfIdf.Row> positives = new ArrayList<>();
            m.library().forEach(d -> positives.add(tfidf.row(d.text())));
            float[] w =
                    LinearSvm.train(
                            positives,
                            negativeRows,
                            tfidf.dimension(),
                            0.01,
                            RecommendationEval.SEED);
            double[] svm = new double[n];
            for (int i = 0; i < n; i++) {
                svm[i] = candidateRows.get(i).dot(w);
            }
            scores.put("tfidf-svm", svm);

            List<float[]> library = new ArrayList<>();
            m.library().forEach(d -> library.add(Objects.requireNonNull(vectors.get(d.id()))));
            float[] mean = mean(library);
            double[] meanScore = new double[n];
            double[] nearest = new double[n];
            double[] top3 = new double[n];
            double[] sims = new double[library.size()];
            for (int i = 0; i < n; i++) {
                float[] c = candidateVectors[i];
                meanScore[i] = dot(mean, c);
                for (int j = 0; j < sims.length; j++) {
                    sims[j] = dot(library.get(j), c);
                }
                Arrays.sort(sims);
                nearest[i] = sims[sims.length - 1];
                int k = Math.min(3, sims.length);
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += sims[sims.length - 1 - j];
                }
                top3[i] = s / k;
            }
            scores.put("embedding-mean", meanScore);
            scores.put("nearest-neighbours", nearest);
            scores.put("knn-top3", top3);
            scores.put("rrf-svm-knn", rrf(svm, nearest));
            double[] plus = new double[n];
            for (int i = 0; i < n; i++) {
                plus[i] = nearest[i] + meanScore[i];
            }
            scores.put("knn-plus-mean", plus);
            return scores;
        }
    }

    /** The fused score of two rankings: the sum of 1 / (RRF_K + rank) over both. */
    static double[] rrf(double[] a, double[] b) {
        double[] fused = new double[a.length];
        add(fused, ranks(a));
        add(fused, ranks(b));
        return fused;
    }

    private static void add(double[] fused, int[] ranks) {
        for (int i = 0; i < fused.length; i++) {
            fused[i] += 1.0 / (RRF_K + ranks[i]);
        }
    }

    /** Each item's rank (1 = highest score; ties by position). */
    private static int[] ranks(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[y], scores[x]));
        int[] ranks = new int[scores.length];
        for (int r = 0; r < order.length; r++) {
            ranks[order[r]] = r + 1;
        }
        return ranks;
    }

    private static float[] mean(List<float[]> vectors) {
        float[] m = new float[vectors.getFirst().length];
        for (float[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i];
            }
        }
        double norm = 0;
        for (float x : m) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < m.length; i++) {
            m[i] /= (float) norm;
        }
        return m;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
