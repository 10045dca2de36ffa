package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.community.Role;
import paperboy.config.Setting;
import paperboy.testing.SiteFixture;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * Who may be a member (issue 15, part 2b), through the site as a browser uses it: a member deletes
 * their account (their address is then nowhere in the catalog; comments erased or kept, their
 * choice), an admin suspends a member (signed out, cannot sign in, so cannot post) and lifts it, a
 * closed instance takes only its own domains' addresses, and a private one shows nothing but
 * signing in to a reader who is not signed in.
 */
class MemberStandingIT {
    private static final String PAPER = "2606.17584";
    private static SiteFixture site;

    /** A browser with its session cookie and form token. */
    record Browser(String cookie, String csrf) {}

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    @Test
    void aMemberDeletesTheirAccountAndTheirAddressIsNowhereInTheCatalog() throws Exception {
        String address = "leaving.member@example.org";
        Browser member = signIn(address);
        assertThat(post("/me/settings", member, Map.of("name", "Leaving Member")).statusCode())
                .isEqualTo(303);
        assertThat(
                        post(
                                        "/papers/" + PAPER + "/comments",
                                        member,
                                        Map.of("body", "Kept words."))
                                .statusCode())
                .isEqualTo(303);
        assertThat(
                        site.send(
                                        form(
                                                site.baseUrl + "/subscribe",
                                                null,
                                                Map.of("email", address, "cadence", "weekly")))
                                .statusCode())
                .isEqualTo(200);
        assertThat(dump()).as("before: the address is in the catalog").contains(address);

        assertThat(get("/me/settings", member).body()).contains("href=\"/me/delete\"");
        assertThat(get("/me/delete", member).body())
                .contains("Delete your account?")
                .contains("name=\"comments\" value=\"erase\"")
                .contains("name=\"comments\" value=\"keep\"");
        assertThat(post("/me/delete", member, Map.of()).statusCode())
                .as("no choice made: asked again, nothing deleted")
                .isEqualTo(400);
        assertThat(get("/me", member).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = post("/me/delete", member, Map.of("comments", "keep"));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(deleted.headers().firstValue("Location")).contains("/account-deleted");
        assertThat(get("/me", member).statusCode()).as("the session is gone").isEqualTo(401);
        assertThat(dump().toLowerCase(Locale.ROOT))
                .as("the address is nowhere in the catalog")
                .doesNotContain(address)
                .doesNotContain("leaving member");
        assertThat(get("/papers/" + PAPER, null).body())
                .as("the comment kept, without the name")
                .contains("Kept words.")
                .containsPattern("deleted member \\d+");

        Browser other = signIn("erasing.member@example.org");
        post("/papers/" + PAPER + "/comments", other, Map.of("body", "Words to erase."));
        assertThat(get("/papers/" + PAPER, null).body()).contains("Words to erase.");
        assertThat(post("/me/delete", other, Map.of("comments", "erase")).statusCode())
                .isEqualTo(303);
        assertThat(get("/papers/" + PAPER, null).body()).doesNotContain("Words to erase.");
        assertThat(dump()).doesNotContain("erasing.member@example.org");

        Browser admin = signedIn("standing-admin@example.org", Role.ADMIN);
        assertThat(get("/admin/audit", admin).body())
                .contains("delete-account")
                .contains("comments kept")
                .contains("comments erased");
        // the address signs in again as somebody new
        Browser again = signIn(address);
        assertThat(get("/me", again).body()).doesNotContain("Kept words.");
    }

    @Test
    void anAdminSuspendsAMemberWhoThenCannotSignInOrPostUntilItIsLifted() throws Exception {
        String address = "suspended.member@example.org";
        Browser member = signIn(address);
        long id = site.accounts.findByEmail(address).orElseThrow().id();
        Browser admin = signedIn("suspending-admin@example.org", Role.ADMIN);

        assertThat(get("/me", admin).body()).contains("href=\"/admin/members\"");
        String list = get("/admin/members", admin).body();
        assertThat(list)
                .contains("id=\"member-" + id + "\"")
                .contains("/admin/members/" + id + "/suspend");
        assertThat(get("/admin/members", member).statusCode()).as("members may not").isEqualTo(403);
        assertThat(post("/admin/members/" + id + "/suspend", member, Map.of()).statusCode())
                .isEqualTo(403);

        assertThat(post("/admin/members/" + id + "/suspend", admin, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(get("/admin/members", admin).body())
                .contains("suspended since")
                .contains("/admin/members/" + id + "/unsuspend");
        assertThat(get("/me", member).statusCode()).as("signed out").isEqualTo(401);
        assertThat(post("/papers/" + PAPER + "/upvote", member, Map.of()).statusCode())
                .as("cannot post")
                .isEqualTo(401);
        HttpResponse<String> refused = follow(newLink(address));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This account is suspended");
        assertThat(refused.headers().firstValue("Set-Cookie")).as("no session").isEmpty();

        assertThat(post("/admin/members/" + id + "/unsuspend", admin, Map.of()).statusCode())
                .isEqualTo(303);
        Browser back = signIn(address);
        assertThat(get("/me", back).statusCode()).isEqualTo(200);
        assertThat(get("/admin/audit", admin).body()).contains("suspend").contains("unsuspend");

        // the same from the machine, also when no admin can sign in (another address: three
        // sign-in mails an hour per address, on the fixture's fixed clock)
        String other = "cli.suspended@example.org";
        Browser theirs = signIn(other);
        assertThat(cli("admin", "suspend", other)).isZero();
        assertThat(get("/me", theirs).statusCode()).isEqualTo(401);
        assertThat(follow(newLink(other)).statusCode()).isEqualTo(403);
        assertThat(cli("admin", "unsuspend", other)).isZero();
        assertThat(get("/me", signIn(other)).statusCode()).isEqualTo(200);
        assertThat(cli("admin", "suspend", "nobody@example.org")).isEqualTo(2);
        assertThat(get("/admin/audit", admin).body()).contains("(by paperboy admin)");
    }

    @Test
    void theCommandLineDeletesAnAccountForAMemberWhoCannotSignIn() throws Exception {
        String address = "cannot.sign.in@example.org";
        Browser member = signIn(address);
        post("/papers/" + PAPER + "/comments", member, Map.of("body", "Erased by the admin."));
        assertThat(cli("admin", "delete", address)).as("--comments is required").isEqualTo(2);
        assertThat(cli("admin", "delete", address, "--comments", "erase")).isZero();
        assertThat(dump()).doesNotContain(address);
        assertThat(get("/papers/" + PAPER, null).body()).doesNotContain("Erased by the admin.");
        assertThat(cli("admin", "delete", address, "--comments", "erase"))
                .as("gone already")
                .isEqualTo(2);
    }

    private static int cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", site.dir.toString()));
        all.addAll(List.of(args));
        return paperboy.Paperboy.run(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()),
                all.toArray(String[]::new));
    }

    @Test
    void aClosedPrivateInstanceShowsStrangersOnlyTheWayToSignIn(@TempDir Path dir)
            throws Exception {
        try (Instance closed =
                Instance.of(
                        TestSettings.of(
                                dir,
                                Map.of(
                                        Setting.SITE_URL,
                                        "http://paperboy.test",
                                        Setting.SITE_PRIVATE,
                                        "true",
                                        Setting.ALLOWED_DOMAINS,
                                        "example.org")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(x -> Optional.empty()))) {
            closed.catalog()
                    .upsert(
                            List.of(
                                    TestPapers.paper(
                                            "2606.01001",
                                            "A private paper",
                                            "Only for members.",
                                            LocalDate.of(2026, 6, 1))));
            closed.searchUpToDate();
            String base = "http://127.0.0.1:" + closed.startWeb("127.0.0.1", 0);
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> home =
                    send(http, HttpRequest.newBuilder(URI.create(base + "/papers?q=x")).build());
            assertThat(home.statusCode()).isEqualTo(303);
            assertThat(home.headers().firstValue("Location"))
                    .contains(
                            "/signin?next="
                                    + URLEncoder.encode("/papers?q=x", StandardCharsets.UTF_8));
            for (String closedPath :
                    List.of("/api/daily_papers", "/papers/feed.atom", "/papers/2606.01001.bib")) {
                HttpResponse<String> answer =
                        send(http, HttpRequest.newBuilder(URI.create(base + closedPath)).build());
                assertThat(answer.statusCode()).as(closedPath).isEqualTo(401);
                assertThat(answer.body()).as(closedPath).doesNotContain("A private paper");
            }
            for (String open : List.of("/signin", "/healthz", "/assets/site.css", "/metrics")) {
                assertThat(
                                send(http, HttpRequest.newBuilder(URI.create(base + open)).build())
                                        .statusCode())
                        .as(open)
                        .isEqualTo(200);
            }

            HttpResponse<String> stranger =
                    send(http, form(base + "/signin", null, Map.of("email", "someone@other.org")));
            assertThat(stranger.statusCode()).isEqualTo(403);
            assertThat(stranger.body()).contains("Only addresses at example.org may sign in");
            HttpResponse<String> subscriber =
                    send(
                            http,
                            form(
                                    base + "/subscribe",
                                    null,
                                    Map.of("email", "me@example.org", "cadence", "daily")));
            assertThat(subscriber.statusCode())
                    .as("a stranger cannot subscribe to a private site")
                    .isEqualTo(401);
            assertThat(mails(dir)).as("no mail to an address outside the domains").isEmpty();

            assertThat(
                            send(
                                            http,
                                            form(
                                                    base + "/signin",
                                                    null,
                                                    Map.of(
                                                            "email",
                                                            "me@cs.example.org",
                                                            "next",
                                                            "/papers?q=x")))
                                    .statusCode())
                    .isEqualTo(200);
            List<String> mails = mails(dir);
            assertThat(mails).hasSize(1);
            Matcher link = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(mails.getFirst());
            assertThat(link.find()).isTrue();
            HttpResponse<String> in =
                    send(http, form(base + "/signin/verify", null, Map.of("token", link.group(1))));
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
            cookie = cookie.substring(0, cookie.indexOf(';'));
            HttpResponse<String> page =
                    send(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "/papers"))
                                    .header("Cookie", cookie)
                                    .build());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("A private paper");
            HttpResponse<String> feed =
                    send(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "/papers/feed.atom"))
                                    .header("Cookie", cookie)
                                    .build());
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Cache-Control"))
                    .as("a member's feed is stored nowhere on the way")
                    .contains("private, no-store");
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> elsewhere =
                    send(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "/subscribe"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Cookie", cookie)
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "csrf="
                                                            + csrf.group(1)
                                                            + "&cadence=daily&email=someone%40other.org"))
                                    .build());
            assertThat(elsewhere.statusCode()).isEqualTo(403);
            assertThat(elsewhere.body()).contains("Only addresses at example.org may subscribe");
            assertThat(mails(dir)).as("still only the sign-in mail").hasSize(1);
        }
    }

    private static List<String> mails(Path dir) throws Exception {
        Path outbox = dir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            List<String> texts = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                texts.add(
                        Files.readString(f)
                                .replace("=\r\n", "")
                                .replace("=\n", "")
                                .replace("=3D", "="));
            }
            return texts;
        }
    }

    /** Every string in every table of the catalog, one line per row. */
    private static String dump() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = site.db.dataSource().getConnection()) {
            for (String table :
                    List.of(
                            "members",
                            "sessions",
                            "signin_tokens",
                            "subscriptions",
                            "digest_deliveries",
                            "audit_log",
                            "comments",
                            "upvotes",
                            "feed_entries")) {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            all.append(rs.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static Browser signIn(String address) {
        HttpResponse<String> in = follow(newLink(address));
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        Browser bare = new Browser(cookie, "");
        Matcher m =
                Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                        .matcher(get("/me", bare).body());
        assertThat(m.find()).isTrue();
        return new Browser(cookie, m.group(1));
    }

    /** Asks for a sign-in link for {@code address} and returns it from the mail. */
    private static String newLink(String address) {
        int before = site.signInLinksMailedTo(address).size();
        assertThat(post("/signin", null, Map.of("email", address)).statusCode()).isEqualTo(200);
        return site.newSignInLinkMailedTo(address, before);
    }

    private static HttpResponse<String> follow(String link) {
        return post(
                "/signin/verify",
                null,
                Map.of("token", link.substring(link.indexOf("token=") + 6)));
    }

    private static Browser signedIn(String email, Role role) {
        long id = site.accounts.grant(email, role, "the test").id();
        var s = site.accounts.createSession(id, Duration.ofDays(1), site.clock.instant());
        return new Browser(s.cookieToken(), s.csrfToken());
    }

    private static HttpResponse<String> get(String path, Browser who) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(site.baseUrl + path));
        if (who != null) {
            b.header("Cookie", CommunityRoutes.SESSION_COOKIE + "=" + who.cookie());
        }
        return site.send(b.build());
    }

    private static HttpResponse<String> post(String path, Browser who, Map<String, String> fields) {
        return site.send(form(site.baseUrl + path, who, fields));
    }

    private static HttpRequest form(String url, Browser who, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (who != null) {
            all.putIfAbsent("csrf", who.csrf());
        }
        StringBuilder body = new StringBuilder();
        all.forEach(
                (k, v) ->
                        body.append(body.isEmpty() ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (who != null) {
            b.header("Cookie", CommunityRoutes.SESSION_COOKIE + "=" + who.cookie());
        }
        return b.build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request)
            throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
