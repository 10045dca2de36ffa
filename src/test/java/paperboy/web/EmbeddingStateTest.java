package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.Paper;
import paperboy.config.Setting;
import paperboy.search.Embedder;
import paperboy.search.EmbeddingModel;
import paperboy.search.EmbeddingWorker;
import paperboy.search.SearchIndexes;
import paperboy.testing.Poll;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * What an instance says of its embeddings in each state: none configured, none computed yet, some,
 * being computed in the background, all. /healthz, /metrics and the search page, with the built-in
 * model and four papers.
 */
class EmbeddingStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;

    private static Paper paper(String id, String title, LocalDate day) {
        return TestPapers.paper(
                id,
                title,
                "We study neural networks for " + title.toLowerCase(java.util.Locale.ROOT) + ".",
                day);
    }

    private static Instance instance(Path dataDir, String model) {
        return Instance.of(
                TestSettings.of(dataDir, Map.of(Setting.MODEL, model)),
                Instance.Options.defaults()
                        .withPageReuse(Duration.ZERO)
                        .withArxivLookup(id -> Optional.empty()));
    }

    private static String get(String base, String path) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(base + path))
                                    .timeout(Duration.ofSeconds(60))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    private static JsonNode health(String base) {
        try {
            return JSON.readTree(get(base, "/healthz"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutAModelEmbeddingIsOffAndTheSearchPageSaysNothingOfIt() {
        try (Instance instance = instance(dir, "none")) {
            instance.catalog()
                    .upsert(List.of(paper("2401.00001", "Graphs", LocalDate.of(2024, 1, 2))));
            instance.searchUpToDate();
            String base = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);

            JsonNode health = health(base);
            assertThat(health.get("embedding").asText()).isEqualTo("off");
            assertThat(health.get("embedded").asLong()).isZero();
            assertThat(get(base, "/metrics"))
                    .contains("paperboy_papers_embedded 0.0\n")
                    .contains("paperboy_embedding_running 0.0\n");
            assertThat(get(base, "/papers?q=graphs"))
                    .contains("2401.00001")
                    .doesNotContain("id=\"coverage\"");
        }
    }

    @Test
    void healthMetricsAndTheSearchPageFollowEmbeddingFromNoPaperToEveryPaper() throws Exception {
        try (Instance instance = instance(dir, SearchIndexes.BUILT_IN_MODEL)) {
            instance.catalog()
                    .upsert(
                            List.of(
                                    paper("2401.00001", "Graph networks", LocalDate.of(2024, 1, 2)),
                                    paper(
                                            "2401.00002",
                                            "Vision networks",
                                            LocalDate.of(2024, 1, 3)),
                                    paper(
                                            "2401.00003",
                                            "Speech networks",
                                            LocalDate.of(2024, 1, 4)),
                                    paper(
                                            "2401.00004",
                                            "Text networks",
                                            LocalDate.of(2024, 1, 5))));
            instance.searchUpToDate();
            String base = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);

            // Nothing embedded, nothing embedding in this process (no background work started).
            JsonNode health = health(base);
            assertThat(health.get("papers").asLong()).isEqualTo(4);
            assertThat(health.get("indexed").asLong()).isEqualTo(4);
            assertThat(health.get("embedded").asLong()).isZero();
            assertThat(health.get("embedding").asText()).isEqualTo("idle");
            assertThat(get(base, "/metrics"))
                    .contains(
                            "# HELP paperboy_papers_embedded Papers in the search index with a"
                                    + " vector")
                    .contains(
                            "# TYPE paperboy_papers_embedded gauge\npaperboy_papers_embedded 0.0\n")
                    .contains(
                            "# TYPE paperboy_embedding_running gauge\n"
                                    + "paperboy_embedding_running 0.0\n");
            assertThat(get(base, "/papers?q=networks"))
                    .contains(
                            "Embeddings are still being computed: for now papers are found by their"
                                    + " words only.")
                    .doesNotContain("nearest in meaning");
            assertThat(get(base, "/papers")).as("an empty form").doesNotContain("id=\"coverage\"");

            // Two of the four embedded: the page says how far meaning-based ranking reaches.
            try (Embedder embedder = new Embedder(EmbeddingModel.bgeSmallInt8(), 1);
                    EmbeddingWorker worker = new EmbeddingWorker(instance.vectors(), embedder)) {
                assertThat(worker.embedAll(n -> {}, () -> false, 2)).isEqualTo(2);
            }
            instance.searchUpToDate();
            Poll.standard()
                    .upTo(Duration.ofSeconds(10)) // counts are reused for 2 s
                    .await(
                            "the page says 2 of 4",
                            () ->
                                    get(base, "/papers?q=networks")
                                            .contains(
                                                    "Meaning-based ranking covers 2 of 4 papers so"
                                                            + " far; the rest are found by their"
                                                            + " words."));
            assertThat(health(base).get("embedded").asLong()).isEqualTo(2);

            // Background embedding holds the last two papers' vectors while the test holds the
            // change lock that storing them needs: it is running until the lock is let go.
            try (Connection hold = instance.database().dataSource().getConnection()) {
                hold.setAutoCommit(false);
                try (Statement st = hold.createStatement();
                        ResultSet rs =
                                st.executeQuery(
                                        "SELECT id FROM change_lock WHERE id = 1 FOR UPDATE")) {
                    assertThat(rs.next()).isTrue();
                }
                instance.startBackground();
                Poll.standard()
                        .upTo(Duration.ofSeconds(25)) // under the catalog's 30-s lock timeout
                        .showing(() -> health(base))
                        .await(
                                "embedding running",
                                () -> health(base).get("embedding").asText().equals("running"));
                assertThat(get(base, "/metrics")).contains("paperboy_embedding_running 1.0\n");
                hold.rollback();
            }
            Poll.standard()
                    .showing(() -> health(base))
                    .await(
                            "every paper embedded, and embedding idle",
                            () -> {
                                JsonNode h = health(base);
                                return h.get("embedded").asLong() == 4
                                        && h.get("embedding").asText().equals("idle");
                            });
            assertThat(get(base, "/metrics"))
                    .contains("paperboy_papers_embedded 4.0\n")
                    .contains("paperboy_embedding_running 0.0\n");
            assertThat(get(base, "/papers?q=networks"))
                    .doesNotContain("id=\"coverage\"")
                    .contains("2401.00004");
        }
    }
}
