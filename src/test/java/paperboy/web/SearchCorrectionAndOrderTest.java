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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.Paper;
import paperboy.config.Setting;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * The search page and the API correct misspelled words and say so, and list results newest first
 * when asked.
 */
class SearchCorrectionAndOrderTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PAPER_LINK = Pattern.compile("href=\"/papers/(\\d{4}\\.\\d{5})\"");

    /** The papers with all of "graph neural oversmoothing", newest first, equal days by id. */
    private static final List<String> NEWEST_FIRST =
            List.of("2603.00004", "2603.00003", "2601.00001", "2512.00005");

    @TempDir static Path dir;
    private static Instance instance;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        instance =
                Instance.of(
                        TestSettings.of(dir, Map.of(Setting.SITE_URL, "http://paperboy.test")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        instance.catalog()
                .upsert(
                        List.of(
                                paper(
                                        "2601.00001",
                                        "Oversmoothing in graph neural networks",
                                        "Deep message passing makes node features alike.",
                                        LocalDate.of(2026, 1, 10)),
                                paper(
                                        "2602.00002",
                                        "A survey of graph neural networks",
                                        "Message passing, pooling and readout.",
                                        LocalDate.of(2026, 2, 1)),
                                paper(
                                        "2603.00003",
                                        "Graph neural networks without oversmoothing",
                                        "Residual connections keep node features apart.",
                                        LocalDate.of(2026, 3, 5)),
                                paper(
                                        "2603.00004",
                                        "Oversmoothing measured",
                                        "We measure oversmoothing in deep graph neural networks"
                                                + " and oversmoothing again.",
                                        LocalDate.of(2026, 3, 5)),
                                paper(
                                        "2512.00005",
                                        "Neural oversmoothing of graph signals",
                                        "Graph oversmoothing, neural oversmoothing: oversmoothing"
                                                + " everywhere in graph neural networks.",
                                        LocalDate.of(2025, 12, 20))));
        instance.searchUpToDate();
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static Paper paper(String id, String title, String abstractText, LocalDate day) {
        return TestPapers.paper(id, title, abstractText, day);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> paperLinks(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = PAPER_LINK.matcher(html);
        while (m.find()) {
            if (!ids.contains(m.group(1))) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static List<String> apiIds(String json) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(json)) {
            ids.add(r.get("paper").get("id").asText());
        }
        return ids;
    }

    @Test
    void theSearchPageCorrectsMisspelledWordsSaysSoAndLinksToTheQueryAsTyped() throws Exception {
        HttpResponse<String> corrected = get("/papers?q=oversmothing+graph+nueral");
        assertThat(corrected.statusCode()).isEqualTo(200);
        assertThat(corrected.body())
                .contains("Showing results for <a href=\"/papers?q=oversmoothing+graph+neural\">")
                .contains("<em>oversmoothing graph neural</em>")
                .contains(
                        "Search instead for <a"
                            + " href=\"/papers?q=oversmothing+graph+nueral&amp;correct=0\">oversmothing"
                            + " graph nueral</a>")
                .contains("4 papers match “oversmoothing graph neural”");
        assertThat(paperLinks(corrected.body()))
                .isEqualTo(paperLinks(get("/papers?q=oversmoothing+graph+neural").body()));

        String exact = get("/papers?q=oversmothing+graph+nueral&correct=0").body();
        assertThat(exact)
                .doesNotContain("Showing results for")
                .contains("<input type=\"hidden\" name=\"correct\" value=\"0\">");
        assertThat(get("/papers?q=oversmoothing+graph+neural").body())
                .doesNotContain("Showing results for");
    }

    @Test
    void theSearchPageSortsByDateAndItsLinksKeepTheOrder() throws Exception {
        String page = get("/papers?q=graph+neural+oversmoothing&sort=date").body();
        assertThat(paperLinks(page)).isEqualTo(NEWEST_FIRST);
        assertThat(page)
                .contains("<option value=\"date\" selected>Newest</option>")
                .contains("4 papers match “graph neural oversmoothing”, newest first.")
                .contains(
                        "href=\"/papers?q=graph+neural+oversmoothing&amp;cat=cs.LG&amp;sort=date\"");
        assertThat(get("/papers?q=graph+neural+oversmoothing").body())
                .contains("<option value=\"relevance\" selected>Relevance</option>");
        assertThat(paperLinks(get("/papers?cat=cs.LG&sort=date").body()))
                .as("filters alone: what they select, newest first")
                .containsExactly(
                        "2603.00004", "2603.00003", "2602.00002", "2601.00001", "2512.00005");
        assertThat(get("/papers/feed.atom?q=graph+neural+oversmoothing&sort=date").body())
                .containsSubsequence(NEWEST_FIRST.toArray(String[]::new));

        HttpResponse<String> bad = get("/papers?q=graph&sort=upvotes");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("sort must be relevance or date (publishedAt), not");
    }

    @Test
    void theApiNamesTheCorrectedQueryInAHeaderAndKeepsItsArray() throws Exception {
        HttpResponse<String> corrected = get("/api/papers/search?q=oversmothing+graph+nueral");
        assertThat(corrected.statusCode()).isEqualTo(200);
        assertThat(corrected.headers().firstValue("X-Paperboy-Corrected-Query"))
                .contains("oversmoothing graph neural");
        assertThat(new ObjectMapper().readTree(corrected.body()).isArray()).isTrue();
        assertThat(apiIds(corrected.body()))
                .isEqualTo(apiIds(get("/api/papers/search?q=oversmoothing+graph+neural").body()));

        HttpResponse<String> exact =
                get("/api/papers/search?q=oversmothing+graph+nueral&correct=0");
        assertThat(exact.headers().firstValue("X-Paperboy-Corrected-Query")).isEmpty();
        assertThat(
                        get("/api/papers/search?q=graph+neural")
                                .headers()
                                .firstValue("X-Paperboy-Corrected-Query"))
                .isEmpty();
    }

    @Test
    void theApiSortsByPublishedAtAndRefusesOtherSorts() throws Exception {
        HttpResponse<String> newest =
                get("/api/papers/search?q=graph+neural+oversmoothing&sort=publishedAt");
        assertThat(newest.statusCode()).isEqualTo(200);
        assertThat(apiIds(newest.body())).isEqualTo(NEWEST_FIRST);
        List<String> days = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(newest.body())) {
            days.add(r.get("publishedAt").asText());
        }
        assertThat(days).isSortedAccordingTo((a, b) -> b.compareTo(a));

        HttpResponse<String> bad = get("/api/papers/search?q=graph&sort=trending");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(bad.body()).get("error").asText())
                .isEqualTo("sort must be relevance or date (publishedAt), not 'trending'");
    }

    @Test
    void aHeaderValueIsPercentEncodedOnlyWhereItIsNotPrintableAscii() {
        assertThat(PapersApi.headerValue("graph neural")).isEqualTo("graph neural");
        assertThat(PapersApi.headerValue("Schrödinger 100%")).isEqualTo("Schr%C3%B6dinger 100%25");
    }
}
