package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.Paperboy;
import paperboy.search.EmbeddingModel;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.Poll;
import paperboy.testing.SharedData;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestDatabases.PostgresDatabase;

/**
 * {@code embed --follow} workers on one PostgreSQL catalog (issue 14): two of them and a {@code
 * serve} share the papers through leases, each worker embedding between 30% and 70% of the workers'
 * total, and the three counts add up to the papers, so none was embedded twice; a worker killed
 * with kill -9 while it holds a batch leaves it to another once its lease runs out, and no paper
 * stays without a vector.
 */
class EmbedWorkersIT {
    /** The full vectors; serve's quick first pass stores others, replaced by these. */
    private static final String FULL_VECTORS =
            "paper_vectors WHERE model LIKE '%@" + EmbeddingModel.DEFAULT_MAX_TOKENS + "'";

    private static final Pattern STORED =
            Pattern.compile("embedding: stored (\\d+) (\\S+) vectors");
    private static final Pattern PROGRESS = Pattern.compile("^embedded ([\\d,]+) papers? \\(");

    @TempDir Path dir;

    @Test
    void twoWorkersShareTheWorkAndAKilledOnesBatchIsTakenOver() throws Exception {
        try (PostgresDatabase db = TestDatabases.freshPostgresDatabase()) {
            // a lease must outlast a round (128 papers, about 9 s for one thread here): with 5 s
            // the other worker took over rounds still running and a third of the papers were
            // embedded twice
            Map<String, String> env =
                    Map.of(
                            "PAPERBOY_SEARCH_MODEL_THREADS", "1",
                            "PAPERBOY_EMBED_LEASE", "30s");
            List<PaperboyProcess> workers = new ArrayList<>();
            PaperboyProcess serve = null;
            try {
                for (String name : List.of("w1", "w2")) {
                    workers.add(worker(db.url(), name, env));
                }
                // a serve node among them, whose background embedding claims through the same
                // leases (its quick first pass too, which the workers leave to serve)
                serve =
                        PaperboyProcess.start(
                                Map.of(
                                        "PAPERBOY_SEARCH_MODEL_THREADS", "1",
                                        "PAPERBOY_EMBED_LEASE", "30s",
                                        "PAPERBOY_HARVEST_ENABLED", "false"),
                                "--db-url",
                                db.url(),
                                "--data-dir",
                                dir.resolve("serve").toString(),
                                "serve",
                                "--port",
                                "0");
                serve.awaitLine(l -> l.contains("serving on"), Duration.ofMinutes(3));
                // both ready (model loaded, nothing to do) before the papers arrive
                for (PaperboyProcess w : workers) {
                    w.awaitLine(l -> l.startsWith("waiting for papers"), Duration.ofMinutes(3));
                }
                importLines(db.url(), 0, 2000);
                long started = System.nanoTime();
                Poll.every(Duration.ofMillis(500))
                        .upTo(Duration.ofMinutes(10))
                        .showing(() -> count(db.url(), FULL_VECTORS))
                        .await(
                                "2,000 papers embedded",
                                () -> count(db.url(), FULL_VECTORS) == 2000);
                double seconds = (System.nanoTime() - started) / 1e9;
                // a process prints its count just after storing: wait for the last lines
                PaperboyProcess node = serve;
                Poll.every(Duration.ofMillis(100))
                        .upTo(Duration.ofSeconds(30))
                        .showing(
                                () ->
                                        embeddedSoFar(workers.get(0))
                                                + " + "
                                                + embeddedSoFar(workers.get(1))
                                                + " + "
                                                + storedByServe(node)
                                                + "; serve:\n"
                                                + node.output())
                        .await(
                                "the workers' and serve's last counts",
                                () ->
                                        embeddedSoFar(workers.get(0))
                                                        + embeddedSoFar(workers.get(1))
                                                        + storedByServe(node)
                                                >= 2000);
                List<Long> shares = new ArrayList<>();
                for (PaperboyProcess w : workers) {
                    shares.add(embeddedSoFar(w));
                    w.stop();
                    assertThat(w.awaitExit(Duration.ofSeconds(60))).as(w.output()).isIn(0, 143);
                }
                long byServe = storedByServe(serve);
                serve.stop();
                assertThat(serve.awaitExit(Duration.ofSeconds(60))).as(serve.output()).isIn(0, 143);
                System.out.printf(
                        "EmbedWorkersIT: two workers embedded %s papers and serve %d in %.0f s%n",
                        shares, byServe, seconds);
                assertThat(shares.get(0) + shares.get(1) + byServe)
                        .as("each paper embedded once: the counts add up to the papers")
                        .isEqualTo(2000);
                long workersTotal = shares.get(0) + shares.get(1);
                for (long share : shares) {
                    assertThat(share)
                            .as("a worker's share of the workers' %s", shares)
                            .isBetween((long) (0.3 * workersTotal), (long) (0.7 * workersTotal));
                }
            } finally {
                workers.forEach(PaperboyProcess::close);
                if (serve != null) {
                    serve.close();
                }
            }
            assertThat(count(db.url(), "embedding_leases")).as("every lease given back").isZero();

            // kill -9 of a worker that holds a batch: another takes it over after the lease (30 s)
            importLines(db.url(), 2000, 300);
            try (PaperboyProcess doomed = worker(db.url(), "w3", env)) {
                Poll.every(Duration.ofMillis(100))
                        .upTo(Duration.ofMinutes(3))
                        .await("w3 holds leases", () -> count(db.url(), "embedding_leases") > 0);
                doomed.killHard();
            }
            assertThat(count(db.url(), "embedding_leases"))
                    .as("left behind by kill -9")
                    .isPositive();
            try (PaperboyProcess heir = worker(db.url(), "w4", env)) {
                Poll.every(Duration.ofMillis(500))
                        .upTo(Duration.ofMinutes(5))
                        .showing(() -> count(db.url(), FULL_VECTORS))
                        .await("all 2,300 embedded", () -> count(db.url(), FULL_VECTORS) == 2300);
                long heirs = embeddedSoFar(heir);
                heir.stop();
                assertThat(heir.awaitExit(Duration.ofSeconds(60))).isIn(0, 143);
                assertThat(heirs)
                        .as("the killed worker's batch was not stored: the heir did all 300")
                        .isBetween(1L, 300L);
            }
            assertThat(count(db.url(), "embedding_leases")).isZero();
        }
    }

    private PaperboyProcess worker(String url, String name, Map<String, String> env)
            throws Exception {
        return PaperboyProcess.start(
                env,
                "--db-url",
                url,
                "--data-dir",
                dir.resolve(name).toString(),
                "embed",
                "--follow");
    }

    /** The worker's last progress line: how many papers it has embedded in this run. */
    private static long embeddedSoFar(PaperboyProcess worker) {
        long last = 0;
        for (String line : worker.lines()) {
            Matcher m = PROGRESS.matcher(line);
            if (m.find()) {
                last = Long.parseLong(m.group(1).replace(",", ""));
            }
        }
        return last;
    }

    /** What serve's "embedding: stored N MODEL vectors" lines add up to for the full vectors. */
    private static long storedByServe(PaperboyProcess serve) {
        long sum = 0;
        for (String line : serve.lines()) {
            Matcher m = STORED.matcher(line);
            if (m.find() && m.group(2).endsWith("@" + EmbeddingModel.DEFAULT_MAX_TOKENS)) {
                sum += Long.parseLong(m.group(1));
            }
        }
        return sum;
    }

    /** Imports {@code n} papers of the sample's first part, from line {@code from}. */
    private void importLines(String url, int from, int n) throws Exception {
        Path file = dir.resolve("papers-" + from + ".json");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(SharedData.arxivParts().getFirst())),
                                StandardCharsets.UTF_8))) {
            String line;
            int i = 0;
            while ((line = in.readLine()) != null && lines.size() < n) {
                if (i++ >= from) {
                    lines.add(line);
                }
            }
        }
        Files.write(file, lines);
        StringWriter err = new StringWriter();
        assertThat(
                        Paperboy.run(
                                new PrintWriter(new StringWriter()),
                                new PrintWriter(err),
                                "--db-url",
                                url,
                                "--data-dir",
                                dir.resolve("importer").toString(),
                                "import",
                                "--progress",
                                "none",
                                file.toString()))
                .as(err.toString())
                .isZero();
    }

    private static long count(String url, String table) {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
