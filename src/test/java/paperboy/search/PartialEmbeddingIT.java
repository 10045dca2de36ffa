package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.ingest.ImportProgress;
import paperboy.ingest.Importer;
import paperboy.testing.SharedData;
import paperboy.testing.TestSettings;

/**
 * Search on the real sample in the states an instance lives in, with the real model: first the
 * 3,000 newest papers, all embedded (the floor, meaning-only queries, the site's answer to
 * nonsense); then the whole sample imported beside them, so 3,000 of 93,656 papers have vectors,
 * the state {@code embed --limit 3000} leaves (the few embedded papers must not crowd the rest
 * out). The tests run in order: the later ones import the rest of the sample.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartialEmbeddingIT {
    static final int NEWEST = 3000;
    static final String OLD_PAPER = "1211.2632";

    /**
     * Queries that share no content word with their paper (checked below with the index's own
     * analysis), so only meaning can find it.
     */
    static final Map<String, String> MEANING_ONLY = new LinkedHashMap<>();

    static {
        MEANING_ONLY.put(
                "2606.31760",
                "how quickly a ball spins and flies, judged using one photo whose sensor reads out"
                        + " row after row");
        MEANING_ONLY.put(
                "2606.21290", "competition for finding small tumours in radiographs of the thorax");
        MEANING_ONLY.put(
                "2606.29213",
                "how well will character recognizers handle the alphabet used for sanskrit");
        MEANING_ONLY.put(
                "2606.23154",
                "relocating the parts of a radio receiver layout to pinpoint emitters precisely");
        MEANING_ONLY.put(
                "2606.30951",
                "an agent taught by reward picks what parts of a sonogram to examine for male"
                        + " gland tumours");
        MEANING_ONLY.put(
                "2606.21502",
                "chatbot teachers helping pupils repair arithmetic slips but keeping the outcome"
                        + " secret");
        MEANING_ONLY.put(
                "2606.26205",
                "chat helpers explaining unwanted reactions to pills for depression using internet"
                        + " forum stories and official warnings");
        MEANING_ONLY.put(
                "2606.18824",
                "forecasting the route people walking on the sidewalk take next, seen through a"
                        + " dashcam");
        MEANING_ONLY.put(
                "2606.19021",
                "silica squeezed hard: an energy minimising account of how its atomic arrangement"
                        + " switches");
        MEANING_ONLY.put(
                "2606.21557",
                "conversations among twelve year olds cooperating on arithmetic exercises");
    }

    /** Words that carry no topic, left out of the no-shared-word check. */
    private static final Set<String> FUNCTION_WORDS =
            Set.of("how", "what", "on", "us", "our", "we", "one", "after", "out", "its");

    @TempDir static Path dir;
    private static Instance instance;
    private static String baseUrl;
    private static final Analysis ANALYSIS = new Analysis();

    @BeforeAll
    static void importAndEmbedTheNewest() throws IOException {
        Settings settings =
                TestSettings.of(dir.resolve("data"), Map.of(Setting.MODEL, "bge-small-en-v1.5-q"));
        instance = Instance.of(settings);
        Path newest = dir.resolve("newest.json");
        Files.write(newest, newestRecords(NEWEST));
        new Importer(instance.catalog(), instance.codeLinks())
                .importFiles(List.of(newest), ImportProgress.silent());
        EmbeddingModel model = Objects.requireNonNull(SearchIndexes.model(settings));
        try (Embedder embedder = new Embedder(model, 2);
                EmbeddingWorker worker = new EmbeddingWorker(instance.vectors(), embedder)) {
            worker.embedAll(n -> {});
        }
        instance.searchUpToDate();
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void close() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    @Order(1)
    void nonsenseFindsNothingInAnyModeAndThePageSaysSo() throws Exception {
        PaperSearch search = instance.search();
        assertThat(search.documents()).isEqualTo(NEWEST);
        for (PaperSearch.Mode mode : PaperSearch.Mode.values()) {
            assertThat(search.search("zzzzqqqxx", mode, 0, 20)).as(mode.name()).isEmpty();
        }
        String page = get("/papers?q=" + URLEncoder.encode("zzzzqqqxx", StandardCharsets.UTF_8));
        assertThat(page).contains("No papers match").doesNotContain("nearest in meaning");
    }

    @Test
    @Order(2)
    void meaningOnlyQueriesStillFindTheirPapersAboveTheFloor() {
        int found = 0;
        List<String> missed = new ArrayList<>();
        for (var e : MEANING_ONLY.entrySet()) {
            Paper paper = instance.catalog().find(ArxivId.of(e.getKey())).orElseThrow();
            Set<String> shared = contentTerms(e.getValue());
            shared.retainAll(contentTerms(paper.title() + " " + paper.abstractText()));
            assertThat(shared).as("words %s shares with %s", e.getValue(), e.getKey()).isEmpty();
            List<String> top = ids(instance.search().search(e.getValue(), 0, 10));
            if (top.contains(e.getKey())) {
                found++;
            } else {
                missed.add(e.getKey());
            }
        }
        assertThat(found).as("found in the top 10; missed %s", missed).isGreaterThanOrEqualTo(8);
    }

    @Test
    @Order(10)
    void withAFewPapersEmbeddedHybridStaysWithThePapersThatHaveTheWords() throws IOException {
        new Importer(instance.catalog(), instance.codeLinks())
                .importFiles(SharedData.arxivParts(), ImportProgress.silent());
        PaperSearch search = instance.searchUpToDate();
        assertThat(search.documents()).isEqualTo(93_656);
        for (String query :
                List.of(
                        "graph neural network oversmoothing",
                        "fixed point iteration",
                        "speech recognition low resource")) {
            List<String> hybrid = ids(search.search(query, PaperSearch.Mode.HYBRID, 0, 10));
            Set<String> lexical =
                    new HashSet<>(ids(search.search(query, PaperSearch.Mode.LEXICAL, 0, 50)));
            assertThat(hybrid).as(query).hasSize(10);
            assertThat(hybrid.stream().filter(lexical::contains).count())
                    .as("%s: hybrid top 10 %s in the lexical top 50", query, hybrid)
                    .isGreaterThanOrEqualTo(7);
            Set<String> words = contentTerms(query);
            for (String id : hybrid) {
                Paper paper = instance.catalog().find(ArxivId.of(id)).orElseThrow();
                Set<String> has = contentTerms(paper.title() + " " + paper.abstractText());
                has.retainAll(words);
                assertThat(has).as("%s: %s has none of its words", query, id).isNotEmpty();
            }
        }
    }

    @Test
    @Order(12)
    void aMisspelledQueryFindsWhatTheRightOneFindsInTheWholeSample() {
        PaperSearch search = instance.search();
        PaperSearch.Correction correction =
                search.correction("oversmothing graph nueral").orElseThrow();
        assertThat(correction.text()).isEqualTo("oversmoothing graph neural");
        assertThat(ids(search.search(correction.query(), 0, 10)))
                .isEqualTo(ids(search.search("oversmoothing graph neural", 0, 10)));
        assertThat(search.correction("causal inference")).isEmpty();
        assertThat(search.correction("casual conversation")).isEmpty();
    }

    @Test
    @Order(11)
    void similarPapersOfAPaperWithoutAVectorComeFromItsWords() {
        PaperSearch search = instance.search();
        // Among the oldest papers of the sample: far from the embedded newest.
        Paper paper = instance.catalog().find(ArxivId.of(OLD_PAPER)).orElseThrow();
        List<SearchHit> similar =
                search.similar(paper.id(), paper.title() + " " + paper.abstractText(), 5);
        assertThat(similar).hasSize(5);
        assertThat(ids(similar)).doesNotContain(paper.id().withoutVersion().id());
    }

    private static Set<String> contentTerms(String text) {
        Set<String> terms = new HashSet<>(ANALYSIS.terms(SearchFields.TEXT, text));
        terms.removeAll(FUNCTION_WORDS);
        return terms;
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    /** The snapshot records of the {@code n} newest papers (announced, then id, descending). */
    private static List<String> newestRecords(int n) throws IOException {
        record Line(LocalDate announced, String id, String json) {}
        ObjectMapper mapper = new ObjectMapper();
        List<Line> lines = new ArrayList<>();
        for (Path part : SharedData.arxivParts()) {
            try (BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    new GZIPInputStream(Files.newInputStream(part)),
                                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode record = mapper.readTree(line);
                    lines.add(
                            new Line(
                                    SharedData.announced(record),
                                    record.path("id").asText(),
                                    line));
                }
            }
        }
        lines.sort(Comparator.comparing(Line::announced).thenComparing(Line::id).reversed());
        return lines.subList(0, n).stream().map(Line::json).toList();
    }

    private static String get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response =
                    client.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.body();
        }
    }
}
