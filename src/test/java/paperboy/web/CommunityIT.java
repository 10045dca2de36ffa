package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import paperboy.catalog.ArxivId;
import paperboy.community.Accounts;
import paperboy.community.Member;
import paperboy.community.Role;
import paperboy.daily.FeedRow;
import paperboy.digest.Cadence;
import paperboy.digest.Subscription;
import paperboy.digest.Subscriptions;
import paperboy.testing.Poll;
import paperboy.testing.SiteFixture;

/**
 * Sign-in, authorization of every state-changing route, CSRF and comment safety, over real HTTP and
 * SMTP.
 */
class CommunityIT {
    private static SiteFixture site;

    /** A signed-in browser: its cookie and its forms' token. */
    record Browser(String cookie, String csrf) {}

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    static Browser signedIn(String email, Role role) {
        Member m =
                role == Role.MEMBER
                        ? site.accounts.memberFor(email)
                        : site.accounts.grant(email, role, "the test");
        Accounts.NewSession s =
                site.accounts.createSession(m.id(), Duration.ofDays(1), site.clock.instant());
        return new Browser(s.cookieToken(), s.csrfToken());
    }

    static HttpResponse<String> post(
            String path, Browser who, Map<String, String> form, String... headers) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (who != null && !fields.containsKey("csrf")) {
            fields.put("csrf", who.csrf());
        }
        fields.values().removeIf(v -> v == null);
        StringBuilder body = new StringBuilder();
        fields.forEach(
                (k, v) ->
                        body.append(body.isEmpty() ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(site.baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (who != null) {
            b.header("Cookie", CommunityRoutes.SESSION_COOKIE + "=" + who.cookie());
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return site.send(b.build());
    }

    static HttpResponse<String> get(String path, Browser who) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(site.baseUrl + path));
        if (who != null) {
            b.header("Cookie", CommunityRoutes.SESSION_COOKIE + "=" + who.cookie());
        }
        return site.send(b.build());
    }

    /**
     * The access log's lines while {@code action} runs, until one contains {@code awaited} (the
     * line is written just after the answer, so it may come a moment later).
     */
    private static List<String> accessLogDuring(String awaited, ThrowingRunnable action)
            throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("paperboy.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = access.getLevel();
        boolean additive = access.isAdditive();
        access.setLevel(Level.INFO);
        access.setAdditive(false);
        access.addAppender(lines);
        try {
            action.run();
            Poll.until(
                    "an access log line with " + awaited,
                    () -> formatted(lines).stream().anyMatch(line -> line.contains(awaited)));
            return formatted(lines);
        } finally {
            access.detachAppender(lines);
            access.setAdditive(additive);
            access.setLevel(level);
        }
    }

    /** A copy: the appender's list is plain, and the site's threads append to it. */
    private static List<String> formatted(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aMembersPageSaysWhatDigestGoesToTheirAddressAndLeadsToItsSettings() {
        Browser reader = signedIn("digest-member@example.org", Role.MEMBER);
        String none = get("/me", reader).body();
        assertThat(none).contains("No digest goes to your address").contains("href=\"/subscribe\"");
        assertThat(get("/subscribe", reader).body())
                .as("the form knows the member's address")
                .contains("value=\"digest-member@example.org\"");

        Subscription s =
                site.subscriptions.subscribe(
                        "digest-member@example.org",
                        new Subscriptions.Preferences(Cadence.WEEKLY, 5, List.of(), List.of()),
                        site.clock.instant());
        assertThat(get("/me", reader).body())
                .contains("Your weekly digest to digest-member@example.org is waiting for you");
        site.subscriptions.confirm(s.id(), site.clock.instant());
        String on = get("/me", reader).body();
        assertThat(on)
                .contains("Your weekly digest to digest-member@example.org is on.")
                .contains(site.baseUrl + "/digest/manage?s=" + s.id() + "&amp;t=");
        assertThat(get("/me", signedIn("someone-else@example.org", Role.MEMBER)).body())
                .as("only one's own")
                .doesNotContain("digest-member@example.org")
                .doesNotContain("/digest/manage?s=" + s.id());
        site.subscriptions.unsubscribe(s.id(), site.clock.instant());
        assertThat(get("/me", reader).body())
                .contains("Your weekly digest to digest-member@example.org is stopped.")
                .contains("<a href=\"/subscribe\">Start it again</a>")
                .doesNotContain("/digest/manage?s=");
    }

    @Test
    void aSignInLinkArrivesByMailAndWorksExactlyOnce() throws Exception {
        HttpResponse<String> asked = post("/signin", null, Map.of("email", "Reader@Example.org"));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Check your inbox");
        String link = site.signInLinkMailedTo("reader@example.org");
        String token = link.substring(link.indexOf("token=") + 6);
        List<String> accessLog =
                accessLogDuring(
                        "/signin/verify",
                        () ->
                                assertThat(
                                                get(link.substring(link.indexOf("/signin")), null)
                                                        .body())
                                        .contains("id=\"finish-signin\""));
        assertThat(WebServer.withoutSecrets("s=12&t=sig&x=1")).isEqualTo("s=12&t=…&x=1");
        assertThat(WebServer.withoutSecrets("t=sig&s=12")).isEqualTo("t=…&s=12");
        assertThat(WebServer.withoutSecrets("q=t=1&st=2"))
                .as("only whole parameters")
                .isEqualTo("q=t=1&st=2");
        assertThat(accessLog)
                .as("the token is a password until used: not in the log")
                .anyMatch(line -> line.contains("GET /signin/verify?token=… 200"))
                .noneMatch(line -> line.contains(token));

        HttpResponse<String> followed = post("/signin/verify", null, Map.of("token", token));
        assertThat(followed.statusCode()).isEqualTo(303);
        String setCookie = followed.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith(CommunityRoutes.SESSION_COOKIE + "=")
                .contains("HttpOnly")
                .contains("SameSite=Lax");
        String cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        assertThat(get("/", new Browser(cookie, null)).body())
                .contains("<a href=\"/me\">reader</a>")
                .contains("Sign out");

        HttpResponse<String> again = post("/signin/verify", null, Map.of("token", token));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This sign-in link was already used");
    }

    @Test
    void signInComesBackToThePageItStartedFromOnlyWhenThatIsOnThisSite() {
        String from = "/papers/trending?page=2";
        assertThat(site.get("/signin", "Referer", site.baseUrl + from).body())
                .as("the page the reader came from, carried by the form")
                .contains("name=\"next\" value=\"/papers/trending?page=2\"");
        for (String hostile :
                List.of(
                        "http://evil.example/papers",
                        "//evil.example/papers",
                        "/\\evil.example",
                        "javascript:alert(1)",
                        "/signin/verify?token=x")) {
            assertThat(
                            site.get(
                                            "/signin?next="
                                                    + URLEncoder.encode(
                                                            hostile, StandardCharsets.UTF_8))
                                    .body())
                    .as("next=%s", hostile)
                    .doesNotContain("name=\"next\"");
            assertThat(site.get("/signin", "Referer", hostile).body())
                    .as("Referer: %s", hostile)
                    .doesNotContain("name=\"next\"");
        }

        HttpResponse<String> asked =
                post("/signin", null, Map.of("email", "returner@example.org", "next", from));
        assertThat(asked.statusCode()).isEqualTo(200);
        String link = site.signInLinkMailedTo("returner@example.org");
        assertThat(link).endsWith("&next=" + URLEncoder.encode(from, StandardCharsets.UTF_8));
        assertThat(get(link.substring(link.indexOf("/signin")), null).body())
                .contains("name=\"next\" value=\"/papers/trending?page=2\"");
        String token = link.substring(link.indexOf("token=") + 6, link.indexOf("&next="));
        HttpResponse<String> followed =
                post("/signin/verify", null, Map.of("token", token, "next", from));
        assertThat(followed.statusCode()).isEqualTo(303);
        assertThat(followed.headers().firstValue("Location")).hasValue(from);

        String edited =
                site.accounts.createSignInToken(
                        "returner@example.org", Duration.ofMinutes(10), site.clock.instant());
        HttpResponse<String> elsewhere =
                post(
                        "/signin/verify",
                        null,
                        Map.of("token", edited, "next", "https://evil.example/"));
        assertThat(elsewhere.statusCode()).isEqualTo(303);
        assertThat(elsewhere.headers().firstValue("Location"))
                .as("a link edited to lead elsewhere lands at home")
                .hasValue("/");
    }

    @Test
    void tamperedAndExpiredLinksAreRefusedWithAClearPage() {
        String token =
                site.accounts.createSignInToken(
                        "late@example.org",
                        Duration.ofMinutes(15),
                        site.clock.instant().minus(Duration.ofMinutes(20)));
        HttpResponse<String> expired = post("/signin/verify", null, Map.of("token", token));
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body())
                .contains("This sign-in link has expired")
                .contains("href=\"/signin\"");

        String fresh =
                site.accounts.createSignInToken(
                        "tamper@example.org", Duration.ofMinutes(15), site.clock.instant());
        String tampered = (fresh.charAt(0) == 'A' ? 'B' : 'A') + fresh.substring(1);
        HttpResponse<String> refused = post("/signin/verify", null, Map.of("token", tampered));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This sign-in link is not valid");
        assertThat(post("/signin/verify", null, Map.of("token", "")).statusCode()).isEqualTo(400);
        assertThat(post("/signin/verify", null, Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void signInMailsAreLimitedPerAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/signin", null, Map.of("email", "flood@example.org")).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> fourth = post("/signin", null, Map.of("email", "flood@example.org"));
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("Too many sign-in mails");
        assertThat(post("/signin", null, Map.of("email", "not-an-address")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void everyStateChangingRouteAllowsExactlyWhoItShould() {
        String paper = "2606.18206";
        Browser author = signedIn("author@example.org", Role.MEMBER);
        Browser other = signedIn("other@example.org", Role.MEMBER);
        Browser curator = signedIn("curator@example.org", Role.CURATOR);
        Browser admin = signedIn("boss@example.org", Role.ADMIN);
        long comment =
                site.community.comment(
                        ArxivId.of(paper),
                        site.accounts.findByEmail("author@example.org").orElseThrow().id(),
                        "mine");
        Map<String, String> body = Map.of("body", "a comment");
        List<String> failures = new ArrayList<>();
        record Case(
                String method,
                String path,
                Map<String, String> form,
                int anonymous,
                int member,
                int otherMember,
                int curator) {}
        List<Case> cases =
                List.of(
                        new Case(
                                "POST",
                                "/papers/" + paper + "/upvote",
                                Map.of(),
                                401,
                                303,
                                303,
                                303),
                        new Case(
                                "POST", "/papers/" + paper + "/comments", body, 401, 303, 303, 303),
                        new Case(
                                "POST", "/comments/" + comment + "/edit", body, 401, 303, 403, 403),
                        new Case(
                                "POST",
                                "/comments/" + comment + "/hide",
                                Map.of(),
                                401,
                                403,
                                403,
                                303),
                        new Case(
                                "POST",
                                "/papers/" + paper + "/feature",
                                Map.of(),
                                401,
                                403,
                                403,
                                303),
                        new Case(
                                "POST",
                                "/papers/" + paper + "/unfeature",
                                Map.of(),
                                401,
                                403,
                                403,
                                303),
                        new Case(
                                "POST", "/papers/" + paper + "/hide", Map.of(), 401, 403, 403, 303),
                        new Case(
                                "POST",
                                "/papers/" + paper + "/unhide",
                                Map.of(),
                                401,
                                403,
                                403,
                                303),
                        new Case("GET", "/admin/audit", Map.of(), 401, 403, 403, 403),
                        new Case("GET", "/me", Map.of(), 401, 200, 200, 200),
                        new Case(
                                "POST",
                                "/comments/" + comment + "/delete",
                                Map.of(),
                                401,
                                303,
                                403,
                                403));
        for (Case c : cases) {
            Browser[] who = {null, author, other, curator};
            int[] expected = {c.anonymous(), c.member(), c.otherMember(), c.curator()};
            // the author acts last on delete, so the others meet the comment still there
            int[] order =
                    c.path().endsWith("/delete") ? new int[] {0, 2, 3, 1} : new int[] {0, 1, 2, 3};
            for (int i : order) {
                HttpResponse<String> r =
                        c.method().equals("GET")
                                ? get(c.path(), who[i])
                                : post(c.path(), who[i], c.form());
                if (r.statusCode() != expected[i]) {
                    failures.add(
                            c.method()
                                    + " "
                                    + c.path()
                                    + " as "
                                    + new String[] {
                                                "anonymous", "member", "other member", "curator"
                                            }
                                            [i]
                                    + ": "
                                    + r.statusCode()
                                    + ", expected "
                                    + expected[i]);
                }
                assertThat(r.body()).doesNotContain("Exception");
            }
        }
        assertThat(get("/admin/audit", admin).statusCode()).isEqualTo(200);
        assertThat(get("/admin/audit", admin).body())
                .contains("curator")
                .contains("feature")
                .contains("hide-paper")
                .contains("hide-comment");
        assertThat(post("/submit", null, Map.of("paper", paper)).statusCode()).isEqualTo(401);
        assertThat(failures).isEmpty();
        assertThat(site.community.comment(comment))
                .as("deleted by its author at the end")
                .isEmpty();

        // a refused action changes nothing, and a hidden comment is gone for readers
        long kept =
                site.community.comment(
                        ArxivId.of(paper),
                        site.accounts.findByEmail("author@example.org").orElseThrow().id(),
                        "words of the author");
        assertThat(
                        post(
                                        "/comments/" + kept + "/edit",
                                        other,
                                        Map.of("body", "words put in the mouth of the author"))
                                .statusCode())
                .isEqualTo(403);
        assertThat(post("/comments/" + kept + "/delete", curator, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(site.community.comment(kept).orElseThrow().markdown())
                .isEqualTo("words of the author");
        assertThat(get("/papers/" + paper, null).body()).contains("words of the author");
        assertThat(post("/comments/" + kept + "/hide", curator, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(get("/papers/" + paper, null).body()).doesNotContain("words of the author");
        assertThat(get("/papers/" + paper, other).body()).doesNotContain("words of the author");
    }

    @Test
    void aSessionLivesFromTheLinkToSignOutAndTheFirstAdminComesFromConfiguration()
            throws Exception {
        post("/signin", null, Map.of("email", "admin@test.local"));
        String link = site.signInLinkMailedTo("admin@test.local");
        HttpResponse<String> signedIn =
                post(
                        "/signin/verify",
                        null,
                        Map.of("token", link.substring(link.indexOf("token=") + 6)),
                        "X-Forwarded-Proto",
                        "https");
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).as("behind an HTTPS proxy").contains("Secure").contains("HttpOnly");
        post("/signin", null, Map.of("email", "direct@test.local"));
        String direct = site.signInLinkMailedTo("direct@test.local");
        HttpResponse<String> forged =
                site.sendFrom(
                        "127.0.0.2",
                        HttpRequest.newBuilder(URI.create(site.baseUrl + "/signin/verify"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("X-Forwarded-Proto", "https")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "token="
                                                        + direct.substring(
                                                                direct.indexOf("token=") + 6)))
                                .build());
        assertThat(forged.headers().firstValue("Set-Cookie").orElseThrow())
                .as("X-Forwarded-Proto from a client that is not a trusted proxy is ignored")
                .contains("HttpOnly")
                .doesNotContain("Secure");
        String cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        String csrf = csrfOf(get("/me", new Browser(cookie, null)).body());
        Browser admin = new Browser(cookie, csrf);
        assertThat(get("/admin/audit", admin).statusCode())
                .as("admin.email is admin")
                .isEqualTo(200);
        assertThat(get("/admin/audit", admin).body())
                .as("how they came to be admin")
                .contains("granted")
                .contains("admin (by admin.email)");

        String paper = "2606.17584";
        int before = upvotes(paper);
        assertThat(post("/papers/" + paper + "/upvote", admin, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(upvotes(paper)).isEqualTo(before + 1);
        assertThat(
                        post(
                                        "/papers/" + paper + "/comments",
                                        admin,
                                        Map.of("body", "the admin was here"))
                                .statusCode())
                .isEqualTo(303);
        String me = get("/me", admin).body();
        assertThat(me)
                .contains("Upvoted (1)")
                .contains("t-" + paper)
                .contains("Comments (1)")
                .contains("the admin was here");
        assertThat(post("/papers/" + paper + "/upvote", admin, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(upvotes(paper)).as("a second click takes the upvote back").isEqualTo(before);

        assertThat(post("/signout", admin, Map.of()).statusCode()).isEqualTo(303);
        assertThat(get("/me", admin).statusCode())
                .as("the old cookie after signing out")
                .isEqualTo(401);
    }

    private static String csrfOf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a member's page carries the form token").isTrue();
        return m.group(1);
    }

    @Test
    void curatorsFeatureOnAChosenDayAndCanShowAHiddenPaperAgain() {
        Browser curator = signedIn("day-curator@example.org", Role.CURATOR);
        // a paper of 10 June (a day no other test counts), featured on 11 June's feed
        String paper =
                site.daily.rows(LocalDate.of(2026, 6, 10), LocalDate.of(2026, 6, 11)).stream()
                        .filter(r -> !r.curated())
                        .map(FeedRow::id)
                        .sorted()
                        .findFirst()
                        .orElseThrow();
        assertThat(site.paperIdsOn("/papers/date/2026-06-10")).contains(paper);
        assertThat(
                        post("/papers/" + paper + "/feature", curator, Map.of("day", "yesterday"))
                                .statusCode())
                .isEqualTo(400);
        for (String outOfRange : List.of("9999-12-31", "+999999999-01-01", "2026-06-09")) {
            var refused = post("/papers/" + paper + "/feature", curator, Map.of("day", outOfRange));
            assertThat(refused.statusCode()).as(outOfRange).isEqualTo(400);
            assertThat(refused.body())
                    .as(outOfRange)
                    .contains("announcement (2026-06-10) and today");
        }
        assertThat(curatedOn("9999-12-31")).as("nothing featured in the future").isEmpty();
        assertThat(
                        post("/papers/" + paper + "/feature", curator, Map.of("day", "2026-06-11"))
                                .statusCode())
                .isEqualTo(303);
        assertThat(curatedOn("2026-06-11")).contains(paper);
        assertThat(curatedOn("2026-06-10"))
                .as("its own day lists it among the day's papers, not as featured")
                .doesNotContain(paper);

        assertThat(post("/papers/" + paper + "/hide", curator, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(site.paperIdsOn("/papers/date/2026-06-11")).doesNotContain(paper);
        assertThat(post("/papers/" + paper + "/unhide", curator, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(curatedOn("2026-06-11")).as("back where it was, still featured").contains(paper);
        assertThat(get("/admin/audit", signedIn("day-admin@example.org", Role.ADMIN)).body())
                .contains("feature")
                .contains(paper + " on 2026-06-11")
                .contains("unhide-paper");
    }

    private static List<String> curatedOn(String day) {
        String page = get("/papers/date/" + day, null).body();
        int curated = page.indexOf("aria-labelledby=\"curated-h\"");
        return curated < 0
                ? List.of()
                : SiteFixture.paperIds(
                        page.substring(curated, page.indexOf("</section>", curated)));
    }

    @Test
    void aForgedPostIsRefusedAndChangesNothing() {
        String paper = "2606.17584";
        Browser member = signedIn("victim@example.org", Role.MEMBER);
        int before = upvotes(paper);
        Map<String, String> noToken = new LinkedHashMap<>();
        noToken.put("csrf", null);
        HttpResponse<String> forged = post("/papers/" + paper + "/upvote", member, noToken);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("did not come from this site");
        assertThat(
                        post("/papers/" + paper + "/upvote", member, Map.of("csrf", "guessed"))
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        post(
                                        "/papers/" + paper + "/upvote",
                                        member,
                                        Map.of(),
                                        "Origin",
                                        "https://evil.example")
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        post(
                                        "/papers/" + paper + "/upvote",
                                        member,
                                        Map.of(),
                                        "Sec-Fetch-Site",
                                        "cross-site")
                                .statusCode())
                .isEqualTo(403);
        assertThat(upvotes(paper)).isEqualTo(before);
        assertThat(
                        post(
                                        "/papers/" + paper + "/upvote",
                                        member,
                                        Map.of(),
                                        "Origin",
                                        site.baseUrl)
                                .statusCode())
                .isEqualTo(303);
        assertThat(upvotes(paper)).isEqualTo(before + 1);
    }

    private static int upvotes(String paper) {
        return site.daily.rowsOf(List.of(paper)).get(paper).upvotes();
    }

    @Test
    void scriptAndJavascriptLinksInCommentsComeOutInert() {
        String paper = "2606.06850";
        Browser member = signedIn("markdown@example.org", Role.MEMBER);
        String hostile =
                "**Nice** <script>alert('c')</script> [click](javascript:alert(1)) <img src=x"
                        + " onerror=alert(2)> <a href=\"javascript:alert(3)\">raw</a>";
        assertThat(
                        post("/papers/" + paper + "/comments", member, Map.of("body", hostile))
                                .statusCode())
                .isEqualTo(303);
        for (Browser viewer : new Browser[] {null, member}) {
            String page = get("/papers/" + paper, viewer).body();
            assertThat(page)
                    .contains("<strong>Nice</strong>")
                    .contains("&lt;script&gt;alert(")
                    .doesNotContainPattern("(?i)<script")
                    .doesNotContainPattern("(?i)<a[^>]*href=\"\\s*javascript:")
                    .doesNotContainPattern("(?i)<img");
        }
        assertThat(
                        post("/papers/" + paper + "/comments", member, Map.of("body", "  "))
                                .statusCode())
                .isEqualTo(400);
        assertThat(
                        post(
                                        "/papers/" + paper + "/comments",
                                        member,
                                        Map.of("body", "x".repeat(10_001)))
                                .statusCode())
                .isEqualTo(400);
    }

    @Test
    void submissionsAreRefusedKindlyWhenDuplicateTooOldOrNotAPaper() {
        Browser first = signedIn("first@example.org", Role.MEMBER);
        Browser second = signedIn("second@example.org", Role.MEMBER);
        // announced the day before the fixture's today (1 July 2026): well within the 14 days
        String paper =
                site.daily.rows(LocalDate.of(2026, 6, 30), LocalDate.of(2026, 7, 1)).stream()
                        .map(FeedRow::id)
                        .sorted()
                        .findFirst()
                        .orElseThrow();
        assertThat(
                        post(
                                        "/submit",
                                        first,
                                        Map.of("paper", "https://arxiv.org/abs/" + paper + "v1"))
                                .statusCode())
                .isEqualTo(303);
        HttpResponse<String> duplicate = post("/submit", second, Map.of("paper", "arXiv:" + paper));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("already in the daily papers (submitted by first)");
        HttpResponse<String> old = post("/submit", second, Map.of("paper", "2012.11220"));
        assertThat(old.statusCode()).isEqualTo(409);
        assertThat(old.body()).contains("up to 14 days after their announcement");
        HttpResponse<String> nonsense = post("/submit", second, Map.of("paper", "not a paper"));
        assertThat(nonsense.statusCode()).isEqualTo(400);
        assertThat(nonsense.body()).contains("That is not an arXiv paper");
        HttpResponse<String> missing = post("/submit", second, Map.of("paper", "2607.99999"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body())
                .contains("arXiv has no paper 2607.99999")
                .doesNotContain("href=\"/papers/2607.99999\"");
        assertThat(get("/papers/date/2026-07-01", null).body()).contains("submitted by first");
    }

    @Test
    void aForgedHostHeaderNeverReachesTheLinksInMail() throws Exception {
        String body = "email=" + URLEncoder.encode("hosted@example.org", StandardCharsets.UTF_8);
        URI base = URI.create(site.baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            String request =
                    "POST /signin HTTP/1.1\r\n"
                            + "Host: evil.example\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: "
                            + body.length()
                            + "\r\nConnection: close\r\n\r\n"
                            + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String response =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
        }
        assertThat(site.signInLinkMailedTo("hosted@example.org"))
                .startsWith(site.baseUrl + "/signin/verify?token=")
                .doesNotContain("evil.example");
    }

    @Test
    void formsThatDoNotActAsTheMemberWorkWhenSignedIn() {
        Browser member = signedIn("subscriber-member@example.org", Role.MEMBER);
        Map<String, String> noToken = new LinkedHashMap<>();
        noToken.put("csrf", null);
        noToken.put("email", "subscriber-member@example.org");
        assertThat(post("/subscribe", member, noToken).statusCode()).isEqualTo(200);
    }
}
