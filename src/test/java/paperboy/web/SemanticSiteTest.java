package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import paperboy.app.Instance;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;
import paperboy.config.Setting;
import paperboy.search.Embedder;
import paperboy.search.EmbeddingModel;
import paperboy.search.EmbeddingWorker;
import paperboy.search.SearchIndexes;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * The site and API with the built-in embedding model, as {@code serve} runs by default (the shared
 * site fixture runs without one, to stay fast): the semantic and hybrid modes answer, and a search
 * without keyword matches says that its results are matches in meaning.
 */
class SemanticSiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir static Path dir;
    private static Instance instance;
    private static String baseUrl;

    private static Paper paper(String id, String title, String abstractText, LocalDate day) {
        return TestPapers.paper(id, title, abstractText, day);
    }

    @BeforeAll
    static void start() {
        // The built-in model, as serve runs by default.
        instance =
                Instance.of(
                        TestSettings.of(
                                dir.resolve("data"),
                                Map.of(Setting.MODEL, SearchIndexes.BUILT_IN_MODEL)),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        CatalogStore catalog = instance.catalog();
        catalog.upsert(
                List.of(
                        paper(
                                "2401.00001",
                                "Trainable Fixed-Point Quantization for Deep Networks",
                                "We quantize weights and activations to low-bit integers with"
                                        + " learned scales.",
                                LocalDate.of(2024, 1, 2)),
                        paper(
                                "2402.00002",
                                "Deep Equilibrium Models",
                                "Instead of stacking layers we solve for the equilibrium of one"
                                        + " implicit layer with a root finder; iterating the map"
                                        + " converges.",
                                LocalDate.of(2024, 1, 2)),
                        paper(
                                "2401.00003",
                                "Songbird recordings in the Amazon",
                                "A dataset of bird songs.",
                                LocalDate.of(2024, 1, 2))));
        try (Embedder embedder = new Embedder(EmbeddingModel.bgeSmallInt8(), 1);
                EmbeddingWorker worker =
                        new EmbeddingWorker(instance.vectors(), List.of(embedder))) {
            worker.embedAll(n -> {});
        }
        instance.searchUpToDate();
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.get("paper").get("id").asText()));
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&mode=hybrid", "&mode=semantic", "&mode=lexical"})
    void everySearchModeAnswersInTheHuggingFaceShape(String mode) throws Exception {
        HttpResponse<String> r = get("/api/papers/search?q=fixed+point+iteration&limit=3" + mode);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body());
        assertThat(results.size()).isBetween(1, 3);
        for (JsonNode result : results) {
            assertThat(result.get("paper").get("id").asText()).matches("24\\d\\d\\.\\d{5}");
            assertThat(
                            result.has("title")
                                    && result.has("summary")
                                    && result.has("highlightedTitle"))
                    .isTrue();
        }
        List<String> found = ids(results);
        if (mode.contains("lexical")) {
            // the two with the words ("fixed-point", "iterating")
            assertThat(found).containsExactlyInAnyOrder("2401.00001", "2402.00002");
        } else {
            // an iteration to a fixed point, by meaning; the bird songs are below the floor
            assertThat(found).contains("2402.00002").doesNotContain("2401.00003");
        }
    }

    @Test
    void theSearchPageSaysWhenItsResultsAreMatchesInMeaningOnly() throws Exception {
        String words = get("/papers?q=fixed+point+iteration").body();
        assertThat(words).contains("2401.00001").contains("2402.00002");
        String meaning = get("/papers?q=stable+state+of+an+iterated+function").body();
        assertThat(meaning)
                .contains(
                        "No paper has most of these words; below are the papers nearest in meaning")
                .contains("2402.00002");
    }
}
