package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import paperboy.app.Instance;
import paperboy.config.Setting;
import paperboy.testing.SharedData;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestDatabases.PostgresDatabase;
import paperboy.testing.TestSettings;

/**
 * A data dir kept while {@code --db-url} points at another catalog (issue 13, finding 2): its
 * search index must follow the catalog it now serves, not remember how far it read another one.
 */
class CatalogSwitchTest {
    private static final List<String> QUERIES =
            List.of("learning", "quantum", "graph", "model", "data", "network");

    @TempDir Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger searchLog = (Logger) LoggerFactory.getLogger("paperboy.search");

    @BeforeEach
    void listen() {
        log.start();
        searchLog.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        searchLog.detachAppender(log);
    }

    @Test
    void aDataDirKeptAcrossCatalogsIsReindexedFromTheCatalogItNowServes() throws Exception {
        Path shared = dir.resolve("shared");
        // H2: 40 papers, so the index records change sequence 40 of that catalog.
        importInto(shared, null, slice(0, 40));
        assertIndexHoldsTheCatalog(shared, null);
        assertThat(warnings()).as("a first index needs no rebuild").isEmpty();

        try (PostgresDatabase first = TestDatabases.freshPostgresDatabase();
                PostgresDatabase second = TestDatabases.freshPostgresDatabase()) {
            // H2 -> PostgreSQL: 30 other papers, change sequences 1-30, all below the 40 read.
            importInto(shared, first.url(), slice(40, 70));
            assertIndexHoldsTheCatalog(shared, first.url());
            assertSearchesLikeAFreshDataDir(shared, first.url());
            assertThat(warnings()).singleElement().asString().contains("another catalog");

            // PostgreSQL -> another PostgreSQL database: the same sequences, other papers.
            log.list.clear();
            importInto(shared, second.url(), slice(70, 100));
            assertIndexHoldsTheCatalog(shared, second.url());
            assertSearchesLikeAFreshDataDir(shared, second.url());
            assertThat(warnings()).singleElement().asString().contains("another catalog");

            // Back to the first: rebuilt again, and then followed without another rebuild.
            log.list.clear();
            assertSearchesLikeAFreshDataDir(shared, first.url());
            assertSearchesLikeAFreshDataDir(shared, first.url());
            assertThat(warnings()).hasSize(1);
        }
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Lines {@code from} to {@code to} of the first sample part, as a file to import. */
    private Path slice(int from, int to) throws Exception {
        Path file = dir.resolve("papers-" + from + "-" + to + ".json");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(SharedData.arxivParts().getFirst())),
                                StandardCharsets.UTF_8))) {
            for (int i = 0; i < to; i++) {
                String line = in.readLine();
                if (i >= from) {
                    lines.add(line);
                }
            }
        }
        Files.write(file, lines);
        return file;
    }

    /**
     * The global options, and a config without an embedding model (as {@link TestSettings}): the
     * model key is part of what an index records, and keyword search is what is compared here.
     */
    private List<String> global(Path dataDir, @Nullable String dbUrl, String... args)
            throws Exception {
        Path config = dir.resolve("paperboy.properties");
        if (!Files.exists(config)) {
            Files.writeString(config, "search.model=none\n");
        }
        List<String> all =
                new ArrayList<>(
                        List.of("--data-dir", dataDir.toString(), "--config", config.toString()));
        if (dbUrl != null) {
            all.addAll(List.of("--db-url", dbUrl));
        }
        all.addAll(List.of(args));
        return all;
    }

    private void importInto(Path dataDir, @Nullable String dbUrl, Path file) throws Exception {
        CliRun run =
                CliRun.of(
                        global(dataDir, dbUrl, "import", "--progress", "none", file.toString())
                                .toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rejected:   0");
    }

    /** What {@code /healthz} compares: papers in the index against papers in the catalog. */
    private static void assertIndexHoldsTheCatalog(Path dataDir, @Nullable String dbUrl) {
        try (Instance instance =
                Instance.of(
                        TestSettings.of(
                                dataDir,
                                dbUrl == null ? Map.of() : Map.of(Setting.DB_URL, dbUrl)))) {
            long papers = instance.catalog().count();
            assertThat(papers).isPositive();
            assertThat((long) instance.searchUpToDate().documents()).isEqualTo(papers);
        }
    }

    /** Each query finds the same papers, in the same order, as in a data dir of its own. */
    private void assertSearchesLikeAFreshDataDir(Path dataDir, String dbUrl) throws Exception {
        Path fresh = Files.createTempDirectory(dir, "fresh");
        int found = 0;
        for (String query : QUERIES) {
            List<String> expected = ids(fresh, dbUrl, query);
            assertThat(ids(dataDir, dbUrl, query)).as(query).isEqualTo(expected);
            found += expected.size();
        }
        assertThat(found).as("the queries find papers at all").isPositive();
    }

    private List<String> ids(Path dataDir, String dbUrl, String query) throws Exception {
        CliRun run =
                CliRun.of(
                        global(
                                        dataDir, dbUrl, "search", "--json", "--mode", "lexical",
                                        "--limit", "20", query)
                                .toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : new ObjectMapper().readTree(run.out())) {
            ids.add(hit.get("id").asText());
        }
        return ids;
    }
}
