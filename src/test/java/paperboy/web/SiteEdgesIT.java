package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.testing.SiteFixture;

/**
 * The edges of the pages over the real 93,656-paper sample: facet counts against the results their
 * links lead to, pages past the end, page numbers that are none, the pages' ellipsis, and the
 * pages' counts and dates in words.
 */
class SiteEdgesIT {
    private static final Pattern FACET =
            Pattern.compile(
                    "<a href=\"(/papers\\?[^\"]*)\"( aria-current=\"true\")?>([^<]+)</a>"
                            + " <span class=\"n\">([\\d,]+)</span>");
    private static final Pattern REPORTED =
            Pattern.compile("id=\"match-count\">([\\d,]+) papers? match");
    private static final Pattern TIME =
            Pattern.compile("<time datetime=\"([^\"]+)\">([^<]+)</time>");

    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    /** A facet shown on a search page: its label, its count, its link, whether it is chosen. */
    private record Facet(String label, long count, String href, boolean active) {}

    private static List<Facet> facets(String page) {
        List<Facet> facets = new ArrayList<>();
        Matcher m = FACET.matcher(page);
        while (m.find()) {
            facets.add(
                    new Facet(
                            m.group(3),
                            Long.parseLong(m.group(4).replace(",", "")),
                            m.group(1).replace("&amp;", "&"),
                            m.group(2) != null));
        }
        return facets;
    }

    /** The number of results a search page says it has. */
    private static long reported(String path) {
        HttpResponse<String> r = site.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        Matcher m = REPORTED.matcher(r.body());
        assertThat(m.find()).as(path + " reports how many papers match").isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static String body(String path) {
        HttpResponse<String> r = site.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void everyFacetCountsTheResultsItsLinkLeadsTo() {
        for (String search :
                List.of(
                        "/papers?q=fixed+point",
                        "/papers?q=diffusion&from=2025-01-01&to=2025-06-30",
                        "/papers?q=graph+neural+network&code=1",
                        "/papers?q=fixed+point&cat=cs.LG",
                        "/papers?q=transformer&cat=cs.CL&from=2024-03-15&to=2025-02-10",
                        "/papers?cat=math.OC&from=2025-01-01&to=2025-12-31")) {
            String page = body(search);
            long total = reported(search);
            List<Facet> facets = facets(page);
            assertThat(facets).as(search).hasSizeGreaterThan(2);
            for (Facet f : facets) {
                if (f.active()) {
                    assertThat(f.count())
                            .as(search + ": the chosen " + f.label() + " counts what is shown")
                            .isEqualTo(total);
                } else {
                    assertThat(reported(f.href()))
                            .as(search + ": " + f.label() + " → " + f.href())
                            .isEqualTo(f.count());
                }
            }
        }
    }

    @Test
    void aCrossListedCategoryCountsEveryPaperItsFilterFinds() {
        // cs.LG is the primary category of 41 "fixed point" papers and a category of 114: the facet
        // said 41, the filter found 114
        Facet lg =
                facets(body("/papers?q=fixed+point")).stream()
                        .filter(f -> f.label().equals("cs.LG"))
                        .findFirst()
                        .orElseThrow();
        assertThat(lg.count()).isEqualTo(reported("/papers?q=fixed+point&cat=cs.LG"));
    }

    @Test
    void aSearchPagePastTheLastIsNotFoundAndLinksToTheLastPage() {
        HttpResponse<String> past = site.get("/papers?q=fixed+point&cat=cs.AR&page=999");
        assertThat(past.statusCode()).isEqualTo(404);
        Matcher onwards =
                Pattern.compile("<a id=\"onwards\" href=\"([^\"]+)\">").matcher(past.body());
        assertThat(onwards.find()).as(past.body()).isTrue();
        String last = onwards.group(1).replace("&amp;", "&");
        assertThat(last).startsWith("/papers?q=fixed+point&cat=cs.AR");
        String lastPage = body(last);
        assertThat(SiteFixture.paperIds(lastPage)).isNotEmpty();
        assertThat(lastPage).doesNotContain("rel=\"next\"");
        int n = last.contains("page=") ? Integer.parseInt(last.replaceAll(".*page=", "")) : 1;
        assertThat(site.get("/papers?q=fixed+point&cat=cs.AR&page=" + (n + 1)).statusCode())
                .as("the page after the last")
                .isEqualTo(404);
        assertThat(site.get("/papers?q=fixed+point&page=60").body())
                .as("past what a search pages through")
                .contains("There is no page 60")
                .contains("page=51\">");
    }

    @Test
    void listPagesPastTheLastAreNotFoundAndLinkToTheLastPage() {
        for (String list : List.of("/papers", "/papers/trending", "/papers/week/2026-W26")) {
            HttpResponse<String> r = site.get(list + "?page=999");
            assertThat(r.statusCode()).as(list).isEqualTo(404);
            assertThat(r.body())
                    .as(list)
                    .contains("There is no page 999")
                    .containsPattern(
                            "<a id=\"onwards\" href=\""
                                    + Pattern.quote(list)
                                    + "(\\?page=\\d+)?\">")
                    .doesNotContain("No papers were announced");
        }
    }

    @Test
    void pageNumbersThatAreNoNumbersGetA400Page() {
        for (String path : List.of("/papers", "/papers?q=fixed+point", "/papers/trending")) {
            for (String bad : List.of("0", "-1", "abc", "99999999999999")) {
                String url = path + (path.contains("?") ? "&" : "?") + "page=" + bad;
                HttpResponse<String> r = site.get(url);
                assertThat(r.statusCode()).as(url).isEqualTo(400);
                assertThat(r.body())
                        .as(url)
                        .contains("page must be a whole number from 1 to 10,000, not '" + bad + "'")
                        .doesNotContain("Exception");
            }
        }
    }

    @Test
    void theEllipsisOfAListsPagesIsNotTheCurrentPage() {
        String page = body("/papers/month/2026-06?page=5");
        Matcher nav =
                Pattern.compile("<nav class=\"pages\"[^>]*>(.*?)</nav>", Pattern.DOTALL)
                        .matcher(page);
        assertThat(nav.find()).isTrue();
        String pages = nav.group(1);
        assertThat(
                        Pattern.compile("aria-current=\"page\">([^<]*)<")
                                .matcher(pages)
                                .results()
                                .map(m -> m.group(1))
                                .toList())
                .as("one current page, and it is a number")
                .containsExactly("5");
        assertThat(pages)
                .contains("<span class=\"gap\" aria-hidden=\"true\">…</span>")
                .doesNotContain("aria-current=\"page\">…");
    }

    @Test
    void countsAreSingularOrPluralAndDatesHaveOneFormat() {
        // one paper with one upvote and one comment, alone on its card; the hostile paper is alone
        // on its day
        LocalDate day = LocalDate.of(2026, 6, 18);
        List<String> ids = site.paperIdsOn("/papers/date/" + day);
        String id = ids.getLast();
        long member = site.community.member("edges@example.org", "edges");
        site.community.toggleUpvote(ArxivId.of(id), member);
        site.community.comment(ArxivId.of(id), member, "One comment.");
        String card = cardOf(body("/papers/date/" + day), id);
        assertThat(text(card))
                .contains("1 upvote")
                .contains("1 comment")
                .doesNotContain("1 upvotes");
        assertThat(text(body("/papers/date/" + SiteFixture.HOSTILE_DAY)))
                .contains("1 paper ")
                .doesNotContain("1 papers");

        Pattern wrongNumber =
                Pattern.compile(
                        "\\b1 (papers|upvotes|comments|pages|matches)\\b|\\b0"
                                + " (upvote|paper|comment)\\b");
        Pattern longDate =
                Pattern.compile(
                        "\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b|\\b\\d{1,2}"
                            + " (January|February|March|April|June|July|August|September|October|November|December)"
                            + " \\d{4}\\b");
        for (String path :
                List.of(
                        "/",
                        "/papers/date/" + day,
                        "/papers/week/2026-W25",
                        "/papers/month/2026-06",
                        "/papers/trending",
                        "/papers?q=fixed+point",
                        "/papers?q=fixed+point&page=2",
                        "/papers/" + id,
                        "/papers/date/" + SiteFixture.HOSTILE_DAY)) {
            String page = site.get(path).body();
            String shown = text(withoutAbstracts(page));
            assertThat(wrongNumber.matcher(shown).results().map(Object::toString).toList())
                    .as(path)
                    .isEmpty();
            assertThat(longDate.matcher(shown).results().map(m -> m.group()).toList())
                    .as(path + ": dates are written one way")
                    .isEmpty();
            List<String[]> times =
                    TIME.matcher(page)
                            .results()
                            .map(m -> new String[] {m.group(1), m.group(2)})
                            .toList();
            assertThat(times).as(path + ": dates are marked up as times").isNotEmpty();
            for (String[] t : times) {
                assertThat(t[1]).as(path).isEqualTo(Dates.day(LocalDate.parse(t[0])));
            }
        }
        assertThat(body("/papers/" + id))
                .contains("<time datetime=\"" + LocalDate.now(site.clock) + "\">");
    }

    /** The article of paper {@code id} in a list page. */
    private static String cardOf(String page, String id) {
        int start = page.lastIndexOf("<article", page.indexOf("id=\"t-" + id + "\""));
        return page.substring(start, page.indexOf("</article>", start));
    }

    /**
     * A page without the papers' own words (abstracts, snippets, titles), which may say anything.
     */
    private static String withoutAbstracts(String html) {
        return html.replaceAll("(?s)<p class=\"(snippet|abstract)\">.*?</p>", "")
                .replaceAll("<p class=\"meta\">(Comments|Journal reference):.*?</p>", "")
                .replaceAll("(?s)<h[13][^>]*>.*?</h[13]>", "");
    }

    /**
     * What a reader sees of {@code html}: its text, tags and scripts left out, spaces collapsed.
     */
    private static String text(String html) {
        return html.replaceAll("(?s)<head>.*?</head>", "")
                .replaceAll("<[^>]+>", " ")
                .replace("&nbsp;", " ")
                .replaceAll("\\s+", " ");
    }
}
