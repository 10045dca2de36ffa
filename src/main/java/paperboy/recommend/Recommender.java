package paperboy.recommend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.daily.DailyPapers;
import paperboy.daily.FeedRow;
import paperboy.daily.Period;

/**
 * Ranks a period's papers for a member by the method the evaluation chose ({@link Methods#IN_USE}:
 * the reciprocal-rank fusion of a tf-idf linear SVM trained on the member's liked papers and of
 * each paper's cosine to its nearest liked paper), and says why each is there: the liked paper it
 * is closest to. Papers the member said no to are never shown, are negatives of the SVM, and lower
 * papers like them: the nearest-neighbour score is the cosine to the nearest liked paper minus the
 * cosine to the nearest paper said no to.
 *
 * <p>Partial embeddings (the hour after an import) are expected: papers without a vector rank by
 * their words alone (the SVM's leg), and the result says how many. Without a model, both legs are
 * words. The period's half of the work (its papers' tf-idf rows, vectors and the SVM's negatives)
 * is shared by every member and kept {@link #REUSE}; a member's half takes milliseconds.
 * Thread-safe.
 */
public final class Recommender {
    /** How long a period's model is reused while the catalog has not changed (embeddings may). */
    static final Duration REUSE = Duration.ofMinutes(1);

    /** Days before the period whose papers are the SVM's "not this member's" (a seeded sample). */
    static final int NEGATIVE_DAYS = 28;

    /** Period models built at once: each takes a core for about a second. */
    static final int BUILDS_AT_ONCE = 2;

    /** Periods whose models are kept: a day, a week and a month, and the ones before them. */
    static final int MODELS_KEPT = 6;

    private final CatalogStore catalog;
    private final DailyPapers daily;
    private final VectorStore vectors;
    private final @Nullable String modelKey;
    private final Clock clock;
    private final ConcurrentHashMap<String, Kept> models = new ConcurrentHashMap<>();
    private final Semaphore building = new Semaphore(BUILDS_AT_ONCE);

    /**
     * @param modelKey the embedding model whose vectors the nearest-neighbour leg reads; {@code
     *     null} when search runs without one (both legs are then words)
     */
    public Recommender(
            CatalogStore catalog,
            DailyPapers daily,
            VectorStore vectors,
            @Nullable String modelKey,
            Clock clock) {
        this.catalog = catalog;
        this.daily = daily;
        this.vectors = vectors;
        this.modelKey = modelKey;
        this.clock = clock;
    }

    /**
     * One recommended paper.
     *
     * @param because the liked paper it is closest to (its id and title)
     * @param accepted whether it is closer to its nearest liked paper than the period's median
     *     paper is to its own: the digest's part takes only these (a period of a few papers has
     *     some that are like nothing the member likes), where the page ranks the whole period
     */
    public record Recommendation(
            String paperId,
            double score,
            String because,
            String becauseTitle,
            Taste.Source source,
            boolean accepted) {}

    /**
     * A member's recommendations among a period's papers.
     *
     * @param candidates the period's papers (those liked or said no to among them included)
     * @param wordsOnly papers of the period ranked by their words alone, for want of a vector
     */
    public record Recommendations(
            Period period, List<Recommendation> papers, int candidates, int wordsOnly) {
        public Recommendations {
            papers = List.copyOf(papers);
        }
    }

    /** The best {@code limit} of {@code period}'s papers for a member of this taste. */
    public Recommendations recommend(Taste taste, Period period, int limit) {
        PeriodModel model = model(period);
        int wordsOnly = model.wordsOnly();
        if (taste.isEmpty() || model.ids.isEmpty()) {
            return new Recommendations(period, List.of(), model.ids.size(), wordsOnly);
        }
        List<String> likedIds = taste.liked().stream().map(Taste.Liked::paperId).toList();
        Map<String, Paper> likedPapers = catalog.findAll(likedIds);
        List<Taste.Liked> liked = new ArrayList<>();
        List<String> likedTitles = new ArrayList<>();
        List<TfIdf.Row> likedRows = new ArrayList<>();
        for (Taste.Liked l : taste.liked()) {
            Paper p = likedPapers.get(l.paperId());
            if (p != null) {
                liked.add(l);
                likedTitles.add(p.title());
                likedRows.add(model.tfidf.row(text(p)));
            }
        }
        if (liked.isEmpty()) {
            return new Recommendations(period, List.of(), model.ids.size(), wordsOnly);
        }
        List<String> dislikedIds = List.copyOf(taste.disliked());
        List<TfIdf.Row> dislikedRows = new ArrayList<>();
        catalog.findAll(dislikedIds)
                .values()
                .forEach(p -> dislikedRows.add(model.tfidf.row(text(p))));

        Set<String> likedSet = new HashSet<>(likedIds);
        List<TfIdf.Row> negatives = new ArrayList<>();
        for (int i = 0; i < model.negatives.size(); i++) {
            if (!likedSet.contains(model.negativeIds.get(i))) { // never both sides
                negatives.add(model.negatives.get(i));
            }
        }
        negatives.addAll(dislikedRows);
        float[] w =
                LinearSvm.train(
                        likedRows,
                        negatives,
                        model.tfidf.dimension(),
                        0.01,
                        RecommendationEval.SEED);
        int n = model.ids.size();
        double[] svm = new double[n];
        for (int i = 0; i < n; i++) {
            svm[i] = model.rows.get(i).dot(w);
        }

        List<float[]> likedVectors = new ArrayList<>();
        List<Integer> likedWithVector = new ArrayList<>(); // index into liked
        List<float[]> dislikedVectors = new ArrayList<>();
        if (modelKey != null && model.vectorCount > 0) {
            Map<String, float[]> found = vectors.load(modelKey, likedIds);
            for (int j = 0; j < liked.size(); j++) {
                float[] v = found.get(liked.get(j).paperId());
                if (v != null) {
                    likedVectors.add(v);
                    likedWithVector.add(j);
                }
            }
            dislikedVectors.addAll(vectors.load(modelKey, dislikedIds).values());
        }
        double[] nearest = new double[n];
        int[] because = new int[n];
        for (int i = 0; i < n; i++) {
            float[] c = model.vectors[i];
            if (c.length > 0 && !likedVectors.isEmpty()) {
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < likedVectors.size(); j++) {
                    double s = Methods.dot(likedVectors.get(j), c);
                    if (s > best) {
                        best = s;
                        because[i] = likedWithVector.get(j);
                    }
                }
                double worst = Double.NEGATIVE_INFINITY;
                for (float[] d : dislikedVectors) {
                    worst = Math.max(worst, Methods.dot(d, c));
                }
                nearest[i] = dislikedVectors.isEmpty() ? best : best - worst;
            } else {
                // no vector: the words' nearest liked paper, ranked after every embedded one
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < likedRows.size(); j++) {
                    double s = likedRows.get(j).dot(model.rows.get(i));
                    if (s > best) {
                        best = s;
                        because[i] = j;
                    }
                }
                double worst = Double.NEGATIVE_INFINITY;
                for (TfIdf.Row d : dislikedRows) {
                    worst = Math.max(worst, d.dot(model.rows.get(i)));
                }
                // below every embedded paper, whose score is at least -2 (cosines differ by <= 2)
                nearest[i] =
                        (likedVectors.isEmpty() ? 0 : -10)
                                + (dislikedRows.isEmpty() ? best : best - worst);
            }
        }
        double[] fused = Methods.rrf(svm, nearest);
        double[] sorted = nearest.clone();
        Arrays.sort(sorted);
        double median =
                sorted.length % 2 == 1
                        ? sorted[sorted.length / 2]
                        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;

        Set<String> skip = new HashSet<>(likedSet);
        skip.addAll(taste.disliked());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!skip.contains(model.ids.get(i))) {
                order.add(i);
            }
        }
        order.sort(
                Comparator.<Integer>comparingDouble(i -> -fused[i])
                        .thenComparing(i -> model.ids.get(i)));
        List<Recommendation> picked = new ArrayList<>();
        for (int i : order.subList(0, Math.min(limit, order.size()))) {
            Taste.Liked l = liked.get(because[i]);
            picked.add(
                    new Recommendation(
                            model.ids.get(i),
                            fused[i],
                            l.paperId(),
                            likedTitles.get(because[i]),
                            l.source(),
                            nearest[i] > median));
        }
        return new Recommendations(period, picked, n, wordsOnly);
    }

    /** The text every method reads, here and in the evaluation: title and abstract. */
    static String text(Paper p) {
        return p.abstractText().isEmpty() ? p.title() : p.title() + ". " + p.abstractText();
    }

    /**
     * The period's model: the one kept while fresh, else one built now. A build holds no lock that
     * other periods wait on: readers of the same period wait for the build in progress (one build
     * each, not one per member) and share its outcome, failure included; readers of other periods
     * go on. At most {@link #BUILDS_AT_ONCE} builds run at once, however many periods are asked.
     */
    private PeriodModel model(Period period) {
        long seq = catalog.lastChange();
        Instant now = clock.instant();
        while (true) {
            Kept kept = models.get(period.key());
            if (kept != null
                    && (!kept.model.isDone()
                            || (kept.seq >= seq && now.isBefore(kept.started.plus(REUSE))))) {
                try {
                    return kept.model.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            Kept fresh = new Kept(seq, now, new CompletableFuture<>());
            boolean mine =
                    kept == null
                            ? models.putIfAbsent(period.key(), fresh) == null
                            : models.replace(period.key(), kept, fresh);
            if (!mine) {
                continue; // another reader started a build first: wait for it
            }
            building.acquireUninterruptibly();
            try {
                fresh.model.complete(build(period));
            } catch (RuntimeException | Error e) { // never leave waiters a future that never ends
                models.remove(period.key(), fresh);
                fresh.model.completeExceptionally(e);
                throw e;
            } finally {
                building.release();
            }
            forgetOldest();
            return fresh.model.join();
        }
    }

    /** Drops the oldest built models beyond {@link #MODELS_KEPT}; a build in progress stays. */
    private void forgetOldest() {
        while (models.size() > MODELS_KEPT) {
            Map.Entry<String, Kept> oldest =
                    models.entrySet().stream()
                            .filter(e -> e.getValue().model.isDone())
                            .min(Comparator.comparing(e -> e.getValue().started))
                            .orElse(null);
            if (oldest == null) {
                return;
            }
            models.remove(oldest.getKey(), oldest.getValue());
        }
    }

    /** A period's model, built or being built, and the catalog state it was started for. */
    private record Kept(long seq, Instant started, CompletableFuture<PeriodModel> model) {}

    private PeriodModel build(Period period) {
        List<String> ids =
                daily.rows(period.start(), period.end()).stream()
                        .map(FeedRow::id)
                        .distinct()
                        .sorted()
                        .toList();
        Map<String, Paper> found = catalog.findAll(ids);
        List<Paper> papers = new ArrayList<>();
        for (String id : ids) {
            Paper p = found.get(id);
            if (p != null) {
                papers.add(p);
            }
        }
        ids = papers.stream().map(p -> p.id().id()).toList();

        // the SVM's negatives, as the evaluation's: a seeded sample of the papers before
        List<String> before =
                new ArrayList<>(
                        daily.rows(period.start().minusDays(NEGATIVE_DAYS), period.start()).stream()
                                .map(FeedRow::id)
                                .distinct()
                                .sorted()
                                .toList());
        before.removeAll(new HashSet<>(ids));
        Collections.shuffle(before, new Random(RecommendationEval.SEED));
        List<Paper> negativePapers =
                new ArrayList<>(
                        catalog.findAll(
                                        before.subList(
                                                0,
                                                Math.min(
                                                        RecommendationEval.NEGATIVES,
                                                        before.size())))
                                .values());
        negativePapers.sort(Comparator.comparing(p -> p.id().id()));
        if (negativePapers.size() < RecommendationEval.NEGATIVES) {
            // the catalog's first weeks: the period's own papers stand in (arxiv-sanity-lite's way)
            for (Paper p : papers) {
                if (negativePapers.size() >= RecommendationEval.NEGATIVES) {
                    break;
                }
                negativePapers.add(p);
            }
        }
        List<String> texts = new ArrayList<>();
        papers.forEach(p -> texts.add(text(p)));
        negativePapers.forEach(p -> texts.add(text(p)));
        TfIdf tfidf = TfIdf.fit(texts, RecommendationEval.MAX_TERMS);
        List<TfIdf.Row> rows = new ArrayList<>();
        papers.forEach(p -> rows.add(tfidf.row(text(p))));
        List<TfIdf.Row> negatives = new ArrayList<>();
        negativePapers.forEach(p -> negatives.add(tfidf.row(text(p))));
        List<String> negativeIds = negativePapers.stream().map(p -> p.id().id()).toList();
        float[][] vectorOf = new float[ids.size()][];
        Map<String, float[]> embedded = modelKey == null ? Map.of() : vectors.load(modelKey, ids);
        int count = 0;
        for (int i = 0; i < ids.size(); i++) {
            vectorOf[i] = embedded.getOrDefault(ids.get(i), NOT_EMBEDDED);
            if (vectorOf[i].length > 0) {
                count++;
            }
        }
        return new PeriodModel(
                ids, tfidf, rows, negativeIds, negatives, vectorOf, count, modelKey == null);
    }

    /** A paper's place in {@link PeriodModel#vectors} until it is embedded. */
    private static final float[] NOT_EMBEDDED = new float[0];

    /** A period's half of the work, shared by its members. */
    private static final class PeriodModel {
        final List<String> ids;
        final TfIdf tfidf;
        final List<TfIdf.Row> rows;
        final List<String> negativeIds;
        final List<TfIdf.Row> negatives;
        final float[][] vectors; // each paper's, or NOT_EMBEDDED
        final int vectorCount;
        final boolean modelAbsent; // search.model=none: words are all there is, by choice

        PeriodModel(
                List<String> ids,
                TfIdf tfidf,
                List<TfIdf.Row> rows,
                List<String> negativeIds,
                List<TfIdf.Row> negatives,
                float[][] vectors,
                int vectorCount,
                boolean modelAbsent) {
            this.ids = ids;
            this.tfidf = tfidf;
            this.rows = rows;
            this.negativeIds = negativeIds;
            this.negatives = negatives;
            this.vectors = vectors;
            this.vectorCount = vectorCount;
            this.modelAbsent = modelAbsent;
        }

        int wordsOnly() {
            return modelAbsent ? 0 : ids.size() - vectorCount;
        }
    }
}
