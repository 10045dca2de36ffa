package paperboy.recommend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A linear support vector machine on sparse rows, trained as LIBLINEAR trains scikit-learn's
 * LinearSVC by default (L2-regularised squared hinge loss, dual coordinate descent; Hsieh et al.,
 * ICML 2008), with balanced class weights, as arxiv-sanity-lite uses it: one per member, their
 * papers against the rest.
 */
final class LinearSvm {
    private LinearSvm() {}

    /**
     * The weights of a classifier of {@code positives} against {@code negatives}.
     *
     * @param c the regularisation (arxiv-sanity-lite: 0.01)
     */
    static float[] train(
            List<TfIdf.Row> positives,
            List<TfIdf.Row> negatives,
            int dimension,
            double c,
            long seed) {
        List<TfIdf.Row> rows = new ArrayList<>(positives);
        rows.addAll(negatives);
        int n = rows.size();
        double[] y = new double[n];
        double[] upper = new double[n];
        // balanced: each class weighs n / (2 * its size)
        double wPos = n / (2.0 * Math.max(1, positives.size()));
        double wNeg = n / (2.0 * Math.max(1, negatives.size()));
        for (int i = 0; i < n; i++) {
            boolean pos = i < positives.size();
            y[i] = pos ? 1 : -1;
            upper[i] = c * (pos ? wPos : wNeg);
        }
        double[] alpha = new double[n];
        float[] w = new float[dimension];
        double[] diag = new double[n];
        double[] qii = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = 0.5 / upper[i]; // squared hinge: D_ii = 1 / (2 C_i)
            double sq = 0;
            for (float v : rows.get(i).weights()) {
                sq += v * v;
            }
            qii[i] = sq + diag[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        for (int iteration = 0; iteration < 200; iteration++) {
            Collections.shuffle(order, random);
            double maxChange = 0;
            for (int i : order) {
                TfIdf.Row row = rows.get(i);
                double g = y[i] * row.dot(w) - 1 + diag[i] * alpha[i];
                double next = Math.max(0, alpha[i] - g / qii[i]);
                double delta = next - alpha[i];
                if (delta != 0) {
                    alpha[i] = next;
                    int[] terms = row.terms();
                    float[] weights = row.weights();
                    for (int k = 0; k < terms.length; k++) {
                        w[terms[k]] += (float) (delta * y[i] * weights[k]);
                    }
                    maxChange = Math.max(maxChange, Math.abs(delta));
                }
            }
            if (maxChange < 1e-4) {
                break;
            }
        }
        return w;
    }
}
