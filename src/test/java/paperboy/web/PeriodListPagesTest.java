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
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
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
                .contains("Week 27 of 2026 (29 Jun – 5 Jul)")
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
