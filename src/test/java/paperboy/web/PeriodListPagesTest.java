package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.config.Setting;
import paperboy.testing.SiteFixture;
import paperboy.testing.TestSettings;

/**
 * Week and month lists over a small catalog of their own, so that every count is exact: five papers
 * each weekday of June 2026 (110), two on Friday 29 May, three on Wednesday 1 July, and four in
 * April of which a curator hides one.
 */
class PeriodListPagesTest {
    private static final int PER_JUNE_WEEKDAY = 5;

    @TempDir static Path dir;

    private static Instance instance;
    private static String baseUrl;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        instance =
                Instance.of(
                        TestSettings.of(dir, Map.of(Setting.SITE_URL, "http://paperboy.test")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        List<Paper> papers = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 6, 1);
                day.getMonthValue() == 6;
                day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY
                    && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                for (int i = 0; i < PER_JUNE_WEEKDAY; i++) {
                    papers.add(paper(String.format("2606.%02d%03d", day.getDayOfMonth(), i), day));
                }
            }
        }
        papers.add(paper("2605.29001", LocalDate.of(2026, 5, 29)));
        papers.add(paper("2605.29002", LocalDate.of(2026, 5, 29)));
        for (int i = 1; i <= 3; i++) {
            papers.add(paper("2607.0100" + i, LocalDate.of(2026, 7, 1)));
        }
        for (int i = 1; i <= 4; i++) {
            papers.add(paper("2604.1500" + i, LocalDate.of(2026, 4, 15)));
        }
        instance.catalog().upsert(papers);
        assertThat(instance.community().hide(ArxivId.of("2604.15001"), LocalDate.of(2026, 4, 15)))
                .isTrue();
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static Paper paper(String id, LocalDate announced) {
        return new Paper(
                ArxivId.of(id),
                1,
                "Paper " + id,
                "About " + id + ".",
                List.of("Ada Lovelace"),
                List.of("cs.LG"),
                null,
                null,
                null,
                null,
                announced,
                announced,
                null,
                null);
    }

    private static String page(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The paper ids of a feed's entries (Atom) or items (RSS), in order. */
    private static List<String> feedIds(String xml) {
        return Pattern.compile("<(?:id|guid[^>]*)>http://paperboy\\.test/papers/([^</]+)</")
                .matcher(xml)
                .results()
                .map(m -> m.group(1))
                .toList();
    }

    @Test
    void eachPeriodHasAtomAndRssFeedsOfItsPapersInThePagesOrder() throws Exception {
        for (String period :
                List.of(
                        "/papers/week/2026-W27",
                        "/papers/month/2026-06",
                        "/papers/date/2026-06-30")) {
            List<String> shown = SiteFixture.paperIds(page(period));
            for (String kind : List.of("atom", "rss")) {
                String feed = period + "/feed." + kind;
                HttpResponse<String> r = get(feed);
                assertThat(r.statusCode()).as(feed).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("application/" + kind + "+xml");
                assertThat(feedIds(r.body())).as(feed).isEqualTo(shown);
                assertThat(r.body())
                        .as("its own address is its self link (and the Atom id)")
                        .contains("href=\"http://paperboy.test" + feed + "\"");
                assertThat(r.body())
                        .as("it links the page it mirrors")
                        .containsPattern(Pattern.quote("http://paperboy.test" + period) + "[\"<]");
                String etag = r.headers().firstValue("ETag").orElseThrow();
                assertThat(get(feed, "If-None-Match", etag).statusCode()).isEqualTo(304);
            }
        }
        assertThat(feedIds(page("/papers/week/2026-W27/feed.atom")))
                .as("the week's own papers, not the latest day's")
                .hasSize(2 * PER_JUNE_WEEKDAY + 3);
        assertThat(page("/papers/month/2026-06/feed.rss"))
                .contains("<title>Papers of June 2026 · Paperboy</title>");
        assertThat(feedIds(page("/papers/month/2026-03/feed.atom")))
                .as("a period without papers has an empty feed")
                .isEmpty();
    }

    @Test
    void aPeriodFeedSpelledAnotherWayNamesItsCanonicalAddress() throws Exception {
        assertThat(page("/papers/week/2026-W1/feed.atom"))
                .contains("<id>http://paperboy.test/papers/week/2026-W01/feed.atom</id>");
    }

    @Test
    void eachPeriodPageAdvertisesItsOwnFeeds() throws Exception {
        for (String period :
                List.of(
                        "/papers/week/2026-W27",
                        "/papers/month/2026-06",
                        "/papers/date/2026-06-30")) {
            assertThat(page(period))
                    .as(period)
                    .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                    .contains("href=\"" + period + "/feed.atom\">")
                    .contains("href=\"" + period + "/feed.rss\">")
                    .contains("<a href=\"" + period + "/feed.atom\">Atom</a>")
                    .contains("<a href=\"" + period + "/feed.rss\">RSS</a>")
                    .doesNotContain("href=\"/papers/feed.atom\"");
        }
        assertThat(page("/papers"))
                .as("the latest day's page follows the latest day")
                .contains("href=\"/papers/feed.atom\"");
    }

    @Test
    void malformedPeriodsOfFeedsAreRefusedWithAPage() throws Exception {
        for (String bad :
                List.of(
                        "/papers/week/2026-W99/feed.atom",
                        "/papers/week/2026-W00/feed.rss",
                        "/papers/month/2026-13/feed.atom",
                        "/papers/month/2026-1/feed.rss",
                        "/papers/date/2026-02-30/feed.atom",
                        "/papers/week/..%2F/feed.atom",
                        "/papers/month/%2E%2E/feed.rss",
                        "/papers/week/%3Cscript%3E/feed.atom")) {
            HttpResponse<String> r = get(bad);
            assertThat(r.statusCode()).as(bad).isBetween(400, 404);
            assertThat(r.body()).as(bad).doesNotContain("Exception").doesNotContain("<script>");
        }
        assertThat(get("/papers/week/2026-W99/feed.atom").body())
                .contains("2026 has weeks 1 to 53, not 99");
    }

    @Test
    void aPagePastTheLastIsNotFoundAndLinksToTheLastPage() throws Exception {
        for (String past :
                List.of("/papers/month/2026-06?page=4", "/papers/month/2026-06?page=999")) {
            HttpResponse<String> r = get(past);
            assertThat(r.statusCode()).as(past).isEqualTo(404);
            assertThat(r.body())
                    .contains("There is no page")
                    .contains("this list has 3 pages.")
                    .contains("<a id=\"onwards\" href=\"/papers/month/2026-06?page=3\">")
                    .doesNotContain("No papers were announced");
        }
        HttpResponse<String> shortList = get("/papers/month/2026-07?page=2");
        assertThat(shortList.statusCode()).isEqualTo(404);
        assertThat(shortList.body())
                .contains("this list has 1 page.")
                .contains("<a id=\"onwards\" href=\"/papers/month/2026-07\">");
        assertThat(get("/papers/month/2026-03").statusCode())
                .as("the one page of an empty period is there, and says it is empty")
                .isEqualTo(200);
        assertThat(get("/papers/month/2026-03?page=2").statusCode()).isEqualTo(404);
    }

    @Test
    void pageNumbersThatAreNoNumbersAreBadRequests() throws Exception {
        for (String bad : List.of("0", "-1", "abc", "99999999999999", "1e3", "%20")) {
            HttpResponse<String> r = get("/papers/month/2026-06?page=" + bad);
            assertThat(r.statusCode()).as(bad).isIn(bad.equals("%20") ? 200 : 400);
            if (r.statusCode() == 400) {
                assertThat(r.body()).contains("page must be a whole number from 1 to 10,000");
            }
        }
    }

    @Test
    void aMonthListsEveryPaperOfItsDaysFiftyAPage() throws Exception {
        String june = page("/papers/month/2026-06");
        assertThat(june)
                .contains("Papers of June 2026")
                .contains("<p class=\"sub\">110 papers, page 1 of 3</p>");
        assertThat(SiteFixture.paperIds(june)).hasSize(50).allMatch(id -> id.startsWith("2606."));
        assertThat(SiteFixture.paperIds(page("/papers/month/2026-06?page=2"))).hasSize(50);
        String last = page("/papers/month/2026-06?page=3");
        assertThat(last).contains("<p class=\"sub\">110 papers, page 3 of 3</p>");
        assertThat(SiteFixture.paperIds(last)).hasSize(10);
    }

    @Test
    void aMonthLinksToTheMonthsAroundThatHavePapers() throws Exception {
        assertThat(page("/papers/month/2026-06"))
                .contains("rel=\"prev\" href=\"/papers/month/2026-05\"")
                .contains("rel=\"next\" href=\"/papers/month/2026-07\"");
        assertThat(page("/papers/month/2026-07"))
                .contains("<p class=\"sub\">3 papers</p>")
                .doesNotContain("rel=\"next\"");
    }

    @Test
    void aWeekListsMondayToSundayAcrossTheEndOfAMonth() throws Exception {
        String week = page("/papers/week/2026-W27");
        assertThat(week)
                .contains("<h1>Papers of week 27 of 2026, 29 Jun – 5 Jul 2026</h1>")
                .contains("<p class=\"sub\">" + (2 * PER_JUNE_WEEKDAY + 3) + " papers</p>")
                .contains("rel=\"prev\" href=\"/papers/week/2026-W26\"")
                .doesNotContain("rel=\"next\"");
        assertThat(page("/papers/week/2026-W26"))
                .contains("<p class=\"sub\">" + 5 * PER_JUNE_WEEKDAY + " papers</p>");
    }

    @Test
    void weekNavigationSkipsWeeksWithoutPapers() throws Exception {
        assertThat(page("/papers/week/2026-W23"))
                .contains("rel=\"prev\" href=\"/papers/week/2026-W22\""); // 29 May
        assertThat(page("/papers/week/2026-W22"))
                .contains("rel=\"prev\" href=\"/papers/week/2026-W16\""); // 15 April
    }

    @Test
    void aHiddenPaperLeavesItsPeriodsAndTheirCounts() throws Exception {
        String april = page("/papers/month/2026-04");
        assertThat(april).contains("<p class=\"sub\">3 papers</p>");
        assertThat(SiteFixture.paperIds(april))
                .containsExactlyInAnyOrder("2604.15002", "2604.15003", "2604.15004");
        assertThat(page("/papers/week/2026-W16")).contains("<p class=\"sub\">3 papers</p>");
    }
}
