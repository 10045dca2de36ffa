package paperboy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Change;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.search.EmbeddingModel;
import paperboy.search.PaperSearch;
import paperboy.search.SearchIndexes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy bench scale}: a synthetic catalog of N papers made from the data dir's real ones,
 * measured as an instance of that size would be (issue 14: all of arXiv, measured).
 *
 * <p>Synthetic paper i takes its authors, categories, dates and links from real paper A (the data
 * dir's papers in turn), its title from the first half of A's title and the second half of another
 * paper B's, and its abstract from A's first sentences and B's last ones; its id is a new-style id
 * in years no real paper has (50 and on). Its vector mixes two real vectors drawn at random from
 * the data dir's embedded papers (0.7 and 0.3) with Gaussian noise (sigma per dimension, default
 * 0.02), normalised: N distinct vectors shaped like real ones, so the HNSW graph is built and
 * searched as it would be, though a vector does not match its text (the bench measures time and
 * size, not quality). None is computed: a million would take ten hours here.
 */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = {
            "Builds a synthetic catalog of N papers from the data dir's real ones in a new"
                    + " embedded",
            "catalog, and measures: import rate, writing the vectors, index build time and size,",
            "lexical and hybrid query latency (the 300 SciFact claims, p50/p99), the daily page's",
            "latency (rendered on every request) and memory. Titles and abstracts are recombined",
            "from two real papers; vectors mix two real ones with noise (none is computed), so",
            "embed some papers of the data dir first (paperboy embed --limit 3000).",
            "Example: paperboy --data-dir DATA bench scale --papers 300000"
        })
final class ScaleBench implements Callable<Integer> {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final int BATCH = 1000;
    private static final int DAILY_REQUESTS = 200;

    @Spec private CommandSpec spec;

    @Option(
            names = "--papers",
            required = true,
            paramLabel = "N",
            description = "Papers in the synthetic catalog.")
    private int papers;

    @Option(
            names = "--into",
            paramLabel = "DIR",
            description =
                    "Where the synthetic data dir goes (new or empty); default a temporary"
                            + " directory, deleted at the end.")
    private @Nullable Path into;

    @Option(
            names = "--noise",
            defaultValue = "0.02",
            description = "Gaussian noise per vector dimension (default ${DEFAULT-VALUE}).")
    private double noise;

    @Option(
            names = "--queries",
            paramLabel = "FILE",
            defaultValue = "../shared/data/beir/scifact/queries.jsonl",
            description = "JSON lines with a \"text\" field (default ${DEFAULT-VALUE}).")
    private Path queries;

    @Override
    public Integer call() throws Exception {
        if (papers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--papers must be >= 1");
        }
        Paperboy root = (Paperboy) spec.parent().parent().userObject();
        Settings source = root.settings(Map.of());
        EmbeddingModel model = SearchIndexes.model(source);
        if (model == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "bench scale measures hybrid search: search.model is none");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Paper> real = new ArrayList<>();
        Map<String, float[]> realVectors = new LinkedHashMap<>();
        try (Instance from = Instance.of(source)) {
            readAll(from, model.key(), real, realVectors);
        }
        if (real.isEmpty() || realVectors.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "the data dir has "
                            + real.size()
                            + " papers and "
                            + realVectors.size()
                            + " vectors: import the sample and embed some of it first (paperboy"
                            + " import FILES, paperboy embed --limit 3000)");
        }
        out.printf(
                Locale.ROOT,
                "source: %,d real papers, %,d with a %s vector; %d cores, max heap %,d MB%n",
                real.size(),
                realVectors.size(),
                model.key(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Path dir = into != null ? into : Files.createTempDirectory("paperboy-scale-");
        try (Stream<Path> existing = Files.list(Files.createDirectories(dir))) {
            if (existing.findAny().isPresent()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--into " + dir + " is not empty");
            }
        }
        Map<Setting, String> target = new EnumMap<>(Setting.class);
        target.put(Setting.DATA_DIR, dir.toString());
        // always a new embedded catalog, never the --db-url one the source may come from
        target.put(Setting.DB_URL, "");
        target.put(Setting.DB_USER, "");
        target.put(Setting.DB_PASSWORD, "");
        target.put(Setting.SEARCHES_AT_ONCE, "0");
        target.put(Setting.SEARCHES_PER_MINUTE, "0");
        Settings settings = root.settings(target);
        try {
            measure(settings, model.key(), real, realVectors, out);
        } finally {
            if (into == null) {
                deleteTree(dir);
            }
        }
        return 0;
    }

    private void measure(
            Settings settings,
            String modelKey,
            List<Paper> real,
            Map<String, float[]> realVectors,
            PrintWriter out)
            throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        try (Instance instance =
                Instance.of(settings, Instance.Options.defaults().withPageReuse(Duration.ZERO))) {
            long start = System.nanoTime();
            List<Paper> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < papers; i++) {
                batch.add(synthetic(i, real, random));
                if (batch.size() == BATCH) {
                    instance.catalog().upsert(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                instance.catalog().upsert(batch);
            }
            double importSeconds = seconds(start);
            out.printf(
                    Locale.ROOT,
                    "import: %,d papers in %.1f s, %,.0f papers/s%n",
                    papers,
                    importSeconds,
                    papers / importSeconds);

            start = System.nanoTime();
            List<float[]> pool = new ArrayList<>(realVectors.values());
            List<VectorStore.Vector> vectors = new ArrayList<>(BATCH);
            for (int i = 0; i < papers; i++) {
                float[] x = pool.get(random.nextInt(pool.size()));
                float[] y = pool.get(random.nextInt(pool.size()));
                vectors.add(new VectorStore.Vector(syntheticId(i), 1, mixed(x, y, random)));
                if (vectors.size() == BATCH) {
                    instance.vectors().save(modelKey, vectors);
                    vectors.clear();
                }
            }
            if (!vectors.isEmpty()) {
                instance.vectors().save(modelKey, vectors);
            }
            out.printf(
                    Locale.ROOT,
                    "vectors: %,d mixed from %,d real ones (noise %.3f), written in %.1f s%n",
                    papers,
                    pool.size(),
                    noise,
                    seconds(start));

            start = System.nanoTime();
            PaperSearch search = instance.searchUpToDate();
            double indexSeconds = seconds(start);
            out.printf(
                    Locale.ROOT,
                    "index build: %,d papers in %.1f s (%,.0f papers/s), %,d MB on disk;"
                            + " catalog %,d MB on disk%n",
                    search.documents(),
                    indexSeconds,
                    search.documents() / indexSeconds,
                    size(SearchIndexes.dir(settings)) >> 20,
                    size(settings.dataDir().resolve("catalog")) >> 20);

            List<String> texts = SearchBench.readQueries(queries);
            for (PaperSearch.Mode mode :
                    List.of(PaperSearch.Mode.LEXICAL, PaperSearch.Mode.HYBRID)) {
                texts.forEach(q -> search.search(q, mode, 0, 10)); // warm-up
                long[] nanos = new long[texts.size() * 2];
                int n = 0;
                for (int round = 0; round < 2; round++) {
                    for (String q : texts) {
                        search.forgetQueryVectors();
                        long t = System.nanoTime();
                        search.search(q, mode, 0, 10);
                        nanos[n++] = System.nanoTime() - t;
                    }
                }
                out.println(latency(mode.name().toLowerCase(Locale.ROOT) + " query", nanos));
            }

            int port = instance.startWeb("127.0.0.1", 0);
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest daily =
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/papers"))
                            .build();
            for (int i = 0; i < DAILY_REQUESTS; i++) { // warm-up
                client.send(daily, HttpResponse.BodyHandlers.discarding());
            }
            long[] nanos = new long[DAILY_REQUESTS];
            for (int i = 0; i < DAILY_REQUESTS; i++) {
                long t = System.nanoTime();
                HttpResponse<Void> r = client.send(daily, HttpResponse.BodyHandlers.discarding());
                nanos[i] = System.nanoTime() - t;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("the daily page answered " + r.statusCode());
                }
            }
            out.println(latency("daily page (rendered every time)", nanos));
            System.gc();
            Runtime rt = Runtime.getRuntime();
            out.printf(
                    Locale.ROOT,
                    "memory: heap in use after GC %,d MB, process resident %,d MB%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20,
                    residentBytes() >> 20);
        }
    }

    private Paper synthetic(int i, List<Paper> real, SplittableRandom random) {
        Paper a = real.get(i % real.size());
        Paper b = real.get(random.nextInt(real.size()));
        return new Paper(
                syntheticId(i),
                1,
                halves(SPACE, a.title(), b.title(), " "),
                halves(SENTENCE_END, a.abstractText(), b.abstractText(), " "),
                a.authors(),
                a.categories(),
                null,
                null,
                null,
                a.license(),
                a.announced(),
                a.updated(),
                a.codeUrl(),
                a.projectUrl());
    }

    /** The first half of {@code first}'s parts and the second half of {@code second}'s. */
    private static String halves(Pattern split, String first, String second, String join) {
        String[] x = split.split(first, -1);
        String[] y = split.split(second, -1);
        List<String> parts = new ArrayList<>();
        parts.addAll(Arrays.asList(x).subList(0, Math.max(1, (x.length + 1) / 2)));
        parts.addAll(Arrays.asList(y).subList(y.length / 2, y.length));
        return String.join(join, parts).strip();
    }

    /** A new-style id in years no real paper has: 5001.00001, 5001.00002, ... */
    static ArxivId syntheticId(int i) {
        int perMonth = 99_999;
        int month = i / perMonth;
        int yy = 50 + month / 12;
        int mm = 1 + month % 12;
        return ArxivId.of(String.format(Locale.ROOT, "%02d%02d.%05d", yy, mm, 1 + i % perMonth));
    }

    /** 0.7 x + 0.3 y + noise, normalised. */
    private float[] mixed(float[] x, float[] y, SplittableRandom random) {
        float[] v = new float[x.length];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) (0.7 * x[d] + 0.3 * y[d] + noise * gaussian(random));
            norm += v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= scale;
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void readAll(
            Instance from, String modelKey, List<Paper> real, Map<String, float[]> vectors) {
        long after = 0;
        Map<String, Paper> byId = new LinkedHashMap<>();
        while (true) {
            List<Change> changes = from.catalog().changesSince(after, 5000);
            if (changes.isEmpty()) {
                break;
            }
            for (Change c : changes) {
                if (!c.hidden()) {
                    byId.put(c.paper().id().id(), c.paper());
                }
                after = c.seq();
            }
        }
        real.addAll(byId.values());
        List<String> ids = new ArrayList<>(byId.keySet());
        for (int i = 0; i < ids.size(); i += 5000) {
            vectors.putAll(
                    from.vectors().load(modelKey, ids.subList(i, Math.min(ids.size(), i + 5000))));
        }
    }

    private static String latency(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%s: p50 %.2f ms, p99 %.2f ms (%d requests)",
                what,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.floor(sorted.length * 0.99)] / 1e6,
                sorted.length);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            f -> {
                                try {
                                    return Files.size(f);
                                } catch (IOException e) {
                                    return 0; // merged away while counted
                                }
                            })
                    .sum();
        }
    }

    /** VmRSS from /proc (Linux); 0 elsewhere. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(SPACE.split(line.strip(), -1)[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
