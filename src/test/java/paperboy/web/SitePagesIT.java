package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.testing.SiteFixture;

/** The pages over the real 93,656-paper sample, through real HTTP. */
class SitePagesIT {
    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    @Test
    void theHomePageShowsTheLatestDayWithAWayBack() {
        HttpResponse<String> home = site.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("Papers of 1 Jul 2026")
                .contains("rel=\"prev\" href=\"/papers/date/2026-06-30\"")
                .doesNotContain("rel=\"next\"")
                .contains("Get trending papers in your email inbox");
        assertThat(home.body()).containsPattern("[0-9,]+ papers, page 1 of \\d+");
        assertThat(site.get("/papers").body()).contains("Papers of 1 Jul 2026");
    }

    @Test
    void theDatePickerLeadsToTheDayWeekOrMonthOfTheDateChosen() {
        String home = site.get("/").body();
        assertThat(home)
                .contains("<form class=\"jump\" action=\"/papers/at\" method=\"get\">")
                .contains("name=\"period\" value=\"day\"")
                .contains("<a href=\"/papers/week/2026-W27\">Weekly</a>")
                .contains("<a href=\"/papers/date/2026-07-01\" aria-current=\"page\">Daily</a>");
        assertThat(site.get("/papers/week/2026-W27").body())
                .contains("name=\"period\" value=\"week\"")
                .contains("<a href=\"/papers/week/2026-W27\" aria-current=\"page\">Weekly</a>");
        Map<String, String> jumps =
                Map.of(
                        "/papers/at?period=day&date=2026-06-30", "/papers/date/2026-06-30",
                        "/papers/at?period=week&date=2026-06-30", "/papers/week/2026-W27",
                        "/papers/at?period=month&date=2026-06-30", "/papers/month/2026-06",
                        "/papers/at?date=2025-01-02", "/papers/date/2025-01-02");
        jumps.forEach(
                (from, to) -> {
                    HttpResponse<String> r = site.get(from);
                    assertThat(r.statusCode()).as(from).isEqualTo(303);
                    assertThat(r.headers().firstValue("Location")).as(from).hasValue(to);
                });
        for (String bad :
                List.of(
                        "/papers/at",
                        "/papers/at?date=",
                        "/papers/at?date=2026-02-30",
                        "/papers/at?date=%3Cscript%3E",
                        "/papers/at?period=year&date=2026-06-30")) {
            HttpResponse<String> r = site.get(bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).doesNotContain("Exception").doesNotContain("<script>");
        }
    }

    @Test
    void dayNavigationSkipsDaysWithoutPapers() {
        String monday = site.get("/papers/date/2026-06-29").body();
        assertThat(monday)
                .contains("Papers of 29 Jun 2026")
                .contains(
                        "rel=\"prev\" href=\"/papers/date/2026-06-26\"") // Friday: no announcements
                // at weekends
                .contains("rel=\"next\" href=\"/papers/date/2026-06-30\"");
    }

    @Test
    void submittedAndFeaturedPapersComeFirstByUpvotesThenTheRest() {
        LocalDate day = LocalDate.of(2026, 6, 25);
        List<String> plain = site.paperIdsOn("/papers/date/" + day);
        assertThat(plain).hasSizeGreaterThan(5);
        String few = plain.get(plain.size() - 1);
        String many = plain.get(plain.size() - 2);
        String featured = plain.get(plain.size() - 3);
        long ada = site.community.member("ada@example.org", "ada");
        long bob = site.community.member("bob@example.org", "bob");
        assertThat(site.community.submit(ArxivId.of(few), day, ada)).isTrue();
        assertThat(site.community.submit(ArxivId.of(few), day, bob))
                .as("a second submission is refused")
                .isFalse();
        assertThat(site.community.submit(ArxivId.of(many), day, bob)).isTrue();
        site.community.toggleUpvote(ArxivId.of(many), ada);
        site.community.toggleUpvote(ArxivId.of(many), bob);
        site.community.toggleUpvote(ArxivId.of(few), ada);
        site.community.feature(ArxivId.of(featured), day, false);

        String page = site.get("/papers/date/" + day).body();
        List<String> ordered = SiteFixture.paperIds(page);
        assertThat(ordered.subList(0, 3)).containsExactly(many, few, featured);
        assertThat(ordered).hasSameSizeAs(plain);
        assertThat(page)
                .contains("Submitted and featured")
                .contains("submitted by bob")
                .contains("submitted by ada")
                .contains("featured");
        assertThat(page.indexOf("Also new")).isGreaterThan(page.indexOf(featured));
    }

    @Test
    void aPaperSubmittedOnALaterDayIsOnThatDaysPageAndHiddenPapersAreOnNone() {
        LocalDate day = LocalDate.of(2026, 6, 24);
        String older = "2012.11220"; // announced in 2020
        long cy = site.community.member("cy@example.org", "cy");
        site.community.submit(ArxivId.of(older), day, cy);
        assertThat(site.paperIdsOn("/papers/date/" + day).getFirst()).isEqualTo(older);

        List<String> onDay = site.paperIdsOn("/papers/date/2026-06-23");
        String hidden = onDay.get(5);
        site.community.hide(ArxivId.of(hidden), LocalDate.of(2026, 6, 23));
        assertThat(site.paperIdsOn("/papers/date/2026-06-23"))
                .doesNotContain(hidden)
                .hasSize(onDay.size() - 1);
        assertThat(site.get("/papers/" + hidden).statusCode())
                .as("its own page stays")
                .isEqualTo(200);
    }

    @Test
    void trendingExplainsHowItIsRankedAndVotesLiftAPaper() {
        List<String> latest = site.paperIdsOn("/papers/date/2026-07-01");
        String lifted = latest.get(latest.size() - 1);
        for (int i = 0; i < 5; i++) {
            site.community.toggleUpvote(
                    ArxivId.of(lifted),
                    site.community.member("voter" + i + "@example.org", "voter" + i));
        }
        site.trending.invalidate();
        String page = site.get("/papers/trending").body();
        assertThat(page)
                .contains("How is this ranked?")
                .contains("(age in days + 2)")
                .contains("href=\"/papers/trending/feed.atom\"");
        assertThat(SiteFixture.paperIds(page).getFirst()).isEqualTo(lifted);
    }

    @Test
    void searchKeepsTheQueryHighlightsMatchesAndFiltersByCategory() {
        HttpResponse<String> r = site.get("/papers?q=fixed+point&cat=cs.LG");
        assertThat(r.statusCode()).isEqualTo(200);
        String page = r.body();
        assertThat(page)
                .contains("value=\"fixed point\"")
                .contains("value=\"cs.LG\"")
                .contains("<mark>");
        List<String> ids = SiteFixture.paperIds(page);
        assertThat(ids).hasSize(SitePages.SEARCH_PAGE_SIZE);
        for (Paper p : site.catalog.findAll(ids).values()) {
            assertThat(p.categories()).as(p.id().id()).contains("cs.LG");
        }
        assertThat(page)
                .contains("rel=\"next\" href=\"/papers?q=fixed+point&amp;cat=cs.LG&amp;page=2\"");
        assertThat(page)
                .containsPattern("aria-current=\"true\">cs.LG</a> <span class=\"n\">\\d+</span>");
        List<String> second =
                SiteFixture.paperIds(site.get("/papers?q=fixed+point&cat=cs.LG&page=2").body());
        assertThat(second).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void searchFiltersByDatesAndCode() {
        String page = site.get("/papers?q=diffusion&from=2025-01-01&to=2025-03-31&code=1").body();
        List<String> ids = SiteFixture.paperIds(page);
        assertThat(ids).isNotEmpty();
        for (Paper p : site.catalog.findAll(ids).values()) {
            assertThat(p.announced())
                    .isBetween(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31));
            assertThat(p.codeUrl()).as(p.id().id()).isNotNull();
        }
        assertThat(page).contains("checked");

        // the "has code" filter shows how many it would keep, and keeps that many
        String all = site.get("/papers?q=diffusion&from=2025-01-01&to=2025-03-31").body();
        long withCode = number(all, "id=\"code-count\">([\\d,]+)<");
        assertThat(withCode).isPositive().isLessThan(number(all, "([\\d,]+) papers? match"));
        assertThat(number(page, "([\\d,]+) papers? match")).isEqualTo(withCode);
    }

    private static long number(String page, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(page);
        assertThat(m.find()).as(pattern).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void aSearchWithoutResultsSaysWhatToTry() {
        String page = site.get("/papers?q=qqzxv+wwqpz").body();
        assertThat(page)
                .contains("No papers match")
                .contains("author:hinton")
                .contains("Remove a filter");
    }

    @Test
    void badParametersGetA400PageThatSaysWhatIsWrong() {
        assertBad(
                "/papers?q=x&from=yesterday",
                "from must be a date like 2026-06-30, not 'yesterday'");
        assertBad("/papers?q=x&from=2025-02-01&to=2025-01-01", "must not be after");
        assertBad("/papers?q=x&cat=%3Cscript%3E", "cat must be an arXiv category");
        assertBad("/papers?q=x&page=0", "page must be a whole number");
        assertBad("/papers?q=x&code=maybe", "code must be 1 or 0");
        assertBad("/papers/date/2026-02-30", "date must look like 2026-06-30");
        assertBad("/papers/week/2026-W54", "2026 has weeks 1 to 53");
        assertBad("/papers/month/2026-13", "month must look like 2026-06");
        assertBad("/papers/trending?page=-1", "page must be a whole number");
        assertBad("/papers/date/%2B999999999-12-31", "the year must be between 1900 and 9999");
        assertBad("/papers/month/%2B999999999-12", "the year must be between 1900 and 9999");
        assertBad("/papers/week/0001-W01", "the year must be between 1900 and 9999");
    }

    private static void assertBad(String path, String message) {
        HttpResponse<String> r = site.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(r.body())
                .as(path)
                .contains(message)
                .doesNotContain("Exception")
                .doesNotContain("<script");
    }

    @Test
    void aPaperPageShowsItsAbstractLinksAndSimilarPapers() throws Exception {
        String id =
                firstId(
                        "SELECT id FROM papers WHERE code_url IS NOT NULL AND project_url IS NOT"
                                + " NULL ORDER BY id");
        Paper p = site.catalog.find(ArxivId.of(id)).orElseThrow();
        String page = site.get("/papers/" + id).body();
        assertThat(page)
                .contains("href=\"https://arxiv.org/abs/" + id + "\"")
                .contains("href=\"https://arxiv.org/pdf/" + id + "\"")
                .contains("href=\"" + p.codeUrl() + "\"")
                .contains("href=\"" + p.projectUrl() + "\"")
                .contains("Similar papers")
                .contains("upvotes")
                .contains(asJteEscapes(p.authors().getFirst()));
        String lastWords = p.abstractText().substring(p.abstractText().length() - 40);
        assertThat(Jsoup.parse(page).selectFirst("p.abstract").text())
                .as("the whole abstract (its web addresses are links)")
                .endsWith(lastWords);
        List<String> similar = SiteFixture.paperIds(page);
        assertThat(similar).hasSize(SitePages.SIMILAR).doesNotContain(id);
    }

    @Test
    void everyAcceptedIdFormRedirectsToTheCanonicalPage() {
        for (String form :
                List.of(
                        "2012.11220v2",
                        "arXiv:2012.11220",
                        "arxiv.org/abs/2012.11220v1",
                        "https://arxiv.org/pdf/2012.11220v3")) {
            HttpResponse<String> r = site.get("/papers/" + form);
            assertThat(r.statusCode()).as(form).isEqualTo(301);
            assertThat(r.headers().firstValue("Location").orElseThrow())
                    .as(form)
                    .endsWith("/papers/2012.11220");
        }
    }

    @Test
    void unknownPapersAndPagesGetARealNotFoundPage() {
        HttpResponse<String> unknown = site.get("/papers/2101.99999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("does not know the paper 2101.99999").contains("<html");
        HttpResponse<String> notAnId = site.get("/papers/not-an-id");
        assertThat(notAnId.statusCode()).isEqualTo(404);
        assertThat(notAnId.body()).contains("is not an arXiv paper id");
        HttpResponse<String> nowhere = site.get("/nowhere");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).contains("There is no page at /nowhere");
    }

    @Test
    void htmlAndScriptInPaperMetadataAreShownAsText() {
        for (String path :
                List.of(
                        "/papers/" + SiteFixture.HOSTILE.id(),
                        "/papers/date/" + SiteFixture.HOSTILE_DAY,
                        "/papers?q=quotes+onerror",
                        "/papers/week/2009-W53")) {
            String page = site.get(path).body();
            assertThat(page)
                    .as(path)
                    .contains("&lt;script&gt;alert(")
                    .doesNotContainPattern("(?i)<script")
                    .doesNotContainPattern("(?i)<img")
                    .doesNotContain("href=\"javascript:")
                    .doesNotContain("<b>point</b>");
        }
    }

    @Test
    void pagesAnswerConditionalRequestsWith304() {
        HttpResponse<String> first = site.get("/papers/date/2026-06-30");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = site.get("/papers/date/2026-06-30", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(
                        site.get("/papers/date/2026-06-30", "If-Modified-Since", lastModified)
                                .statusCode())
                .isEqualTo(304);
        assertThat(site.get("/papers/date/2026-06-30", "If-None-Match", "\"other\"").statusCode())
                .isEqualTo(200);
        assertThat(site.get("/papers/date/2026-06-29", "If-None-Match", etag).statusCode())
                .as("another page has another tag")
                .isEqualTo(200);
    }

    @Test
    void pagesCarrySecurityHeadersAndAllowNoInlineScript() {
        HttpResponse<String> r = site.get("/");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("script-src");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).isPresent();
    }

    @Test
    void noPageIsOver100kB() {
        for (String path :
                List.of(
                        "/",
                        "/papers/trending",
                        "/papers/week/2026-W26",
                        "/papers/month/2026-06",
                        "/papers?q=fixed+point",
                        "/papers/2012.11220",
                        "/assets/site.css")) {
            HttpResponse<String> r = site.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body().getBytes(StandardCharsets.UTF_8).length)
                    .as(path)
                    .isLessThan(100_000);
        }
    }

    @Test
    void metricsAndHealthSpeakTheirFormats() {
        site.search.catchUp(n -> {}); // other tests wrote to the shared catalog; no follower runs
        site.get("/papers/date/2026-06-30");
        String metrics = site.get("/metrics").body();
        assertThat(metrics)
                .contains(
                        "paperboy_http_requests_total{method=\"GET\",route=\"/papers/date/{date}\",status=\"200\"}")
                .contains(
                        "paperboy_http_request_duration_seconds_bucket{route=\"/papers/date/{date}\",le=\"+Inf\"}")
                .contains("# TYPE paperboy_catalog_papers gauge")
                .containsPattern("paperboy_catalog_papers 93657.0\n")
                .containsPattern("paperboy_index_lag_changes 0.0\n")
                .contains("paperboy_digest_outbox{status=\"pending\"} ")
                // before a round in this process: NaN, so `time() - it` alerts on nothing yet
                .contains("paperboy_harvest_last_success_timestamp_seconds NaN\n")
                .contains("paperboy_digest_last_round_timestamp_seconds NaN\n");
        // what an operator's dashboards expect beside the app's own series
        assertThat(metrics)
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("jvm_gc_memory_allocated_bytes_total")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage")
                .contains("hikaricp_connections_active{pool=\"catalog\"}")
                .contains("jetty_threads_busy")
                .contains("jetty_connections_current_connections");
        HttpResponse<String> health = site.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"ok\"")
                .contains("\"papers\":93657")
                .contains("\"last_harvest\":null")
                .contains("\"last_digest_round\":null");
    }

    @Test
    void listPagesOfferTheSubscribeBox() {
        assertThat(site.get("/papers/trending").body()).contains("action=\"/subscribe\"");
    }

    private static String firstId(String sql) throws Exception {
        try (Connection c = site.db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Text as jte writes it into HTML. */
    private static String asJteEscapes(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
