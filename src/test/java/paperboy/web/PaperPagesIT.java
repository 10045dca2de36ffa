package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.testing.HeadlessChromium;
import paperboy.testing.SiteFixture;
import paperboy.testing.TestSettings;

/**
 * The paper page over the real sample, through real HTTP (and Chromium for the layout): links to
 * its day, week, categories and authors; link previews; the favicon; web addresses in abstracts,
 * arXiv's comments and the discussion as safe links that wrap; the Cite block and the .bib file.
 */
class PaperPagesIT {
    /** A paper of this test's own, with a 300-character address, and its day. */
    private static final ArxivId LONG_URL = ArxivId.of("2003.99991");

    private static final LocalDate DAY = LocalDate.of(2020, 3, 31);
    private static final String LONG =
            "https://example.org/" + "very-long-path-segment/".repeat(12) + "endx";

    /** An old-style id, as arXiv numbered papers before April 2007. */
    private static final ArxivId OLD_STYLE = ArxivId.of("hep-th/9901001");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static SiteFixture site;

    /**
     * A small site of this test's own for the papers it makes up: the shared one holds exactly the
     * sample (other tests count its papers).
     */
    @TempDir static Path ownDir;

    private static Instance own;
    private static String ownUrl;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
        assertThat(LONG).hasSize(300);
        own =
                Instance.of(
                        TestSettings.of(ownDir, Map.of()),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        own.catalog()
                .upsert(
                        List.of(
                                new Paper(
                                        LONG_URL,
                                        1,
                                        "Addresses that are very long",
                                        "Our data is at "
                                                + LONG
                                                + ". Do not follow javascript:alert(1) or"
                                                + " data:text/html,<b>x</b>.",
                                        List.of("Ada Lovelace", "<i>Eve</i>", "A/B Team", ".."),
                                        List.of("cs.DL"),
                                        "12 pages, 3 figures. Code:"
                                                + " https://github.com/example/addresses",
                                        null,
                                        null,
                                        null,
                                        DAY,
                                        DAY,
                                        null,
                                        null),
                                new Paper(
                                        OLD_STYLE,
                                        1,
                                        "Branes & the 100% {open} string",
                                        "An abstract from 1999.",
                                        List.of("Edward Witten"),
                                        List.of("hep-th"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        LocalDate.of(1999, 1, 4),
                                        LocalDate.of(1999, 1, 4),
                                        null,
                                        null)));
        own.searchUpToDate();
        ownUrl = "http://127.0.0.1:" + own.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    private static HttpResponse<String> ownGet(String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(ownUrl + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Document ownPage(String path) {
        HttpResponse<String> r = ownGet(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body(), ownUrl);
    }

    private static Document page(String path) {
        HttpResponse<String> r = site.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body(), site.baseUrl);
    }

    @Test
    void thePaperLinksItsDayItsWeekItsCategoriesAndItsAuthors() {
        // arXiv 2601.00212: announced on Friday 2 January 2026, primary category cs.CV
        Paper paper = site.catalog.find(ArxivId.of("2601.00212")).orElseThrow();
        Document d = page("/papers/2601.00212");
        Element meta = d.selectFirst("article.paper p.meta");
        String day = "/papers/date/" + paper.announced();
        assertThat(meta.select("a[href=" + day + "]")).hasSize(1);
        assertThat(site.paperIdsOn(day)).contains("2601.00212");
        String week = meta.select("a[href^=/papers/week/]").attr("href");
        assertThat(site.paperIdsOn(week)).contains("2601.00212");

        List<Element> categories = meta.select("a.cat");
        assertThat(categories).extracting(Element::text).isEqualTo(paper.categories());
        String primary = categories.getFirst().attr("href");
        assertThat(primary).isEqualTo("/papers?cat=" + paper.primaryCategory());
        Document search = page(primary);
        assertThat(search.selectFirst("input[name=cat]").attr("value"))
                .isEqualTo(paper.primaryCategory());
        assertThat(search.select(".facets a[aria-current]").eachText())
                .as("the address the category facet uses")
                .anyMatch(t -> t.startsWith(paper.primaryCategory()));

        assertThat(d.select("article.paper > p.authors a").eachText()).isEqualTo(paper.authors());
        assertThat(d.select("article.paper > p.authors a").eachAttr("href"))
                .allMatch(h -> h.startsWith("/authors/"));
    }

    @Test
    void everyPageHasLinkPreviewTagsAndTheFavicon() {
        Document paper = page("/papers/2601.00212");
        Paper p = site.catalog.find(ArxivId.of("2601.00212")).orElseThrow();
        assertThat(og(paper, "og:title")).isEqualTo(p.title());
        assertThat(og(paper, "og:type")).isEqualTo("article");
        assertThat(og(paper, "og:url")).isEqualTo(site.baseUrl + "/papers/2601.00212");
        assertThat(og(paper, "og:site_name")).isEqualTo("Paperboy");
        assertThat(og(paper, "og:description"))
                .isNotBlank()
                .startsWith(p.abstractText().substring(0, 40));
        assertThat(paper.selectFirst("meta[name=twitter:card]").attr("content"))
                .isEqualTo("summary");

        Document home = page("/");
        assertThat(og(home, "og:type")).isEqualTo("website");
        assertThat(og(home, "og:url")).isEqualTo(site.baseUrl + "/papers");
        assertThat(og(page("/papers/trending"), "og:url"))
                .isEqualTo(site.baseUrl + "/papers/trending");
        for (String path :
                List.of(
                        "/",
                        "/papers/2601.00212",
                        "/papers?q=fixed+point",
                        "/papers/trending",
                        "/signin",
                        "/authors/Yang%20Liu",
                        "/nowhere")) {
            HttpResponse<String> r = site.get(path);
            Document d = Jsoup.parse(r.body(), site.baseUrl);
            assertThat(d.select("link[rel=icon]").attr("href")).as(path).isEqualTo("/favicon.svg");
            assertThat(og(d, "og:title")).as(path).isNotBlank();
        }

        HttpResponse<String> svg = site.get("/favicon.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("image/svg+xml");
        assertThat(svg.body())
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .hasSizeLessThan(1024);
        assertThat(svg.headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the pages may load it")
                .contains("img-src 'self'");
        HttpResponse<String> ico = site.get("/favicon.ico");
        assertThat(ico.statusCode()).isEqualTo(301);
        assertThat(ico.headers().firstValue("Location").orElseThrow()).isEqualTo("/favicon.svg");
    }

    private static String og(Document d, String property) {
        Element e = d.selectFirst("meta[property=" + property + "]");
        return e == null ? "" : e.attr("content");
    }

    @Test
    void webAddressesInTheAbstractAndArxivsCommentsAreSafeLinks() {
        Document real = page("/papers/2601.00212");
        assertThat(real.select("p.abstract a").eachAttr("href"))
                .containsExactly("https://github.com/han-liu/IntraStyler");
        assertThat(real.selectFirst("p.abstract a").attr("rel")).isEqualTo("nofollow ugc noopener");

        // arXiv 2606.00148's comments: "Project page: https://hexixiang.github.io/StemBind"
        Document comments = page("/papers/2606.00148");
        Element arxiv = comments.selectFirst("article.paper p.arxiv-comments");
        assertThat(arxiv.text()).startsWith("arXiv comments: Project page:");
        assertThat(arxiv.select("a").eachAttr("href"))
                .containsExactly("https://hexixiang.github.io/StemBind");
        assertThat(comments.selectFirst("#comments-h").text()).isEqualTo("Discussion (0)");
        assertThat(comments.select("section.comments p.arxiv-comments"))
                .as("arXiv's comments are the paper's, not the members' discussion")
                .isEmpty();

        Document made = ownPage("/papers/" + LONG_URL.id());
        assertThat(made.select("p.abstract a").eachAttr("href")).containsExactly(LONG);
        assertThat(made.select("p.arxiv-comments a").eachAttr("href"))
                .containsExactly("https://github.com/example/addresses");
        assertThat(made.selectFirst("p.abstract").text()).contains("javascript:alert(1)");
        assertThat(made.select("a[href~=(?i)^(javascript|data):]")).isEmpty();

        Document hostile = page("/papers/" + SiteFixture.HOSTILE.id());
        assertThat(hostile.select("p.abstract a")).isEmpty();
        assertThat(hostile.selectFirst("p.abstract").text()).contains("javascript:alert(1)");
    }

    @Test
    void authorsWithSlashesMarkupOrOnlyDotsInTheirNamesHaveTheirPagesToo() {
        Document d = ownPage("/papers/" + LONG_URL.id());
        List<Element> authors = d.select("article.paper > p.authors a");
        assertThat(authors)
                .extracting(Element::text)
                .containsExactly("Ada Lovelace", "<i>Eve</i>", "A/B Team", "..");
        for (Element a : authors) {
            Document author = ownPage(a.attr("href"));
            assertThat(author.selectFirst("h1").text()).isEqualTo("Papers by " + a.text());
            assertThat(SiteFixture.paperIds(author.html())).containsExactly(LONG_URL.id());
        }
    }

    @Test
    void webAddressesInTheDiscussionAreSafeLinks() {
        long ada = own.community().member("ada-links@example.org", "ada-links");
        own.community()
                .comment(
                        LONG_URL,
                        ada,
                        "See "
                                + LONG
                                + " and https://example.org/ok. Not javascript:alert(2), nor"
                                + " [this](javascript:alert(3)) or <javascript:alert(4)>.");
        Document d = ownPage("/papers/" + LONG_URL.id());
        assertThat(d.selectFirst("#comments-h").text()).startsWith("Discussion (");
        Element body = d.selectFirst("section.comments .comment-body");
        assertThat(body.select("a[href]").eachAttr("href"))
                .contains(LONG, "https://example.org/ok")
                .noneMatch(h -> h.toLowerCase().startsWith("javascript"));
        assertThat(body.select("a[href]").eachAttr("rel")).containsOnly("nofollow ugc noopener");
        assertThat(body.text()).contains("javascript:alert(2)");
    }

    @Test
    void longAddressesWrapOnAPhoneInsteadOfWideningThePage() {
        long bob = own.community().member("bob-wrap@example.org", "bob-wrap");
        own.community().comment(LONG_URL, bob, "Mirror: " + LONG);
        WebDriver browser = HeadlessChromium.start();
        try {
            for (int width : List.of(390, 1280)) {
                browser.manage().window().setSize(new Dimension(width, 844));
                browser.get(ownUrl + "/papers/" + LONG_URL.id());
                Object scrollWidth =
                        ((JavascriptExecutor) browser)
                                .executeScript("return document.documentElement.scrollWidth");
                assertThat(((Number) scrollWidth).intValue())
                        .as("no sideways scrolling at " + width + " px")
                        .isLessThanOrEqualTo(width);
                HeadlessChromium.screenshot(browser, "paper-long-addresses-" + width);
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void theCiteBlockAndTheBibFileHoldTheSameEntryWhichReadsBack() throws Exception {
        // real titles: "&" (1211.4294), "%" (1912.13436), a lone "$" (2507.16116), math with
        // braces (1211.4437), an accent (1211.2569)
        for (String id :
                List.of("1211.4294", "1912.13436", "2507.16116", "1211.4437", "1211.2569")) {
            Paper p = site.catalog.find(ArxivId.of(id)).orElseThrow();
            Document d = page("/papers/" + id);
            String shown = d.selectFirst("section.cite pre.bibtex").wholeText();
            assertThat(d.selectFirst("section.cite a[download]").attr("href"))
                    .isEqualTo("/papers/" + id + ".bib");
            HttpResponse<String> bib = site.get("/papers/" + id + ".bib");
            assertThat(bib.statusCode()).as(id).isEqualTo(200);
            assertThat(bib.headers().firstValue("Content-Type").orElseThrow())
                    .isEqualTo("application/x-bibtex; charset=utf-8");
            assertThat(bib.headers().firstValue("Content-Disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"" + id + ".bib\"");
            assertThat(bib.body()).as(id).isEqualTo(shown);
            BibTeXEntry e = parse(bib.body());
            assertThat(e.getField(new Key("eprint")).toUserString()).isEqualTo(id);
            assertThat(e.getField(new Key("archivePrefix")).toUserString()).isEqualTo("arXiv");
            assertThat(e.getField(new Key("primaryClass")).toUserString())
                    .isEqualTo(p.primaryCategory());
            assertThat(e.getField(new Key("year")).toUserString())
                    .isEqualTo(Integer.toString(p.announced().getYear()));
            assertThat(e.getKey().getValue()).matches("[a-z]+\\d{4}[a-z0-9]*");
        }
        assertThat(
                        parse(site.get("/papers/1211.2569.bib").body())
                                .getField(new Key("title"))
                                .toUserString())
                .startsWith("Teichmüller extremal mapping");
    }

    @Test
    void bibFilesOfOldStyleIdsVersionsUnknownAndMalformedIds() throws Exception {
        HttpResponse<String> old = ownGet("/papers/" + OLD_STYLE.id() + ".bib");
        assertThat(old.statusCode()).isEqualTo(200);
        BibTeXEntry e = parse(old.body());
        assertThat(e.getKey().getValue()).isEqualTo("witten1999branes");
        assertThat(e.getField(new Key("eprint")).toUserString()).isEqualTo("hep-th/9901001");
        assertThat(e.getField(new Key("title")).toUserString())
                .isEqualTo("Branes \\& the 100\\% {open} string");
        assertThat(old.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"hep-th-9901001.bib\"");
        assertThat(ownPage("/papers/" + OLD_STYLE.id()).selectFirst("h1").text())
                .isEqualTo("Branes & the 100% {open} string");

        HttpResponse<String> versioned = site.get("/papers/2601.00212v2.bib");
        assertThat(versioned.statusCode()).isEqualTo(301);
        assertThat(versioned.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/papers/2601.00212.bib");

        HttpResponse<String> unknown = site.get("/papers/2601.99999.bib");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("does not know the paper 2601.99999");
        assertThat(site.get("/papers/.bib").statusCode())
                .as("no id at all: the paper route's 404")
                .isEqualTo(404);
        for (String malformed : List.of("/papers/not-an-id.bib", "/papers/%3Cscript%3E.bib")) {
            HttpResponse<String> r = site.get(malformed);
            assertThat(r.statusCode()).as(malformed).isEqualTo(400);
            assertThat(r.body())
                    .as(malformed)
                    .contains("is not an arXiv paper id")
                    .doesNotContain("<script>");
        }
        assertThat(site.get("/papers/2601.00212").statusCode())
                .as("the page itself")
                .isEqualTo(200);
    }

    private static BibTeXEntry parse(String bib) throws Exception {
        BibTeXDatabase db = new BibTeXParser().parse(new StringReader(bib));
        assertThat(db.getEntries()).hasSize(1);
        return db.getEntries().values().iterator().next();
    }
}
