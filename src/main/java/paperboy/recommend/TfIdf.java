package paperboy.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tf-idf vectors of texts, as arxiv-sanity-lite builds them (scikit-learn's TfidfVectorizer with
 * word unigrams and bigrams, English stop words, sublinear tf, smoothed idf, L2-normalised rows),
 * over a vocabulary of the most frequent terms of the texts it is fitted on. Immutable once built.
 */
final class TfIdf {
    private static final Pattern TOKEN = Pattern.compile("[a-z][a-z0-9]+");
    private static final Set<String> STOP =
            Set.of(
                    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have",
                    "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "we",
                    "which", "with", "our", "can", "these", "their", "not", "also", "than", "such",
                    "into", "using", "based", "via", "been", "both", "more", "most", "over", "but",
                    "they", "them", "while", "when", "where", "how", "what", "all", "any", "each",
                    "other", "however", "between", "through", "show", "paper", "propose");

    private final Map<String, Integer> index;
    private final float[] idf;

    private TfIdf(Map<String, Integer> index, float[] idf) {
        this.index = index;
        this.idf = idf;
    }

    /** A sparse, L2-normalised row: term indices ascending, and their weights. */
    static final class Row {
        private final int[] terms;
        private final float[] weights;

        Row(int[] terms, float[] weights) {
            this.terms = terms;
            this.weights = weights;
        }

        int[] terms() {
            return terms;
        }

        float[] weights() {
            return weights;
        }

        /** The cosine of two rows (both are L2-normalised): a merge of their sorted terms. */
        double dot(Row other) {
            double s = 0;
            int i = 0;
            int j = 0;
            while (i < terms.length && j < other.terms.length) {
                if (terms[i] == other.terms[j]) {
                    s += weights[i++] * other.weights[j++];
                } else if (terms[i] < other.terms[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return s;
        }

        double dot(float[] dense) {
            double s = 0;
            for (int i = 0; i < terms.length; i++) {
                s += weights[i] * dense[terms[i]];
            }
            return s;
        }
    }

    /** Fits the vocabulary (the {@code maxTerms} terms in most texts, in 2 or more) on texts. */
    static TfIdf fit(List<String> texts, int maxTerms) {
        Map<String, Integer> df = new HashMap<>();
        for (String text : texts) {
            for (String term : Set.copyOf(terms(text))) {
                df.merge(term, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= 2) {
                kept.add(e);
            }
        }
        kept.sort(
                Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()));
        if (kept.size() > maxTerms) {
            kept = kept.subList(0, maxTerms);
        }
        Map<String, Integer> index = new HashMap<>();
        float[] idf = new float[kept.size()];
        int n = texts.size();
        for (int i = 0; i < kept.size(); i++) {
            index.put(kept.get(i).getKey(), i);
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + kept.get(i).getValue())) + 1.0);
        }
        return new TfIdf(index, idf);
    }

    int dimension() {
        return idf.length;
    }

    Row row(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String term : terms(text)) {
            Integer i = index.get(term);
            if (i != null) {
                counts.merge(i, 1, Integer::sum);
            }
        }
        int[] terms = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] weights = new float[terms.length];
        double norm = 0;
        for (int k = 0; k < terms.length; k++) {
            double w = (1 + Math.log(counts.getOrDefault(terms[k], 1))) * idf[terms[k]];
            weights[k] = (float) w;
            norm += w * w;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int k = 0; k < weights.length; k++) {
                weights[k] /= (float) norm;
            }
        }
        return new Row(terms, weights);
    }

    /** Unigrams without stop words, and bigrams of neighbouring kept words. */
    static List<String> terms(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (!STOP.contains(w)) {
                words.add(w);
            }
        }
        List<String> terms = new ArrayList<>(words);
        for (int i = 1; i < words.size(); i++) {
            terms.add(words.get(i - 1) + " " + words.get(i));
        }
        return terms;
    }

    @Override
    public String toString() {
        return "TfIdf" + Arrays.toString(new int[] {idf.length});
    }
}
