package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.community.Role;
import paperboy.testing.SignedIn;
import paperboy.testing.SiteFixture;

/**
 * Collections (issue 16, part 3) through the site as members use it: create one, add papers from
 * their pages, reorder and remove, describe it in Markdown, share it (page, Atom feed, BibTeX),
 * make it private (then it is a 404 to everyone else, page, feed and file alike), and a curator
 * features a public one on the home page. Nobody but its owner changes it.
 */
class CollectionsIT {
    private static final List<String> PAPERS = List.of("2606.17584", "2606.17406", "2606.23694");
    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    @Test
    void aMemberCollectsOrdersSharesAndHidesPapers() throws Exception {
        SignedIn ada = SignedIn.as(site, "collector.ada@example.org");
        SignedIn bob = SignedIn.as(site, "collector.bob@example.org");

        HttpResponse<String> created =
                ada.post(
                        "/collections",
                        Map.of(
                                "name",
                                "  Reading   group <b>June</b> ",
                                "description",
                                "Papers for **Thursday**. <script>alert(1)</script>",
                                "public",
                                "1"));
        assertThat(created.statusCode()).isEqualTo(303);
        String path = created.headers().firstValue("Location").orElseThrow();
        assertThat(path).matches("/collections/\\d+");
        String id = path.substring(path.lastIndexOf('/') + 1);

        // added from each paper's page, whose form names the member's collections
        for (String paper : PAPERS) {
            Document page = Jsoup.parse(ada.get("/papers/" + paper).body());
            assertThat(page.select("#collection-choice option").eachAttr("value")).contains(id);
            String action = page.getElementById("add-to-collection").attr("action");
            assertThat(ada.post(action, Map.of("collection", id, "paper", paper)).statusCode())
                    .isEqualTo(303);
        }
        assertThat(order(ada.get(path).body())).containsExactlyElementsOf(PAPERS);
        Document page = Jsoup.parse(ada.get(path).body());
        assertThat(page.select("h1").text()).isEqualTo("Reading group <b>June</b>");
        assertThat(page.getElementById("collection-description").select("strong").text())
                .isEqualTo("Thursday");
        assertThat(page.getElementById("collection-description").select("script")).isEmpty();

        // reordered and pruned by its owner
        assertThat(ada.post(path + "/papers/" + PAPERS.get(2) + "/up", Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(order(ada.get(path).body()))
                .containsExactly(PAPERS.get(0), PAPERS.get(2), PAPERS.get(1));
        ada.post(path + "/papers/" + PAPERS.get(0) + "/down", Map.of());
        assertThat(order(ada.get(path).body()))
                .containsExactly(PAPERS.get(2), PAPERS.get(0), PAPERS.get(1));
        ada.post(path + "/papers/" + PAPERS.get(1) + "/remove", Map.of());
        assertThat(order(ada.get(path).body())).containsExactly(PAPERS.get(2), PAPERS.get(0));

        // shared: anyone reads the page, the feed (in the collection's order) and the BibTeX
        assertThat(order(site.get(path).body())).containsExactly(PAPERS.get(2), PAPERS.get(0));
        assertThat(Jsoup.parse(site.get(path).body()).select(".collection-controls")).isEmpty();
        HttpResponse<String> feed = site.get(path + "/feed.atom");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/atom+xml");
        Document atom = Jsoup.parse(feed.body(), "", Parser.xmlParser());
        assertThat(atom.select("entry > id").eachText())
                .hasSize(2)
                .allMatch(s -> s.contains(PAPERS.get(2)) || s.contains(PAPERS.get(0)));
        assertThat(atom.select("entry > id").first().text()).contains(PAPERS.get(2));
        BibTeXDatabase bib =
                new BibTeXParser().parse(new StringReader(site.get(path + "/export.bib").body()));
        assertThat(
                        bib.getEntries().values().stream()
                                .map(e -> e.getField(new Key("eprint")).toUserString())
                                .toList())
                .containsExactly(PAPERS.get(2), PAPERS.get(0));

        // nobody but its owner changes it
        assertThat(bob.post(path + "/edit", Map.of("name", "Mine now")).statusCode())
                .isEqualTo(403);
        assertThat(bob.post(path + "/papers/" + PAPERS.get(0) + "/remove", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(
                        bob.post(
                                        "/collections/add",
                                        Map.of("collection", id, "paper", PAPERS.get(1)))
                                .statusCode())
                .isEqualTo(404);
        assertThat(bob.post(path + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(bob.post(path + "/feature", Map.of()).statusCode())
                .as("members do not feature")
                .isEqualTo(403);

        // featured on the home page by a curator
        SignedIn curator = SignedIn.as(site, "collector.curator@example.org");
        site.accounts.grant("collector.curator@example.org", Role.CURATOR, "the test");
        assertThat(curator.post(path + "/feature", Map.of()).statusCode()).isEqualTo(303);
        Document home = Jsoup.parse(site.get("/").body());
        assertThat(home.select(".featured-collections a").eachAttr("href")).contains(path);

        // private: a 404 to everyone else, and off the home page
        assertThat(
                        ada.post(
                                        path + "/edit",
                                        Map.of("name", "Reading group June", "description", ""))
                                .statusCode())
                .isEqualTo(303);
        for (String address : List.of(path, path + "/feed.atom", path + "/export.bib")) {
            assertThat(site.get(address).statusCode()).as(address).isEqualTo(404);
            assertThat(bob.get(address).statusCode()).as(address).isEqualTo(404);
        }
        assertThat(site.get("/").body()).doesNotContain(path);
        assertThat(ada.get(path).statusCode()).isEqualTo(200);
        assertThat(ada.get(path).headers().firstValue("Cache-Control"))
                .contains("private, no-store");
        assertThat(ada.get(path + "/export.bib").body()).contains(PAPERS.get(2));
        assertThat(Jsoup.parse(ada.get("/library").body()).getElementById("collection-list").text())
                .contains("Reading group June")
                .contains("private");
        assertThat(curator.post(path + "/feature", Map.of()).statusCode())
                .as("a private collection is not there to feature")
                .isEqualTo(404);

        // bad input: a clear 4xx, nothing lost
        assertThat(ada.post("/collections", Map.of("name", " ")).statusCode()).isEqualTo(400);
        assertThat(ada.post("/collections", Map.of("name", "x".repeat(101))).statusCode())
                .isEqualTo(400);
        assertThat(ada.post(path + "/edit", Map.of("name", "")).statusCode()).isEqualTo(400);
        assertThat(
                        ada.post("/collections/add", Map.of("collection", id, "paper", "nonsense"))
                                .statusCode())
                .isEqualTo(400);
        assertThat(
                        ada.post(
                                        "/collections/add",
                                        Map.of("collection", "x", "paper", PAPERS.get(1)))
                                .statusCode())
                .isEqualTo(400);
        assertThat(site.get("/collections/abc").statusCode()).isEqualTo(404);
        assertThat(site.get("/collections/99999999").statusCode()).isEqualTo(404);
        assertThat(order(ada.get(path).body())).containsExactly(PAPERS.get(2), PAPERS.get(0));

        // a double click on Save saves once; the form says which state it asks for
        String paper = PAPERS.get(1);
        ada.post("/papers/" + paper + "/save", Map.of("saved", "1"));
        ada.post("/papers/" + paper + "/save", Map.of("saved", "1"));
        assertThat(site.instance.site().community().library().papers(ada.id()))
                .containsOnlyOnce(paper);
        ada.post("/papers/" + paper + "/save", Map.of("saved", "0"));
        assertThat(site.instance.site().community().library().papers(ada.id()))
                .doesNotContain(paper);
        // a page answered to a POST sends its cards' forms back to an address a GET can follow
        assertThat(ada.get("/library/import").headers().firstValue("Location"))
                .contains("/library");
        assertThat(ada.get(path + "/edit").headers().firstValue("Location")).contains(path);

        assertThat(ada.post(path + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(ada.get(path).statusCode()).isEqualTo(404);
    }

    /** The papers of a collection's page, in order. */
    private static List<String> order(String html) {
        return Jsoup.parse(html).select("ol.collection-papers article.card").eachAttr("id").stream()
                .map(i -> i.substring(2))
                .toList();
    }
}
