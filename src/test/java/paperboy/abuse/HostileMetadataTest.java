package paperboy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.config.Setting;
import paperboy.ingest.ImportProgress;
import paperboy.ingest.ImportReport;
import paperboy.ingest.Importer;
import paperboy.testing.TestSettings;

/**
 * A snapshot dump whose records carry markup, script, control characters and a 100 kB title,
 * imported through the real importer, then every page type, feed and API route that shows them:
 * each answers (no 500), no markup arrives as markup, and no control character arrives at all.
 */
class HostileMetadataTest {
    private static final String DAY = "2026-06-12";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "<img src=x onerror=alert(2)>";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir static Path dir;
    private static Instance instance;
    private static String baseUrl;

    @BeforeAll
    static void importHostileRecords() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(
                record(
                        "2606.90001",
                        "Null\u0000byte " + SCRIPT + " title\u0007",
                        IMG + " abstract \u0001\u001b[31m"));
        lines.add(record("2606.90002", "x".repeat(100_000), "A 100 kB title, and ]]> too."));
        lines.add(
                record(
                        "2606.90003",
                        "Quotes \"' & </title><title>",
                        "javascript:alert(3) " + SCRIPT));
        Path dump = dir.resolve("hostile.json");
        Files.write(dump, lines, StandardCharsets.UTF_8);
        instance =
                Instance.of(
                        TestSettings.of(
                                dir.resolve("data"),
                                Map.of(Setting.SITE_URL, "http://paperboy.test")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        ImportReport report =
                new Importer(instance.catalog(), instance.codeLinks())
                        .importFiles(List.of(dump), ImportProgress.silent());
        assertThat(report.rejected()).as(report.format()).isZero();
        instance.searchUpToDate();
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static String record(String id, String title, String abstractText) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("submitter", "Eve " + SCRIPT);
        r.put("authors", "Eve " + IMG + ", Mallory\u0000 Null");
        r.put("title", title);
        r.put("comments", "Code: https://github.com/eve/x\"><script>alert(4)</script>");
        r.put("journal-ref", null);
        r.put("doi", null);
        r.put("report-no", null);
        r.put("categories", "cs.CR");
        r.put("license", null);
        r.put("abstract", abstractText);
        r.put(
                "versions",
                List.of(Map.of("version", "v1", "created", "Fri, 12 Jun 2026 00:00:00 GMT")));
        r.put("update_date", DAY);
        r.put("authors_parsed", List.of(List.of("Eve", "", "")));
        return new ObjectMapper().writeValueAsString(r);
    }

    @Test
    void everyRouteShowsHostileMetadataAsTextAndNeverFails() throws Exception {
        List<String> routes =
                List.of(
                        "/",
                        "/papers",
                        "/papers/date/" + DAY,
                        "/papers/week/2026-W24",
                        "/papers/month/2026-06",
                        "/papers/trending",
                        "/papers?q=title",
                        "/papers?q=abstract+alert",
                        "/papers/2606.90001",
                        "/papers/2606.90002",
                        "/papers/2606.90003",
                        "/papers/feed.atom",
                        "/papers/feed.rss",
                        "/papers/feed.atom?q=alert",
                        "/papers/feed.rss?q=alert",
                        "/papers/trending/feed.atom",
                        "/papers/trending/feed.rss",
                        "/api/papers/search?q=alert",
                        "/api/papers/2606.90001",
                        "/api/papers/2606.90003",
                        "/api/daily_papers?date=" + DAY);
        for (String route : routes) {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + route))
                                    .timeout(Duration.ofSeconds(60))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            assertThat(r.statusCode()).as(route).isEqualTo(200);
            if (route.startsWith("/api/")) {
                // JSON carries the text as it is, as data: a browser never takes it as a page
                assertThat(r.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(
                                type -> assertThat(type).startsWith("application/json"));
                assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            } else {
                assertThat(body)
                        .as(route)
                        .doesNotContain(SCRIPT)
                        .doesNotContain("<img src=x")
                        .doesNotContain("href=\"javascript:")
                        .doesNotContain("</title><title>");
            }
            assertThat(body.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
                    .as(route + ": control characters")
                    .isEmpty();
        }
    }
}
