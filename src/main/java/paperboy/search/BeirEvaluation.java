package paperboy.search;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.jspecify.annotations.Nullable;

/**
 * Measures Paperboy's ranking on a retrieval collection (BEIR's layout, or one built from the arXiv
 * sample, see {@link ArxivCollections}): builds a temporary in-memory index of the corpus with the
 * same analysis and queries as the real index, runs every judged query, and averages nDCG@10,
 * Recall@100 and MRR@10.
 *
 * <p>The partial state of a live instance is measured too: with an embedded fraction below 1, only
 * a fixed random share of the corpus (seeded, so every run embeds the same papers) has vectors.
 * Corpus vectors are kept in a cache folder keyed by model and corpus, so a second run (another
 * fraction, another option) costs seconds instead of minutes.
 */
public final class BeirEvaluation {
    /** Seed of the random share of the corpus that has vectors when the fraction is below 1. */
    public static final long FRACTION_SEED = 42;

    /** Queries about nothing, for calibrating the semantic floor. */
    static final List<String> NONSENSE =
            List.of(
                    "zzzzqqqxx",
                    "qwrtpsdfg",
                    "xkcdvbnm lkjhg",
                    "blorft snazzle",
                    "aaaaaaaa bbbbbbbb",
                    "vvqqzz 1234 xxyy",
                    "the of and to",
                    "hjkl hjkl hjkl",
                    "ptarmigan zoetrope",
                    "mmmmmmmm");

    private final String name;
    private final BeirCollection collection;

    private BeirEvaluation(String name, BeirCollection collection) {
        this.name = name;
        this.collection = collection;
    }

    /**
     * Reads the BEIR folder {@code dir}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed in {@code dir}
     */
    public static BeirEvaluation load(Path dir) {
        return new BeirEvaluation(dir.getFileName().toString(), BeirCollection.read(dir));
    }

    /**
     * A known-item collection built from the arXiv snapshot in {@code dir}: see {@link
     * ArxivCollections}.
     */
    public static BeirEvaluation arxiv(Path dir, String task) {
        return new BeirEvaluation("arxiv-" + task, ArxivCollections.build(dir, task));
    }

    public String name() {
        return name;
    }

    public int documents() {
        return collection.documents().size();
    }

    public int queries() {
        return collection.queries().size();
    }

    /** The lexical (BM25) leg's measures, as {@code ndcg@10, recall@100, mrr@10}. */
    public Map<String, Double> lexical() {
        try (Run run = new Run(Ranking.DEFAULT, null, 1)) {
            return asMap(run.measure(Leg.LEXICAL, Ranking.DEFAULT, q -> new float[0]));
        }
    }

    /**
     * Measures each leg and their fusion as the service ranks. With an {@code embedder}, the corpus
     * is embedded first (the slow part: minutes for SciFact on 2 cores, unless cached).
     *
     * @param fraction the share of the corpus that has vectors (0 to 1)
     * @param cache folder for corpus vectors, or {@code null} to keep none
     * @return mode ({@code lexical}, and with an embedder {@code semantic}, {@code hybrid}) to
     *     measures
     */
    public Map<String, Map<String, Double>> evaluate(
            @Nullable Embedder embedder, double fraction, @Nullable Path cache) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException(
                    "the embedded fraction must be between 0 and 1, not " + fraction);
        }
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        if (embedder == null) {
            results.put("lexical", lexical());
            return results;
        }
        List<float[]> vectors = corpusVectors(embedder, cache);
        Function<String, float[]> queryVector = cachedQueries(embedder::embedQuery);
        try (Run run = new Run(Ranking.DEFAULT, vectors, fraction)) {
            for (Leg leg : Leg.values()) {
                results.put(
                        leg.name().toLowerCase(java.util.Locale.ROOT),
                        asMap(run.measure(leg, Ranking.DEFAULT, queryVector)));
            }
        }
        return results;
    }

    /**
     * Every option the defaults were chosen from, measured (nDCG@10): the lexical extras and BM25
     * parameters, the query instruction, the fusion method, and fusion in the partial state with
     * and without the coverage correction. Rows are printed as they are measured.
     */
    public void compareOptions(
            Embedder embedder, String instruction, @Nullable Path cache, RowPrinter out) {
        List<float[]> vectors = corpusVectors(embedder, cache);
        Map<String, Function<String, float[]>> prefixes = new LinkedHashMap<>();
        prefixes.put("none", cachedQueries(q -> embedder.embedText(q)));
        prefixes.put("bge", cachedQueries(q -> embedder.embedText(instruction + q)));
        record Lexical(String name, float title, float proximity, float k1, float b) {}
        List<Lexical> lexicals =
                List.of(
                        new Lexical("plain BM25 (k1 0.9, b 0.4)", 0, 0, 0.9f, 0.4f),
                        new Lexical("+ title boost 0.5", 0.5f, 0, 0.9f, 0.4f),
                        new Lexical("+ proximity 1.0", 0, 1, 0.9f, 0.4f),
                        new Lexical("+ title boost + proximity", 0.5f, 1, 0.9f, 0.4f),
                        new Lexical("plain BM25 (k1 1.2, b 0.75)", 0, 0, 1.2f, 0.75f));
        for (Lexical lexical : lexicals) {
            Ranking ranking =
                    Ranking.DEFAULT.withLexical(
                            lexical.title(), lexical.proximity(), lexical.k1(), lexical.b());
            try (Run run = new Run(ranking, vectors, 1)) {
                out.row(
                        "lexical",
                        lexical.name(),
                        run.measure(Leg.LEXICAL, ranking, q -> new float[0]).ndcgAt10());
                for (var prefix : prefixes.entrySet()) {
                    if (lexical.equals(lexicals.getFirst())) {
                        out.row(
                                "semantic",
                                "query instruction: " + prefix.getKey(),
                                run.measure(Leg.SEMANTIC, ranking, prefix.getValue()).ndcgAt10());
                    }
                    for (Fusion.Method method : Fusion.Method.values()) {
                        out.row(
                                "hybrid",
                                lexical.name() + ", instruction " + prefix.getKey() + ", " + method,
                                run.measure(
                                                Leg.HYBRID,
                                                ranking.withFusion(method),
                                                prefix.getValue())
                                        .ndcgAt10());
                    }
                }
            }
        }
        Function<String, float[]> defaultQueries =
                cachedQueries(q -> embedder.embedText(instruction + q));
        for (double fraction : List.of(0.0, 0.05, 0.3, 1.0)) {
            try (Run run = new Run(Ranking.DEFAULT, vectors, fraction)) {
                out.row(
                        "partial",
                        "embedded " + fraction + ", lexical",
                        run.measure(Leg.LEXICAL, Ranking.DEFAULT, defaultQueries).ndcgAt10());
                for (Fusion.Method method : Fusion.Method.values()) {
                    for (boolean aware : List.of(false, true)) {
                        Ranking r = Ranking.DEFAULT.withFusion(method).withCoverageAware(aware);
                        out.row(
                                "partial",
                                "embedded "
                                        + fraction
                                        + ", "
                                        + method
                                        + (aware ? ", coverage-aware" : ", naive"),
                                run.measure(Leg.HYBRID, r, defaultQueries).ndcgAt10());
                    }
                }
            }
        }
        try (Run run = new Run(Ranking.DEFAULT, vectors, 1)) {
            run.floorReport(defaultQueries, out);
        }
    }

    /** Where {@link #compareOptions} writes its rows. */
    @FunctionalInterface
    public interface RowPrinter {
        void row(String group, String option, double ndcgAt10);
    }

    private enum Leg {
        LEXICAL,
        SEMANTIC,
        HYBRID
    }

    /** One in-memory index of the corpus, with vectors for a fixed share of it. */
    private final class Run implements AutoCloseable {
        private final SearchIndex index;
        private final Analysis analysis = new Analysis();

        Run(Ranking ranking, @Nullable List<float[]> vectors, double fraction) {
            List<IndexedText> docs = collection.documents();
            boolean[] embedded = embeddedShare(docs.size(), vectors == null ? 0 : fraction);
            List<IndexedText> indexed = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                indexed.add(
                        embedded[i]
                                ? docs.get(i).withVector(Objects.requireNonNull(vectors).get(i))
                                : docs.get(i));
            }
            index = SearchIndex.inMemory(analysis, new BM25Similarity(ranking.k1(), ranking.b()));
            index.upsert(indexed);
            index.commit(0, IndexBasis.NONE);
        }

        RetrievalMetrics measure(Leg leg, Ranking ranking, Function<String, float[]> queryVectors) {
            LexicalQueries queries = new LexicalQueries(analysis, ranking);
            LexicalSearch lexical = new LexicalSearch(index, queries, analysis);
            SemanticSearch semantic = new SemanticSearch(index, queries, ranking.floor());
            HybridSearch hybrid = new HybridSearch(lexical, semantic, ranking);
            List<RetrievalMetrics> all = new ArrayList<>();
            collection
                    .queries()
                    .forEach(
                            (id, text) -> {
                                // read() keeps only the queries that have judgments
                                Map<String, Integer> judged =
                                        Objects.requireNonNull(collection.judgments().get(id), id);
                                SearchQuery q = SearchQuery.plain(text);
                                List<SearchHit> hits =
                                        switch (leg) {
                                            case LEXICAL -> lexical.top(q, 100);
                                            case SEMANTIC ->
                                                    semantic.top(q, queryVectors.apply(text), 100);
                                            case HYBRID ->
                                                    hybrid.top(q, queryVectors.apply(text), 100);
                                        };
                                all.add(RetrievalMetrics.of(ids(hits), judged));
                            });
            return RetrievalMetrics.mean(all);
        }

        /**
         * How a floor would cut: the cosine of each query's judged papers that the semantic leg
         * puts in its top 10, the best cosine of each nonsense query, and hybrid nDCG@10 with
         * floors between.
         */
        void floorReport(Function<String, float[]> queryVectors, RowPrinter out) {
            LexicalQueries queries = new LexicalQueries(analysis, Ranking.DEFAULT);
            SemanticSearch semantic = new SemanticSearch(index, queries, -1);
            List<Double> relevant = new ArrayList<>();
            collection
                    .queries()
                    .forEach(
                            (id, text) -> {
                                Map<String, Integer> judged =
                                        Objects.requireNonNull(collection.judgments().get(id));
                                for (SearchHit hit :
                                        semantic.top(
                                                SearchQuery.plain(text),
                                                queryVectors.apply(text),
                                                10)) {
                                    if (judged.containsKey(hit.id())) {
                                        relevant.add(2 * hit.score() - 1);
                                    }
                                }
                            });
            Collections.sort(relevant);
            if (!relevant.isEmpty()) {
                for (double p : List.of(0.0, 0.01, 0.05, 0.5)) {
                    out.row(
                            "floor",
                            "cosine of judged papers in the semantic top 10, percentile "
                                    + (int) (p * 100),
                            relevant.get((int) Math.floor(p * (relevant.size() - 1))));
                }
            }
            for (String nonsense : NONSENSE) {
                List<SearchHit> top =
                        semantic.top(SearchQuery.plain(nonsense), queryVectors.apply(nonsense), 1);
                out.row(
                        "floor",
                        "best cosine of nonsense '" + nonsense + "'",
                        top.isEmpty() ? -1 : 2 * top.getFirst().score() - 1);
            }
            for (double floor : List.of(-1.0, 0.55, 0.6, 0.62, 0.63, 0.64, 0.65, 0.7)) {
                Ranking r = Ranking.DEFAULT.withFloor(floor);
                out.row(
                        "floor",
                        "hybrid with floor " + floor,
                        measure(Leg.HYBRID, r, queryVectors).ndcgAt10());
            }
        }

        @Override
        public void close() {
            index.close();
        }
    }

    /** Which documents have vectors: a seeded random {@code fraction} of them. */
    private static boolean[] embeddedShare(int n, double fraction) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(FRACTION_SEED));
        boolean[] embedded = new boolean[n];
        long count = Math.round(fraction * n);
        for (int k = 0; k < count; k++) {
            embedded[order.get(k)] = true;
        }
        return embedded;
    }

    private static Function<String, float[]> cachedQueries(Function<String, float[]> embed) {
        Map<String, float[]> known = new HashMap<>();
        return text -> known.computeIfAbsent(text, embed);
    }

    /** The corpus's vectors, from the cache when this model embedded this corpus before. */
    private List<float[]> corpusVectors(Embedder embedder, @Nullable Path cache) {
        List<String> texts =
                collection.documents().stream().map(IndexedText::titleAndBody).toList();
        Path file = cache == null ? null : cache.resolve(cacheKey(embedder.modelKey(), texts));
        if (file != null && Files.isRegularFile(file)) {
            List<float[]> cached = readVectors(file);
            if (cached.size() == texts.size()) {
                return cached;
            }
        }
        List<float[]> vectors = embedder.embedDocuments(texts, 16);
        if (file != null) {
            writeVectors(file, vectors);
        }
        return vectors;
    }

    private static String cacheKey(String modelKey, List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(modelKey.getBytes(StandardCharsets.UTF_8));
            for (String text : texts) {
                sha.update((byte) 0);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12) + ".vectors";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static List<float[]> readVectors(Path file) {
        try (DataInputStream in =
                new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            int dimension = in.readInt();
            if (n < 0 || dimension <= 0 || dimension > 4096) {
                return List.of(); // a damaged cache is recomputed
            }
            List<float[]> vectors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[] v = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    v[d] = in.readFloat();
                }
                vectors.add(v);
            }
            return vectors;
        } catch (IOException e) {
            return List.of(); // a damaged cache is recomputed
        }
    }

    private static void writeVectors(Path file, List<float[]> vectors) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            try (DataOutputStream out =
                    new DataOutputStream(
                            new java.io.BufferedOutputStream(Files.newOutputStream(partial)))) {
                out.writeInt(vectors.size());
                out.writeInt(vectors.isEmpty() ? 0 : vectors.getFirst().length);
                for (float[] v : vectors) {
                    for (float x : v) {
                        out.writeFloat(x);
                    }
                }
            }
            Files.move(
                    partial,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the vector cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    private static Map<String, Double> asMap(RetrievalMetrics m) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("ndcg@10", round(m.ndcgAt10()));
        map.put("recall@100", round(m.recallAt100()));
        map.put("mrr@10", round(m.mrrAt10()));
        return map;
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
