package paperboy.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import paperboy.catalog.ArxivId;
import paperboy.catalog.AuthorKey;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Change;
import paperboy.catalog.VectorStore;
import paperboy.search.Embedder;

/**
 * The offline evaluation of recommendation methods on the catalog (issue 16). For each of the
 * catalog's last {@value #WEEKS} ISO weeks with at least {@value #MIN_WEEK_PAPERS} papers, a
 * "member" is an author with at least {@value #MIN_LIBRARY} papers before the week (their library:
 * the newest {@value #MAX_LIBRARY} of them) and at least one in it (what they would want); each
 * method ranks the week's papers for them, seeing titles and abstracts only, never names (the
 * target is defined by authorship, so a method that used names would win for the wrong reason).
 * Recall@50 and nDCG@50 are averaged over members.
 *
 * <p>Members are split in two by a hash of their name and the fixed {@link #SEED}: the method in
 * use was chosen among our candidates on the {@code dev} half only, and the table's {@code test}
 * half is what it never saw. At most {@value #MEMBERS_PER_WEEK} members a week in each half (a
 * seeded sample), so the evaluation embeds only the weeks' papers and the sampled libraries.
 */
public final class RecommendationEval {
    /** The split's and the samples' seed: fixed, so the table is the same on every run. */
    public static final long SEED = 20_261_202L;

    public static final int K = 50;
    static final int WEEKS = 4;
    static final int MIN_WEEK_PAPERS = 300;
    static final int MIN_LIBRARY = 3;
    static final int MAX_LIBRARY = 20;
    static final int MEMBERS_PER_WEEK = 60;

    /** Papers of other members that each tf-idf SVM learns as "not this member's". */
    static final int NEGATIVES = 1000;

    /** The tf-idf vocabulary's size: the terms in most texts. */
    static final int MAX_TERMS = 20_000;

    /** A paper as the methods see it: text, date and vector; authors only to build the sets. */
    record Doc(String id, int version, String text, LocalDate announced, List<String> authors) {}

    /** A member of the evaluation: their library and their papers of the week. */
    record Member(String key, List<Doc> library, Set<String> wanted, boolean dev) {}

    /** One week's candidates and members. */
    record Week(LocalDate start, List<Doc> candidates, List<Member> members, List<Doc> negatives) {}

    /** A method's averages on each half. */
    public record Row(
            String method,
            String description,
            boolean inUse,
            double devRecall,
            double devNdcg,
            double testRecall,
            double testNdcg) {}

    /**
     * The evaluation's outcome.
     *
     * @param embedded papers embedded for it (their vectors are kept in the catalog)
     */
    public record Result(
            List<Row> rows,
            List<LocalDate> weeks,
            int devMembers,
            int testMembers,
            int candidates,
            int embedded,
            String modelKey) {}

    private RecommendationEval() {}

    /**
     * Runs the evaluation over the catalog's papers; embeds what it needs with {@code embedder}.
     */
    public static Result run(
            CatalogStore catalog, VectorStore vectors, Embedder embedder, Consumer<String> log) {
        List<Doc> all = load(catalog);
        log.accept(String.format("%,d papers in the catalog", all.size()));
        List<Week> weeks = weeks(all);
        if (weeks.isEmpty()) {
            throw new IllegalStateException(
                    "The catalog has no week with "
                            + MIN_WEEK_PAPERS
                            + " papers and authors with earlier papers: import more (e.g. the"
                            + " sample in ../shared/data/arxiv).");
        }
        Map<String, Doc> needed = new LinkedHashMap<>();
        for (Week w : weeks) {
            w.candidates().forEach(d -> needed.put(d.id(), d));
            w.members().forEach(m -> m.library().forEach(d -> needed.put(d.id(), d)));
        }
        int[] embedded = new int[1];
        Map<String, float[]> vectorOf = vectors(needed, vectors, embedder, log, embedded);
        Methods methods = new Methods(vectorOf);

        Map<String, double[]> sums =
                new LinkedHashMap<>(); // method -> dev R, dev N, test R, test N
        int dev = 0;
        int test = 0;
        int candidates = 0;
        for (Week w : weeks) {
            candidates += w.candidates().size();
            Methods.WeekModel model = methods.forWeek(w);
            for (Member m : w.members()) {
                if (m.dev()) {
                    dev++;
                } else {
                    test++;
                }
                for (Map.Entry<String, double[]> e : model.scoreAll(m).entrySet()) {
                    double[] metrics = metrics(w.candidates(), e.getValue(), m.wanted());
                    double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[4]);
                    int at = m.dev() ? 0 : 2;
                    s[at] += metrics[0];
                    s[at + 1] += metrics[1];
                }
            }
        }
        String chosen = null;
        double best = -1;
        for (String candidate : Methods.OURS) {
            double devRecall = sums.getOrDefault(candidate, new double[4])[0] / Math.max(1, dev);
            if (devRecall > best) {
                best = devRecall;
                chosen = candidate;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            rows.add(
                    new Row(
                            e.getKey(),
                            Methods.DESCRIPTIONS.getOrDefault(e.getKey(), e.getKey()),
                            e.getKey().equals(Methods.IN_USE),
                            s[0] / Math.max(1, dev),
                            s[1] / Math.max(1, dev),
                            s[2] / Math.max(1, test),
                            s[3] / Math.max(1, test)));
        }
        log.accept("best of ours on the dev half: " + chosen + "; in use: " + Methods.IN_USE);
        return new Result(
                rows,
                weeks.stream().map(Week::start).toList(),
                dev,
                test,
                candidates,
                embedded[0],
                embedder.modelKey());
    }

    /** Recall@K and nDCG@K of {@code wanted} when candidates are ranked by {@code scores}. */
    static double[] metrics(List<Doc> candidates, double[] scores, Set<String> wanted) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        // ties by id, newest id first: the same order on every run
        order.sort(
                Comparator.<Integer>comparingDouble(i -> -scores[i])
                        .thenComparing(i -> candidates.get(i).id(), Comparator.reverseOrder()));
        int hits = 0;
        double dcg = 0;
        for (int r = 0; r < Math.min(K, order.size()); r++) {
            if (wanted.contains(candidates.get(order.get(r)).id())) {
                hits++;
                dcg += 1 / (Math.log(r + 2) / Math.log(2));
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(K, wanted.size()); r++) {
            ideal += 1 / (Math.log(r + 2) / Math.log(2));
        }
        return new double[] {hits / (double) wanted.size(), ideal == 0 ? 0 : dcg / ideal};
    }

    static List<Doc> load(CatalogStore catalog) {
        List<Doc> all = new ArrayList<>();
        long seq = 0;
        while (true) {
            List<Change> changes = catalog.changesSince(seq, 5000);
            if (changes.isEmpty()) {
                return all;
            }
            for (Change c : changes) {
                if (!c.hidden()) {
                    var p = c.paper();
                    all.add(
                            new Doc(
                                    p.id().id(),
                                    p.version(),
                                    Recommender.text(p),
                                    p.announced(),
                                    p.authors().stream().map(AuthorKey::of).distinct().toList()));
                }
            }
            seq = changes.getLast().seq();
        }
    }

    static List<Week> weeks(List<Doc> all) {
        TreeMap<LocalDate, List<Doc>> byWeek = new TreeMap<>();
        for (Doc d : all) {
            LocalDate monday = d.announced().minusDays(d.announced().getDayOfWeek().getValue() - 1);
            byWeek.computeIfAbsent(monday, k -> new ArrayList<>()).add(d);
        }
        Map<String, List<Doc>> byAuthor = new HashMap<>();
        for (Doc d : all) {
            for (String a : d.authors()) {
                byAuthor.computeIfAbsent(a, k -> new ArrayList<>()).add(d);
            }
        }
        List<Week> weeks = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Doc>> e : byWeek.descendingMap().entrySet()) {
            if (weeks.size() == WEEKS) {
                break;
            }
            LocalDate start = e.getKey();
            List<Doc> candidates = e.getValue();
            if (candidates.size() < MIN_WEEK_PAPERS) {
                continue;
            }
            weeks.add(week(start, candidates, byAuthor, all));
        }
        Collections.reverse(weeks);
        return weeks;
    }

    private static Week week(
            LocalDate start, List<Doc> candidates, Map<String, List<Doc>> byAuthor, List<Doc> all) {
        Set<String> authors = new TreeSet<>();
        candidates.forEach(d -> authors.addAll(d.authors()));
        List<Member> dev = new ArrayList<>();
        List<Member> test = new ArrayList<>();
        for (String a : authors) {
            List<Doc> papers = byAuthor.getOrDefault(a, List.of());
            List<Doc> before =
                    papers.stream()
                            .filter(d -> d.announced().isBefore(start))
                            .sorted(
                                    Comparator.comparing(Doc::announced)
                                            .thenComparing(Doc::id)
                                            .reversed())
                            .limit(MAX_LIBRARY)
                            .toList();
            if (before.size() < MIN_LIBRARY) {
                continue;
            }
            Set<String> wanted = new HashSet<>();
            for (Doc d : papers) {
                if (!d.announced().isBefore(start) && d.announced().isBefore(start.plusDays(7))) {
                    wanted.add(d.id());
                }
            }
            boolean isDev = half(a);
            (isDev ? dev : test).add(new Member(a, before, wanted, isDev));
        }
        Random random = new Random(SEED ^ start.toEpochDay());
        Collections.shuffle(dev, random);
        Collections.shuffle(test, random);
        List<Member> members =
                new ArrayList<>(dev.subList(0, Math.min(MEMBERS_PER_WEEK, dev.size())));
        members.addAll(test.subList(0, Math.min(MEMBERS_PER_WEEK, test.size())));
        Set<String> libraries = new HashSet<>();
        members.forEach(m -> m.library().forEach(d -> libraries.add(d.id())));
        List<Doc> earlier = new ArrayList<>();
        for (Doc d : all) {
            if (d.announced().isBefore(start) && !libraries.contains(d.id())) {
                earlier.add(d);
            }
        }
        earlier.sort(Comparator.comparing(Doc::id));
        Collections.shuffle(earlier, random);
        return new Week(
                start,
                candidates.stream().sorted(Comparator.comparing(Doc::id)).toList(),
                members,
                earlier.subList(0, Math.min(NEGATIVES, earlier.size())));
    }

    /** The dev half: a fixed hash of the name and the seed, so a member never changes sides. */
    static boolean half(String authorKey) {
        long h = SEED;
        for (int i = 0; i < authorKey.length(); i++) {
            h = (h ^ authorKey.charAt(i)) * 0x100000001b3L;
        }
        return (h >>> 17 & 1) == 0;
    }

    static Map<String, float[]> vectors(
            Map<String, Doc> needed,
            VectorStore store,
            Embedder embedder,
            Consumer<String> log,
            int[] embedded) {
        List<String> ids = List.copyOf(needed.keySet());
        Map<String, float[]> found = new HashMap<>(store.load(embedder.modelKey(), ids));
        List<Doc> missing = new ArrayList<>();
        for (String id : ids) {
            if (!found.containsKey(id)) {
                missing.add(needed.get(id));
            }
        }
        log.accept(
                String.format(
                        "%,d papers needed, %,d with a %s vector, %,d to embed",
                        ids.size(), found.size(), embedder.modelKey(), missing.size()));
        long start = System.nanoTime();
        for (int from = 0; from < missing.size(); from += 256) {
            List<Doc> batch = missing.subList(from, Math.min(missing.size(), from + 256));
            List<float[]> computed =
                    embedder.embedDocuments(batch.stream().map(Doc::text).toList(), 16);
            List<VectorStore.Vector> rows = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                found.put(batch.get(i).id(), computed.get(i));
                rows.add(
                        new VectorStore.Vector(
                                ArxivId.of(batch.get(i).id()),
                                batch.get(i).version(),
                                computed.get(i)));
            }
            store.save(embedder.modelKey(), rows);
            embedded[0] += batch.size();
            log.accept(
                    String.format(
                            "embedded %,d of %,d (%.0f s)",
                            embedded[0], missing.size(), (System.nanoTime() - start) / 1e9));
        }
        return found;
    }
}
