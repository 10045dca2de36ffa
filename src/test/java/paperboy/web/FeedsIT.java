package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.testing.SiteFixture;

/**
 * The RSS and Atom feeds, read by a real feed parser: Debian's python3-feedparser, the library many
 * feed readers are built on ({@code ./run-tests} installs it).
 */
class FeedsIT {
    /**
     * Debian's Python, where Debian's feedparser is installed (a pyenv python3 may come first on
     * PATH).
     */
    private static final String PYTHON =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static final String READ_FEED =
            """
            import feedparser, json, sys
            d = feedparser.parse(sys.stdin.buffer.read())
            print(json.dumps({"bozo": d.bozo, "problem": str(d.get("bozo_exception", "")), "version": d.version,
              "title": d.feed.get("title", ""), "self": [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "self"],
              "entries": [{"title": e.get("title"), "link": e.get("link"), "summary": e.get("summary", ""),
                           "authors": [a.get("name") for a in e.get("authors", [])],
                           "published": e.get("published_parsed") is not None} for e in d.entries]}))
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    private static JsonNode parse(String path, String expectedVersion) throws Exception {
        HttpResponse<String> r = site.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        String etag = r.headers().firstValue("ETag").orElseThrow();
        String lastModified = r.headers().firstValue("Last-Modified").orElseThrow();
        // a feed reader polling again gets 304 and no body, by either validator
        assertThat(site.get(path, "If-None-Match", etag).statusCode()).as(path).isEqualTo(304);
        assertThat(site.get(path, "If-Modified-Since", lastModified).statusCode())
                .as(path)
                .isEqualTo(304);
        Process python =
                new ProcessBuilder(PYTHON, "-c", READ_FEED).redirectErrorStream(false).start();
        python.getOutputStream().write(r.body().getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue())
                .as("feedparser must be installed (apt-get install python3-feedparser): " + err)
                .isZero();
        JsonNode feed = JSON.readTree(out);
        assertThat(feed.get("bozo").asInt())
                .as(path + ": " + feed.get("problem").asText())
                .isZero();
        assertThat(feed.get("version").asText()).as(path).isEqualTo(expectedVersion);
        assertThat(feed.get("self").get(0).asText()).as(path).isEqualTo(site.baseUrl + path);
        for (JsonNode e : feed.get("entries")) {
            assertThat(e.get("title").asText()).isNotBlank();
            assertThat(e.get("link").asText()).startsWith(site.baseUrl + "/papers/");
            assertThat(e.get("published").asBoolean()).as("a parsable date").isTrue();
        }
        return feed;
    }

    @Test
    void theDailyListIsAValidAtomAndRssFeed() throws Exception {
        for (String[] feed :
                List.of(
                        new String[] {"/papers/feed.atom", "atom10"},
                        new String[] {"/papers/feed.rss", "rss20"})) {
            JsonNode parsed = parse(feed[0], feed[1]);
            assertThat(parsed.get("title").asText()).contains("Daily papers: 1 Jul 2026");
            assertThat(parsed.get("entries")).hasSize(WebServer.FEED_ITEMS);
            assertThat(parsed.get("entries").get(0).get("authors")).isNotEmpty();
        }
    }

    @Test
    void eachDayWeekAndMonthHasItsOwnValidFeedsOfItsPagesPapers() throws Exception {
        for (String period :
                List.of(
                        "/papers/date/2026-06-30",
                        "/papers/week/2026-W26",
                        "/papers/month/2026-05")) {
            List<String> shown =
                    SiteFixture.paperIds(site.get(period).body()).stream()
                            .map(id -> site.baseUrl + "/papers/" + id)
                            .toList();
            assertThat(shown).as(period).hasSize(WebServer.FEED_ITEMS);
            for (String[] feed :
                    List.of(
                            new String[] {period + "/feed.atom", "atom10"},
                            new String[] {period + "/feed.rss", "rss20"})) {
                JsonNode parsed = parse(feed[0], feed[1]);
                assertThat(parsed.get("title").asText()).startsWith("Papers of ");
                List<String> links = new ArrayList<>();
                parsed.get("entries").forEach(e -> links.add(e.get("link").asText()));
                assertThat(links).as(feed[0]).isEqualTo(shown);
            }
        }
        assertThat(parse("/papers/month/2026-05/feed.atom", "atom10").get("title").asText())
                .isEqualTo("Papers of May 2026 · Paperboy");
    }

    @Test
    void trendingHasFeedsToo() throws Exception {
        assertThat(parse("/papers/trending/feed.atom", "atom10").get("entries"))
                .hasSize(WebServer.FEED_ITEMS);
        assertThat(parse("/papers/trending/feed.rss", "rss20").get("entries"))
                .hasSize(WebServer.FEED_ITEMS);
    }

    @Test
    void anySearchIsAFeed() throws Exception {
        JsonNode atom = parse("/papers/feed.atom?q=fixed+point&cat=cs.LG", "atom10");
        assertThat(atom.get("entries")).isNotEmpty();
        assertThat(atom.get("title").asText()).contains("fixed point cat:cs.LG");
        assertThat(parse("/papers/feed.rss?q=fixed+point", "rss20").get("entries"))
                .hasSize(WebServer.FEED_ITEMS);
    }

    @Test
    void hostileTitlesStayTextInFeeds() throws Exception {
        for (String[] feed :
                List.of(
                        new String[] {"/papers/feed.atom?q=quotes+onerror", "atom10"},
                        new String[] {"/papers/feed.rss?q=quotes+onerror", "rss20"})) {
            JsonNode parsed = parse(feed[0], feed[1]);
            JsonNode hostile = null;
            for (JsonNode e : parsed.get("entries")) {
                if (e.get("link").asText().endsWith(SiteFixture.HOSTILE.id())) {
                    hostile = e;
                }
            }
            assertThat(hostile).as(feed[0]).isNotNull();
            // Atom says its titles are text; RSS cannot, and readers take an RSS title as HTML:
            // then it must be HTML that shows the characters (tags included), never markup.
            String title = hostile.get("title").asText();
            String shown = feed[1].equals("rss20") ? htmlText(title) : title;
            assertThat(shown)
                    .as(feed[0] + ": " + title)
                    .contains("<script>alert('title')</script> Fixed <b>point</b>");
        }
    }

    /** What a browser shows for {@code html} that holds no tags: its text, entities decoded. */
    private static String htmlText(String html) {
        assertThat(html).as("no markup").doesNotContain("<");
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void pagesLinkTheirFeeds() {
        assertThat(site.get("/").body())
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
                .contains("href=\"/papers/feed.rss\"");
        assertThat(site.get("/papers/week/2026-W26").body())
                .contains("href=\"/papers/week/2026-W26/feed.atom\"")
                .contains("href=\"/papers/week/2026-W26/feed.rss\"")
                .doesNotContain("href=\"/papers/feed.atom\"");
        assertThat(site.get("/papers?q=fixed+point").body())
                .contains("href=\"/papers/feed.atom?q=fixed+point\"");
    }
}
