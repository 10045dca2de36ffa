package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.config.Setting;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/** A paper a curator hides leaves search too: its page, its feeds, the API and the counts. */
class HiddenPapersTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 30);
    private static final ArxivId HIDDEN = ArxivId.of("2606.00002");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
                                paper("2606.00001", "Banach fixed point iterations"),
                                paper(HIDDEN.id(), "Spam about fixed point lottery wins"),
                                paper("2606.00003", "Fixed point arithmetic on small chips")));
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static Paper paper(String id, String title) {
        return TestPapers.paper(id, title, "An abstract on fixed point matters.", DAY);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void aHiddenPaperIsInNoSearchResultFeedOrCountAndComesBackWhenShownAgain() throws Exception {
        instance.searchUpToDate();
        assertThat(get("/papers?q=fixed+point")).contains("/papers/" + HIDDEN.id());

        assertThat(instance.community().hide(HIDDEN, DAY)).isTrue();
        instance.searchUpToDate();

        String page = get("/papers?q=fixed+point");
        assertThat(page).doesNotContain("/papers/" + HIDDEN.id()).contains("2 papers match");
        assertThat(get("/papers/feed.atom?q=fixed+point")).doesNotContain(HIDDEN.id());
        assertThat(get("/papers/feed.rss?q=fixed+point")).doesNotContain(HIDDEN.id());
        assertThat(get("/api/papers/search?q=lottery")).isEqualTo("[]");
        assertThat(instance.search().similar(ArxivId.of("2606.00001"), "fixed point", 10))
                .noneMatch(h -> h.id().equals(HIDDEN.id()));
        assertThat(instance.search().documents()).as("still indexed: every paper is").isEqualTo(3);

        assertThat(instance.community().unhide(HIDDEN)).isTrue();
        instance.searchUpToDate();
        assertThat(get("/papers?q=fixed+point")).contains("/papers/" + HIDDEN.id());
    }
}
