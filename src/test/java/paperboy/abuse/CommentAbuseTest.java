package paperboy.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import paperboy.app.Instance;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.community.Accounts;
import paperboy.community.Markdown;
import paperboy.community.MarkdownFuzz;
import paperboy.community.Member;
import paperboy.community.Role;
import paperboy.config.Setting;
import paperboy.testing.SteppingClock;
import paperboy.testing.TestSettings;

/**
 * The abuse suite of comments (issue 13), over HTTP on a small site of its own: a comment nested
 * deep enough to overflow a renderer's stack takes no page down, for anyone, and is refused when
 * written; an admin can delete any comment; edits and upvotes are rate-limited like posts, with
 * Retry-After; and a fuzz of Markdown built to hurt renders in bounded time, never throws, and its
 * worst text leaves its page up.
 */
class CommentAbuseTest {
    /** The members' limits per 10 minutes: the defaults in the web layer's community routes. */
    private static final int POSTS = 10;

    private static final int EDITS = 30;
    private static final int UPVOTES = 100;

    /** The comment that took a paper page down: 9,999 characters of nested list markers. */
    private static final String BOMB = "- ".repeat(4999) + "x";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SteppingClock CLOCK =
            new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));

    @TempDir static Path dir;
    private static Instance instance;
    private static String baseUrl;
    private static int papers;

    /** A signed-in browser: who, its cookie and its forms' token. */
    record Browser(long id, String cookie, String csrf) {}

    @BeforeAll
    static void start() {
        instance =
                Instance.of(
                        TestSettings.of(dir, Map.of(Setting.SITE_URL, "http://paperboy.test")),
                        Instance.Options.defaults()
                                .withClock(CLOCK)
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    /** A paper of the test's own, so that its comments meet no other test's. */
    private static String newPaper() {
        String id = String.format("2606.%05d", ++papers);
        LocalDate day = LocalDate.of(2026, 6, 30);
        instance.catalog()
                .upsert(
                        List.of(
                                new Paper(
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
                                        day,
                                        day,
                                        null,
                                        null)));
        return id;
    }

    private static Browser signedIn(String email, Role role) {
        Accounts accounts = instance.accounts();
        Member m =
                role == Role.MEMBER
                        ? accounts.memberFor(email)
                        : accounts.grant(email, role, "the test");
        Accounts.NewSession s = accounts.createSession(m.id(), Duration.ofDays(1), CLOCK.instant());
        return new Browser(m.id(), s.cookieToken(), s.csrfToken());
    }

    private static HttpResponse<String> post(String path, Browser who, Map<String, String> form) {
        StringBuilder body = new StringBuilder("csrf=" + who.csrf());
        form.forEach(
                (k, v) ->
                        body.append('&')
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "pb_session=" + who.cookie())
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }

    private static HttpResponse<String> get(String path, Browser who) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (who != null) {
            b.header("Cookie", "pb_session=" + who.cookie());
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.uri() + " failed", e);
        }
    }

    @Test
    void aCommentNestedTooDeeplyIsRefusedWhenPostedOrEditedIn() {
        String paper = newPaper();
        Browser author = signedIn("nester@example.org", Role.MEMBER);

        HttpResponse<String> posted =
                post("/papers/" + paper + "/comments", author, Map.of("body", BOMB));
        assertThat(posted.statusCode()).isEqualTo(422);
        assertThat(posted.body())
                .contains("more than " + Markdown.MAX_DEPTH + " levels deep")
                .contains("href=\"/papers/" + paper + "#comments\"");
        assertThat(instance.community().comments(ArxivId.of(paper))).isEmpty();

        long comment = instance.community().comment(ArxivId.of(paper), author.id(), "*fine*");
        HttpResponse<String> edited =
                post("/comments/" + comment + "/edit", author, Map.of("body", BOMB));
        assertThat(edited.statusCode()).isEqualTo(422);
        assertThat(instance.community().comment(comment).orElseThrow().markdown())
                .isEqualTo("*fine*");
        assertThat(get("/papers/" + paper, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCommentNestedTooDeeplyThatIsStoredTakesNoPageDownAndAnAdminDeletesIt() {
        String paper = newPaper();
        Browser author = signedIn("old-bomb@example.org", Role.MEMBER);
        Browser reader = signedIn("old-bomb-reader@example.org", Role.MEMBER);
        Browser curator = signedIn("old-bomb-curator@example.org", Role.CURATOR);
        Browser admin = signedIn("old-bomb-admin@example.org", Role.ADMIN);
        // as written before the bound existed
        long bomb = instance.community().comment(ArxivId.of(paper), author.id(), BOMB);

        for (Browser who : new Browser[] {null, reader, author, curator, admin}) {
            HttpResponse<String> page = get("/papers/" + paper, who);
            assertThat(page.statusCode()).as("the page for %s", who).isEqualTo(200);
            assertThat(page.body()).as("shown as plain text").contains("<p>- - - - - ");
        }
        assertThat(get("/me", author).statusCode()).isEqualTo(200);
        assertThat(get("/papers/" + paper, admin).body())
                .as("the admin is offered the delete, through its confirmation page")
                .contains("href=\"/comments/" + bomb + "/delete/confirm\"");

        assertThat(post("/comments/" + bomb + "/delete", reader, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(post("/comments/" + bomb + "/delete", curator, Map.of()).statusCode())
                .as("curators hide; deleting another's comment is an admin's")
                .isEqualTo(403);
        assertThat(post("/comments/" + bomb + "/delete", admin, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(instance.community().comment(bomb)).isEmpty();
        assertThat(instance.accounts().auditLog(10))
                .anyMatch(
                        e ->
                                e.action().equals("delete-comment")
                                        && e.target().startsWith(bomb + " by old-bomb on "));
        assertThat(get("/papers/" + paper, null).body()).doesNotContain("- - - - -");
    }

    @Test
    void aNulCharacterIsStoredAsTheReplacementCharacterCommonMarkShowsForIt() {
        String paper = newPaper();
        Browser author = signedIn("nul@example.org", Role.MEMBER);
        assertThat(
                        post("/papers/" + paper + "/comments", author, Map.of("body", "a\u0000b"))
                                .statusCode())
                .isEqualTo(303);
        assertThat(instance.community().comments(ArxivId.of(paper)))
                .singleElement()
                .satisfies(c -> assertThat(c.markdown()).isEqualTo("a\ufffdb"));
    }

    @Test
    void editsAreRateLimitedWithRetryAfter() {
        String paper = newPaper();
        Browser author = signedIn("editor@example.org", Role.MEMBER);
        long comment = instance.community().comment(ArxivId.of(paper), author.id(), "draft");
        for (int i = 0; i < EDITS; i++) {
            assertThat(
                            post(
                                            "/comments/" + comment + "/edit",
                                            author,
                                            Map.of("body", "draft " + i))
                                    .statusCode())
                    .isEqualTo(303);
        }
        HttpResponse<String> over =
                post("/comments/" + comment + "/edit", author, Map.of("body", "one more"));
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("600");
        assertThat(over.body()).contains("You edited comments 30 times in 10 minutes");
        assertThat(instance.community().comment(comment).orElseThrow().markdown())
                .isEqualTo("draft " + (EDITS - 1));
    }

    @Test
    void upvotesAreRateLimitedWithRetryAfter() {
        String paper = newPaper();
        Browser voter = signedIn("voter@example.org", Role.MEMBER);
        for (int i = 0; i < UPVOTES; i++) {
            assertThat(post("/papers/" + paper + "/upvote", voter, Map.of()).statusCode())
                    .isEqualTo(303);
        }
        HttpResponse<String> over = post("/papers/" + paper + "/upvote", voter, Map.of());
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("600");
        assertThat(instance.community().upvotes(ArxivId.of(paper), voter.id()))
                .as("an even number of toggles: not upvoted, and the refused one changed nothing")
                .isFalse();
    }

    @Test
    void postsOverTheLimitSayWhenToRetry() {
        String paper = newPaper();
        Browser poster = signedIn("poster@example.org", Role.MEMBER);
        CLOCK.advance(Duration.ofSeconds(1));
        for (int i = 0; i < POSTS; i++) {
            assertThat(
                            post(
                                            "/papers/" + paper + "/comments",
                                            poster,
                                            Map.of("body", "comment " + i))
                                    .statusCode())
                    .isEqualTo(303);
        }
        CLOCK.advance(Duration.ofMinutes(4));
        HttpResponse<String> over =
                post("/papers/" + paper + "/comments", poster, Map.of("body", "one more"));
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("360");
        CLOCK.advance(Duration.ofMinutes(6));
        assertThat(
                        post("/papers/" + paper + "/comments", poster, Map.of("body", "later"))
                                .statusCode())
                .isEqualTo(303);
    }

    @Test
    void fuzzedMarkdownRendersInBoundedTimeNeverThrowsAndItsWorstLeavesItsPageUp() {
        List<String> inputs = MarkdownFuzz.inputs(MarkdownFuzz.SEED, MarkdownFuzz.COUNT);
        Markdown markdown = new Markdown();
        Logger log = (Logger) LoggerFactory.getLogger(Markdown.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        List<String> worst = new ArrayList<>(List.of("", "")); // accepted, refused
        long[] worstNanos = {-1, -1};
        try {
            // a liveness bound, not a benchmark (MarkdownBench is): 10 s per 1,000 texts
            assertTimeoutPreemptively(
                    Duration.ofSeconds(10L * (inputs.size() + 999) / 1000),
                    () -> {
                        for (String input : inputs) {
                            long start = System.nanoTime();
                            String html = markdown.toHtml(input);
                            long nanos = System.nanoTime() - start;
                            assertThat(html)
                                    .as(MarkdownFuzz.shape(input))
                                    .doesNotContainPattern(
                                            "(?i)<(script|iframe|style)|<img src=\"[^\"]"
                                                    + "|href=\"\\s*(javascript|data|vbscript):");
                            int kind = markdown.refusal(input).isEmpty() ? 0 : 1;
                            if (nanos > worstNanos[kind] && !input.isBlank()) {
                                worstNanos[kind] = nanos;
                                worst.set(kind, input);
                            }
                        }
                    });
        } finally {
            log.detachAppender(lines);
        }
        assertThat(lines.list)
                .as("every text within the bounds by design, none saved by the catch-all")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));

        String paper = newPaper();
        Browser fuzzer = signedIn("fuzzer@example.org", Role.MEMBER);
        assertThat(
                        post("/papers/" + paper + "/comments", fuzzer, Map.of("body", worst.get(0)))
                                .statusCode())
                .as("the worst accepted text, %s", MarkdownFuzz.shape(worst.get(0)))
                .isEqualTo(303);
        instance.community().comment(ArxivId.of(paper), fuzzer.id(), worst.get(1));
        assertThat(get("/papers/" + paper, null).statusCode()).isEqualTo(200);
        assertThat(get("/papers/" + paper, fuzzer).statusCode()).isEqualTo(200);
        assertThat(get("/me", fuzzer).statusCode()).isEqualTo(200);
    }
}
