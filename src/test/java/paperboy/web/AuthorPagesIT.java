package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import paperboy.catalog.AuthorKey;
import paperboy.catalog.Change;
import paperboy.testing.SiteFixture;

/**
 * Author pages over the real 93,656-paper sample, through real HTTP: a common name lists exactly
 * that name's papers (not every paper with a shared surname or with the name's words), other
 * spellings of the name reach the same page, pages and feeds work, hostile names get a 4xx page.
 */
class AuthorPagesIT {
    private static SiteFixture site;

    /** Every paper of the sample by author key, and each paper's announcement day. */
    private static final Map<String, Set<String>> BY_AUTHOR = new HashMap<>();

    private static final Map<String, LocalDate> ANNOUNCED = new HashMap<>();

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
        long seq = 0;
        while (true) {
            List<Change> changes = site.catalog.changesSince(seq, 5000);
            if (changes.isEmpty()) {
                break;
            }
            for (Change c : changes) {
                String id = c.paper().id().id();
                ANNOUNCED.put(id, c.paper().announced());
                if (!c.hidden()) {
                    for (String author : c.paper().authors()) {
                        BY_AUTHOR
                                .computeIfAbsent(AuthorKey.of(author), k -> new HashSet<>())
                                .add(id);
                    }
                }
                seq = c.seq();
            }
        }
    }

    private static String path(String name) {
        return "/authors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Document page(String path) {
        HttpResponse<String> r = site.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body(), site.baseUrl);
    }

    @Test
    void aCommonNameListsExactlyItsPapersNewestFirstOverEveryPage() {
        Set<String> expected = BY_AUTHOR.get("yang liu");
        assertThat(expected).as("the sample's most common name").hasSizeGreaterThan(300);

        Document first = page("/authors/Yang%20Liu");
        assertThat(first.selectFirst("h1").text()).isEqualTo("Papers by Yang Liu");
        assertThat(first.selectFirst(".sub").text())
                .startsWith(
                        String.format("%,d papers, newest first, page 1 of 7", expected.size()));
        List<String> listed = site.paperIdsOn("/authors/Yang%20Liu");
        assertThat(listed).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 1; i < listed.size(); i++) {
            assertThat(ANNOUNCED.get(listed.get(i)))
                    .as("newest first")
                    .isBeforeOrEqualTo(ANNOUNCED.get(listed.get(i - 1)));
        }
        assertThat(listed)
                .as("Xiao-Yang Liu, Shih-Yang Liu and Liu Yang are other names")
                .doesNotContain("2505.20650", "2601.05242")
                .doesNotContainAnyElementsOf(BY_AUTHOR.getOrDefault("liu yang", Set.of()));
        assertThat(site.search.facets("author:\"yang liu\"").matches())
                .as("author: search still matches the words of names: more papers")
                .isGreaterThan(expected.size());
        assertThat(page("/papers?q=author%3A%22yang+liu%22").select("article.card")).isNotEmpty();
        Element pages = first.selectFirst("nav.pages");
        assertThat(pages.select("a").eachAttr("href"))
                .contains("/authors/Yang%20Liu?page=2", "/authors/Yang%20Liu?page=7");
    }

    @Test
    void otherSpellingsOfTheNameReachTheSamePage() {
        List<String> yangLiu = SiteFixture.paperIds(site.get("/authors/Yang%20Liu").body());
        for (String spelling : List.of("yang liu", "YANG LIU", "Yang liu", " Yang  Liu ")) {
            assertThat(SiteFixture.paperIds(site.get(path(spelling)).body()))
                    .as(spelling)
                    .isEqualTo(yangLiu);
        }
        assertThat(page(path("Yang liu")).selectFirst("link[rel=canonical]").attr("href"))
                .as("one canonical address, as the newest paper spells the name")
                .isEqualTo("/authors/Yang%20Liu");
        assertThat(yangLiu).isNotEmpty();

        // arXiv 1712.04139 spells Günaydın with a combining diaeresis (NFD); typed, it is one
        // letter
        String decomposed = "H Gu\u0308naydın";
        String composed = Normalizer.normalize(decomposed, Normalizer.Form.NFC);
        assertThat(composed).isNotEqualTo(decomposed);
        for (String spelling : List.of(decomposed, composed, "h GÜNAYDıN")) {
            Document d = page(path(spelling));
            assertThat(SiteFixture.paperIds(d.html())).as(spelling).containsExactly("1712.04139");
            assertThat(d.selectFirst("h1").text()).isEqualTo("Papers by " + decomposed);
        }
        assertThat(site.get(path("H Gunaydin")).statusCode()).as("accents count").isEqualTo(404);

        // Namesakes: "H Ruess" (1211.6189) and "H Rueß" (2012.11406) are one name, case-folded
        for (String spelling : List.of("H Ruess", "H Rueß", "h RUESS")) {
            assertThat(SiteFixture.paperIds(site.get(path(spelling)).body()))
                    .as(spelling)
                    .containsExactly("2012.11406", "1211.6189");
        }
    }

    @Test
    void thePaperPageLinksEveryAuthorToTheirPage() {
        Document paper = page("/papers/1712.04139");
        List<Element> authors = paper.select("article.paper > p.authors a");
        assertThat(authors).isNotEmpty();
        for (Element a : authors) {
            Document author = page(a.attr("href"));
            assertThat(author.selectFirst("h1").text()).isEqualTo("Papers by " + a.text());
            assertThat(site.paperIdsOn(a.attr("href"))).contains("1712.04139");
        }
    }

    @Test
    void theFeedsListTheNewestPapersOfTheNameAndThePageAdvertisesThem() throws Exception {
        Document d = page("/authors/yang%20liu");
        String atom = d.selectFirst("link[rel=alternate][type=application/atom+xml]").attr("href");
        String rss = d.selectFirst("link[rel=alternate][type=application/rss+xml]").attr("href");
        assertThat(atom).isEqualTo("/authors/Yang%20Liu/feed.atom");
        assertThat(rss).isEqualTo("/authors/Yang%20Liu/feed.rss");
        assertThat(d.selectFirst("meta[property=og:url]").attr("content"))
                .isEqualTo(site.baseUrl + "/authors/Yang%20Liu");

        HttpResponse<String> a = site.get(atom);
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(a.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/atom+xml");
        org.w3c.dom.Document feed = xml(a.body());
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(WebServer.FEED_ITEMS);
        List<String> firstPage = SiteFixture.paperIds(d.html());
        for (int i = 0; i < entries.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) entries.item(i);
            String id =
                    e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id")
                            .item(0)
                            .getTextContent();
            assertThat(id).isEqualTo(site.baseUrl + "/papers/" + firstPage.get(i));
            List<String> names = new ArrayList<>();
            NodeList n = e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "name");
            for (int j = 0; j < n.getLength(); j++) {
                names.add(AuthorKey.of(n.item(j).getTextContent()));
            }
            assertThat(names).as(id).contains("yang liu");
        }
        assertThat(
                        feed.getDocumentElement()
                                .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link")
                                .item(0)
                                .getAttributes()
                                .getNamedItem("href")
                                .getTextContent())
                .isEqualTo(site.baseUrl + atom);

        HttpResponse<String> r = site.get(rss);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/rss+xml");
        assertThat(xml(r.body()).getElementsByTagName("item").getLength())
                .isEqualTo(WebServer.FEED_ITEMS);
        assertThat(site.get("/authors/Nobody%20Atall/feed.atom").statusCode()).isEqualTo(404);
    }

    /** The status code of a GET of {@code path} sent on a socket byte for byte. */
    private static int rawStatus(String path) throws Exception {
        URI base = URI.create(site.baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(
                            ("GET "
                                            + path
                                            + " HTTP/1.1\r\nHost: "
                                            + base.getAuthority()
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
            String reply =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(reply.substring(9, 12));
        }
    }

    private static org.w3c.dom.Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownNameOrAPagePastTheEndIsA404PageThatSaysSo() {
        HttpResponse<String> unknown = site.get("/authors/Nobody%20Atall");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(unknown.body()).text())
                .contains("Paperboy knows no papers by “Nobody Atall”");
        HttpResponse<String> past = site.get("/authors/Yang%20Liu?page=99");
        assertThat(past.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(past.body()).text()).contains("there is no page 99");
        assertThat(site.get("/authors/Yang%20Liu?page=x").statusCode()).isEqualTo(400);
    }

    @Test
    void hostileNamesGetAFourHundredPageNeverAnErrorOrTheirMarkup() throws Exception {
        for (String hostile :
                List.of(
                        "/authors/..%2F..%2Fetc%2Fpasswd",
                        "/authors/..",
                        "/authors/%2E%2E",
                        "/authors/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                        "/authors/%3Cscript%3Ealert(1)%3C/script%3E",
                        "/authors/" + "a".repeat(5000),
                        "/authors/" + "%C3%A9".repeat(400),
                        "/authors/%00",
                        "/authors/x%01y",
                        "/authors/%C0%AF",
                        "/authors/%E2%80%AE",
                        "/authors/x/feed.atom%00",
                        "/authors/%3Cscript%3E/feed.rss")) {
            HttpResponse<String> r = site.get(hostile);
            assertThat(r.statusCode()).as(hostile).isBetween(400, 499);
            assertThat(r.body())
                    .as(hostile)
                    .doesNotContainPattern("(?i)<script")
                    .doesNotContain("Exception")
                    .doesNotContain("at paperboy.");
        }
        for (String undecodable : List.of("/authors/%ZZ", "/authors/%", "/authors/%E2%82")) {
            // no HTTP client sends these: written on the socket as they are
            assertThat(rawStatus(undecodable)).as(undecodable).isBetween(400, 499);
        }
        HttpResponse<String> script = site.get("/authors/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        HttpResponse<String> long1 = site.get("/authors/" + "a".repeat(5000));
        assertThat(long1.statusCode()).isIn(400, 414, 431);
        assertThat(site.get("/authors/x%01y").body()).contains("no control characters");
        assertThat(script.statusCode()).isIn(400, 404);
    }

    @Test
    void theHostilePapersAuthorsAreLinkedSafelyAndTheirPagesShowTheirNamesAsText() {
        Document paper = page("/papers/" + SiteFixture.HOSTILE.id());
        List<Element> authors = paper.select("article.paper > p.authors a");
        assertThat(authors)
                .extracting(Element::text)
                .containsExactly("Robert'); DROP TABLE papers;--", "<i>Eve</i>");
        Document robert = page(authors.getFirst().attr("href"));
        assertThat(SiteFixture.paperIds(robert.html())).containsExactly(SiteFixture.HOSTILE.id());
        HttpResponse<String> eve = site.get(authors.get(1).attr("href"));
        assertThat(eve.statusCode()).isIn(200, 400);
        assertThat(eve.body()).doesNotContain("<i>Eve</i>");
    }
}
