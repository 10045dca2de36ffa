package paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.community.Accounts;
import paperboy.daily.DailyPapers;
import paperboy.daily.Period;
import paperboy.library.LibraryStore;
import paperboy.recommend.Recommender;
import paperboy.recommend.Tastes;
import paperboy.search.PaperSearch;

/**
 * The digest mail as composed, on a three-paper embedded catalog (no PostgreSQL, no corpus): a
 * title holding markup is escaped in the HTML part and verbatim in the text part, and the text part
 * is laid out line by line as subscribers read it.
 */
class DigestMailTest {
    private static final String SITE = "http://paperboy.test";
    private static final String HOSTILE = "Fast <script>alert(\"x\")</script> & 'Friends'";

    @TempDir Path dir;

    @Test
    void markupInPaperTextIsEscapedInHtmlAndVerbatimInText() {
        try (Database db = Database.open(Database.embeddedUrl(dir), null, null)) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            LocalDate day = LocalDate.of(2026, 7, 1);
            catalog.upsert(
                    List.of(
                            paper(
                                    "2607.00001",
                                    HOSTILE,
                                    "Diffusion models <b>beat</b> GANs & more.",
                                    List.of(
                                            "Ada Lovelace",
                                            "Alan Turing",
                                            "Grace Hopper",
                                            "Edsger Dijkstra"),
                                    "cs.LG",
                                    "https://github.com/x/y?a=1&b=2",
                                    day),
                            paper(
                                    "2607.00002",
                                    "A quiet paper",
                                    "Nothing about the alert topic.",
                                    List.of("Emmy Noether"),
                                    "cs.CV",
                                    "javascript:alert(1)",
                                    day)));
            try (PaperSearch search =
                    PaperSearch.open(
                            dir.resolve("index"),
                            catalog,
                            new VectorStore(db.dataSource()),
                            null,
                            1)) {
                search.catchUp(n -> {});
                Subscriptions subscriptions = new Subscriptions(db.dataSource());
                Subscription s =
                        subscriptions.subscribe(
                                "reader@example.org",
                                new Subscriptions.Preferences(
                                        Cadence.DAILY, 0, List.of("diffusion"), List.of("cs.CV")),
                                Instant.now());
                Digest d = composer(db, catalog, search).compose(s, new Period.Day(day), SITE);

                DigestLinks links = new DigestLinks(SITE);
                String manage = links.url(DigestLinks.Purpose.MANAGE, s);
                String unsubscribe = links.url(DigestLinks.Purpose.UNSUBSCRIBE, s);
                assertThat(d.papers()).isEqualTo(2);
                assertThat(d.subject()).isEqualTo("Paperboy: 2 papers for Wednesday 1 July 2026");
                assertThat(d.unsubscribeUrl()).isEqualTo(unsubscribe);
                assertThat(d.text())
                        .isEqualTo(
                                """
                                Paperboy: 2 papers for Wednesday 1 July 2026

                                * Fast <script>alert("x")</script> & 'Friends'
                                  http://paperboy.test/papers/2607.00001
                                  Ada Lovelace, Alan Turing, Grace Hopper et al.
                                  Why: Matches your alert “diffusion”
                                  Diffusion models <b>beat</b> GANs & more.
                                  Code: https://github.com/x/y?a=1&b=2

                                * A quiet paper
                                  http://paperboy.test/papers/2607.00002
                                  Emmy Noether
                                  Why: New in cs.CV
                                  Nothing about the alert topic.
                                  Code: javascript:alert(1)

                                --
                                You get this daily digest from Paperboy.
                                Change it: %s
                                Unsubscribe: %s
                                """
                                        .formatted(manage, unsubscribe));

                String html = d.html();
                assertThat(html)
                        .doesNotContain("<script")
                        .doesNotContain("<b>")
                        .doesNotContain("javascript:")
                        .contains("Fast &lt;script&gt;alert(")
                        .contains("&lt;/script&gt; &amp; ")
                        .contains("Diffusion models &lt;b&gt;beat&lt;/b&gt; GANs &amp; more.")
                        .contains("Ada Lovelace, Alan Turing, Grace Hopper et al.")
                        .contains("Matches your alert “diffusion”")
                        .contains("New in cs.CV")
                        .contains(
                                "<h1 style=\"font-size:20px\">Paperboy: 2 papers for Wednesday 1"
                                        + " July 2026</h1>")
                        .contains("href=\"" + SITE + "/papers/2607.00001\"")
                        .contains("href=\"https://github.com/x/y?a=1&amp;b=2\"")
                        .contains("href=\"" + manage.replace("&", "&amp;") + "\"")
                        .contains("href=\"" + unsubscribe.replace("&", "&amp;") + "\"")
                        .contains("You get this daily digest from Paperboy.")
                        .doesNotContain("<img")
                        .doesNotContain("<link");
                assertThat(html.indexOf("2607.00001"))
                        .as("papers in the order of their reasons")
                        .isLessThan(html.indexOf("2607.00002"));
                assertThat(html).startsWith("<!doctype html>");
                assertThat(html.stripTrailing()).endsWith("</html>");
            }
        }
    }

    @Test
    void aMemberGetsTheirRecommendationsFirstWithTheirReasons() {
        try (Database db = Database.open(Database.embeddedUrl(dir), null, null)) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            LocalDate day = LocalDate.of(2026, 7, 1);
            catalog.upsert(
                    List.of(
                            paper(
                                    "2607.00001",
                                    "Score-based diffusion for molecules",
                                    "Denoising diffusion generates molecular graphs.",
                                    List.of("Ada Lovelace"),
                                    "cs.LG",
                                    "",
                                    day),
                            paper(
                                    "2607.00002",
                                    "A quiet paper",
                                    "Nothing about generating anything.",
                                    List.of("Emmy Noether"),
                                    "cs.CV",
                                    "",
                                    day),
                            paper(
                                    "2606.00001",
                                    "Denoising diffusion probabilistic models",
                                    "Diffusion models generate images by denoising.",
                                    List.of("Jonathan Ho"),
                                    "cs.LG",
                                    "",
                                    day.minusDays(10))));
            Accounts accounts = new Accounts(db.dataSource());
            long reader = accounts.memberFor("reader@example.org").id();
            new LibraryStore(db.dataSource(), Clock.systemUTC())
                    .add(ArxivId.of("2606.00001"), reader, "bibtex");
            try (PaperSearch search =
                    PaperSearch.open(
                            dir.resolve("index"),
                            catalog,
                            new VectorStore(db.dataSource()),
                            null,
                            1)) {
                search.catchUp(n -> {});
                Subscriptions subscriptions = new Subscriptions(db.dataSource());
                Subscription s =
                        subscriptions.subscribe(
                                "reader@example.org",
                                new Subscriptions.Preferences(
                                        Cadence.DAILY, 2, List.of(), List.of()),
                                Instant.now());
                Digest d = composer(db, catalog, search).compose(s, new Period.Day(day), SITE);
                assertThat(d.papers()).isEqualTo(2);
                assertThat(d.text())
                        .startsWith(
                                """
                                Paperboy: 2 papers for Wednesday 1 July 2026

                                RECOMMENDED FOR YOU
                                Picked from what you saved, upvoted and imported. Not for you? Say so at http://paperboy.test/for-you

                                * Score-based diffusion for molecules
                                  http://paperboy.test/papers/2607.00001
                                  Ada Lovelace
                                  Why: Close to “Denoising diffusion probabilistic models”, in your library; Trending #2
                                """);
                assertThat(d.text())
                        .contains(
                                """
                                  Denoising diffusion generates molecular graphs.
                                  Code:\s

                                MORE THIS TIME

                                * A quiet paper
                                """);
                assertThat(d.html())
                        .contains("Recommended for you")
                        .contains("href=\"http://paperboy.test/for-you\"")
                        .contains(
                                "Close to “Denoising diffusion probabilistic models”, in your"
                                        + " library");
                assertThat(d.html().indexOf("2607.00001"))
                        .isLessThan(d.html().indexOf("More this time"))
                        .isLessThan(d.html().indexOf("2607.00002"));

                // the member turned the part off on the manage page
                subscriptions.change(
                        s.id(),
                        new Subscriptions.Preferences(
                                Cadence.DAILY, 2, List.of(), List.of(), false));
                Digest off =
                        composer(db, catalog, search)
                                .compose(
                                        subscriptions.byEmail("reader@example.org").orElseThrow(),
                                        new Period.Day(day),
                                        SITE);
                assertThat(off.text())
                        .doesNotContain("RECOMMENDED FOR YOU")
                        .contains("Trending #2");

                // a subscriber who is no member gets the digest without the part
                Subscription other =
                        subscriptions.subscribe(
                                "other@example.org",
                                new Subscriptions.Preferences(
                                        Cadence.DAILY, 2, List.of(), List.of()),
                                Instant.now());
                Digest plain =
                        composer(db, catalog, search).compose(other, new Period.Day(day), SITE);
                assertThat(plain.text()).doesNotContain("RECOMMENDED FOR YOU");
                assertThat(plain.html()).doesNotContain("Recommended for you");
            }
        }
    }

    private static DigestComposer composer(Database db, CatalogStore catalog, PaperSearch search) {
        DailyPapers daily = new DailyPapers(db.dataSource(), catalog);
        return new DigestComposer(
                catalog,
                daily,
                search,
                new Recommender(
                        catalog, daily, new VectorStore(db.dataSource()), null, Clock.systemUTC()),
                new Tastes(db.dataSource(), Clock.systemUTC()));
    }

    private static Paper paper(
            String id,
            String title,
            String abstractText,
            List<String> authors,
            String category,
            String codeUrl,
            LocalDate day) {
        return new Paper(
                ArxivId.of(id),
                1,
                title,
                abstractText,
                authors,
                List.of(category),
                null,
                null,
                null,
                null,
                day,
                day,
                codeUrl,
                null);
    }
}
