package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.community.Accounts;
import paperboy.community.Member;
import paperboy.community.Role;
import paperboy.daily.FeedRow;
import paperboy.digest.Cadence;
import paperboy.digest.DigestLinks;
import paperboy.digest.Subscription;
import paperboy.digest.Subscriptions;
import paperboy.testing.SiteFixture;

/**
 * Members' public names, their page, stopping a digest from its manage page, and the curators' bar
 * and confirmation pages, over real HTTP on the full sample site (sign-in by a link read back from
 * GreenMail where the member's way in matters).
 */
class MembersIT {
    private static SiteFixture site;

    /** A signed-in browser: its cookie and its forms' token. */
    record Browser(String cookie, String csrf) {}

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    // ---- public names ------------------------------------------------------------------------

    @Test
    void aMemberSignedInByMailChoosesANameShownWithTheirSubmissionCommentsHeaderAndAudit() {
        Browser grace = signInByMail("name-chooser@example.org");
        String me = get("/me", grace).body();
        assertThat(me).contains("href=\"/me/settings\"").contains("<bdi>name-chooser</bdi>");
        assertThat(get("/papers/trending", grace).body())
                .as("the header's name area leads to the settings")
                .contains(
                        "<bdi><a href=\"/me\">name-chooser</a></bdi> · <a href=\"/me/settings\">");
        String settings = get("/me/settings", grace).body();
        assertThat(settings)
                .contains("You are shown as <strong><bdi id=\"current-name\">name-chooser</bdi>")
                .contains("a name made from your email address")
                .contains("<label for=\"display-name\">")
                .contains("name=\"csrf\" value=\"" + grace.csrf() + "\"");

        HttpResponse<String> saved =
                post("/me/settings", grace, Map.of("name", "  Grace \t Hopper "));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/me/settings?saved=1");
        assertThat(get("/me/settings?saved=1", grace).body())
                .contains("Saved: you are shown as “Grace Hopper”.")
                .contains("<bdi><a href=\"/me\">Grace Hopper</a></bdi>")
                .doesNotContain("a name made from your email address");

        String paper = submittablePaper();
        assertThat(post("/submit", grace, Map.of("paper", paper)).statusCode()).isEqualTo(303);
        HttpResponse<String> commented =
                post("/papers/" + paper + "/comments", grace, Map.of("body", "Nice *proof*."));
        assertThat(commented.statusCode()).isEqualTo(303);
        String location = commented.headers().firstValue("Location").orElseThrow();
        String anchor = location.substring(location.indexOf('#') + 1);
        for (Browser reader : new Browser[] {null, grace}) {
            assertThat(get("/papers/" + paper, reader).body())
                    .contains("submitted by Grace Hopper")
                    .contains("id=\"" + anchor + "\"")
                    .contains("<strong><bdi>Grace Hopper</bdi></strong>")
                    .doesNotContain("name-chooser");
        }
        assertThat(get("/papers/date/2026-07-01", null).body())
                .contains("submitted by Grace Hopper");

        // /me: each comment with its paper's title, linked at the comment
        String title = site.catalog.find(ArxivId.of(paper)).orElseThrow().title();
        assertThat(get("/me", grace).body())
                .contains("<h1><bdi>Grace Hopper</bdi></h1>")
                .contains(
                        "On <a href=\"/papers/"
                                + paper
                                + "#"
                                + anchor
                                + "\">"
                                + escaped(title)
                                + "</a>")
                .contains("<em>proof</em>");

        // renamed: shown with the new name everywhere at once, the old one nowhere
        assertThat(post("/me/settings", grace, Map.of("name", "Grace B. Hopper")).statusCode())
                .isEqualTo(303);
        assertThat(get("/papers/" + paper, null).body())
                .contains("submitted by Grace B. Hopper")
                .contains("<bdi>Grace B. Hopper</bdi>")
                .doesNotContain("Grace Hopper<");
        assertThat(get("/admin/audit", session("names-admin@example.org", Role.ADMIN)).body())
                .contains(
                        "<td><bdi>Grace B. Hopper</bdi></td><td>rename</td><td>name-chooser →"
                                + " Grace Hopper</td>")
                .contains("<td>rename</td><td>Grace Hopper → Grace B. Hopper</td>");
    }

    @Test
    void everyRefusedNameIsA400WithTheReasonAndTheTypedValueKept() {
        Browser curie = session("marie@example.org", Role.MEMBER);
        assertThat(post("/me/settings", curie, Map.of("name", "Marie Curie")).statusCode())
                .isEqualTo(303);
        Browser member = session("refused-names@example.org", Role.MEMBER);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "Please type the name");
        cases.put("   ", "Please type the name");
        cases.put("x", "at least 2 characters");
        cases.put("x".repeat(41), "at most 40 characters; this one has 41");
        cases.put("y".repeat(10_000), "at most 40 characters; this one has 10000");
        cases.put("<script>alert(1)</script>", "“&lt;” (U+003C) is not one of them");
        cases.put("Bob\"><img src=x onerror=alert(1)>", "“\"” (U+0022)");
        cases.put("\u202eevil", "U+202E is not one of them");
        cases.put("ad\u200bmin", "U+200B is not one of them");
        cases.put("bob\u200d", "U+200D is not one of them");
        cases.put("...", "at least one letter or digit");
        cases.put("admin", "“admin” is reserved");
        cases.put("Paperboy Support", "“paperboy” is reserved");
        cases.put("MODERATOR", "“moderator” is reserved");
        cases.put("ｒｏｏｔ", "“root” is reserved");
        cases.put("marie CURIE", "already another member's name");
        cases.put(" Marie  Curie ", "already another member's name");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = post("/me/settings", member, Map.of("name", c.getKey()));
            String shown = c.getKey().length() > 40 ? c.getKey().substring(0, 40) : c.getKey();
            if (r.statusCode() != 400
                    || !r.body().contains(c.getValue())
                    || !r.body().contains("aria-invalid=\"true\"")
                    || !r.body().contains("value=\"" + escapedInAttribute(shown))
                    || r.body().contains("<script>alert")
                    || r.body().contains("<img src=x")
                    || r.body().contains("Exception")) {
                failures.add(
                        "“"
                                + shown
                                + "”: "
                                + r.statusCode()
                                + ", expected 400 saying "
                                + c.getValue());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(site.accounts.findByEmail("refused-names@example.org").orElseThrow().name())
                .as("nothing refused was kept")
                .isEqualTo("refused-names");
        assertThat(
                        post("/me/settings", member, Map.of("name", "Marie Curie-Skłodowska"))
                                .statusCode())
                .as("a name that merely starts like another's")
                .isEqualTo(303);
        assertThat(post("/me/settings", member, Map.of("name", "דוד כהן")).statusCode())
                .as("right-to-left letters are letters")
                .isEqualTo(303);
        assertThat(get("/me", member).body()).contains("<h1><bdi>דוד כהן</bdi></h1>");
    }

    @Test
    void settingsNeedASignedInMemberAndTheFormsToken() {
        assertThat(get("/me/settings", null).statusCode()).isEqualTo(401);
        assertThat(post("/me/settings", null, Map.of("name", "Anybody")).statusCode())
                .isEqualTo(401);
        Browser member = session("csrf-names@example.org", Role.MEMBER);
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("csrf", "guessed");
        forged.put("name", "Forged Name");
        HttpResponse<String> r = post("/me/settings", member, forged);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("did not come from this site");
        assertThat(site.accounts.findByEmail("csrf-names@example.org").orElseThrow().name())
                .isEqualTo("csrf-names");
    }

    // ---- digests -----------------------------------------------------------------------------

    @Test
    void theManagePageStopsTheDigestForRealAndCanStartItAgain() {
        Subscription s =
                site.subscriptions.subscribe(
                        "stopper@example.org",
                        new Subscriptions.Preferences(Cadence.DAILY, 5, List.of(), List.of()),
                        site.clock.instant());
        site.subscriptions.confirm(s.id(), site.clock.instant());
        String manage = new DigestLinks("").url(DigestLinks.Purpose.MANAGE, s);
        String token = manage.substring(manage.indexOf("&t=") + 3);
        String page = get(manage, null).body();
        assertThat(page)
                .contains("<form class=\"digest-stop\" action=\"/digest/stop\" method=\"post\">")
                .contains("name=\"t\" value=\"" + token + "\"")
                .contains("id=\"stop-digest\"");

        Map<String, String> wrongPurpose = new LinkedHashMap<>();
        wrongPurpose.put("s", String.valueOf(s.id()));
        wrongPurpose.put("t", DigestLinks.token(DigestLinks.Purpose.CONFIRM, s));
        assertThat(post("/digest/stop", null, wrongPurpose).statusCode()).isEqualTo(403);
        assertThat(post("/digest/stop", null, Map.of("s", "" + s.id(), "t", "x")).statusCode())
                .isEqualTo(403);
        assertThat(site.subscriptions.active(Cadence.DAILY))
                .extracting(Subscription::id)
                .contains(s.id());

        // signed in or not: the signed link is what counts, not a session
        Browser member = session("stopper@example.org", Role.MEMBER);
        Map<String, String> stop = new LinkedHashMap<>();
        stop.put("csrf", null);
        stop.put("s", String.valueOf(s.id()));
        stop.put("t", token);
        HttpResponse<String> stopped = post("/digest/stop", member, stop);
        assertThat(stopped.statusCode()).isEqualTo(303);
        assertThat(stopped.headers().firstValue("Location")).hasValue(manage);
        assertThat(site.subscriptions.byId(s.id()).orElseThrow().unsubscribedAt()).isNotNull();
        assertThat(site.subscriptions.active(Cadence.DAILY))
                .extracting(Subscription::id)
                .doesNotContain(s.id());
        assertThat(get(manage, null).body())
                .contains("<h1>Your digest is stopped</h1>")
                .contains("No digests go to stopper@example.org.")
                .contains("action=\"/digest/resume\"")
                .doesNotContain("id=\"stop-digest\"");
        assertThat(get("/me", member).body())
                .contains("daily digest to stopper@example.org is stopped.");

        HttpResponse<String> resumed = post("/digest/resume", null, stop);
        assertThat(resumed.statusCode()).isEqualTo(303);
        assertThat(site.subscriptions.active(Cadence.DAILY))
                .extracting(Subscription::id)
                .contains(s.id());
        assertThat(get(manage, null).body())
                .contains("<h1>Your digest</h1>")
                .contains("id=\"stop-digest\"");
    }

    // ---- curators ----------------------------------------------------------------------------

    @Test
    void theCuratorBarSaysWhereThePaperStandsAndOffersOnlyWhatApplies() {
        Browser curator = session("bar-curator@example.org", Role.CURATOR);
        LocalDate day = quietDay(0);
        String paper = plainPaperOf(day);
        String path = "/papers/" + paper;

        String plain = get(path, curator).body();
        assertThat(state(plain)).isEqualTo("Not featured, listed as usual");
        assertThat(plain)
                .contains("action=\"" + path + "/feature\"")
                .contains("href=\"" + path + "/hide/confirm\"")
                .doesNotContain("action=\"" + path + "/unfeature\"")
                .doesNotContain("action=\"" + path + "/unhide\"")
                .doesNotContain("action=\"" + path + "/hide\"");
        for (Browser other : new Browser[] {null, session("bar-member@example.org", Role.MEMBER)}) {
            assertThat(get(path, other).body())
                    .doesNotContain("class=\"curation\"")
                    .doesNotContain("/hide/confirm");
        }

        assertThat(post(path + "/feature", curator, Map.of("day", day.toString())).statusCode())
                .isEqualTo(303);
        String featured = get(path, curator).body();
        assertThat(state(featured)).isEqualTo("Featured");
        assertThat(featured)
                .contains("action=\"" + path + "/unfeature\"")
                .doesNotContain("action=\"" + path + "/feature\"")
                .contains("href=\"" + path + "/hide/confirm\"");

        // hiding asks first, on a page of its own whose form carries the session's token
        String confirm = get(path + "/hide/confirm", curator).body();
        assertThat(confirm)
                .contains("<h1>Hide this paper?</h1>")
                .contains(
                        "<form class=\"confirm-form\" action=\""
                                + path
                                + "/hide\" method=\"post\">")
                .contains("name=\"csrf\" value=\"" + curator.csrf() + "\"")
                .contains(">Yes, hide</button>")
                .contains("<a href=\"" + path + "\" id=\"cancel-action\">Cancel</a>");
        Map<String, String> noToken = new LinkedHashMap<>();
        noToken.put("csrf", null);
        assertThat(post(path + "/hide", curator, noToken).statusCode()).isEqualTo(403);
        assertThat(state(get(path, curator).body())).isEqualTo("Featured");
        assertThat(post(path + "/hide", curator, Map.of()).statusCode()).isEqualTo(303);

        String hidden = get(path, curator).body();
        assertThat(state(hidden)).isEqualTo("Hidden from lists (featured when shown again)");
        assertThat(hidden)
                .contains("action=\"" + path + "/unhide\"")
                .contains("action=\"" + path + "/unfeature\"")
                .doesNotContain("/hide/confirm");
        assertThat(site.paperIdsOn("/papers/date/" + day)).doesNotContain(paper);

        assertThat(post(path + "/unhide", curator, Map.of()).statusCode()).isEqualTo(303);
        assertThat(post(path + "/unfeature", curator, Map.of()).statusCode()).isEqualTo(303);
        assertThat(state(get(path, curator).body())).isEqualTo("Not featured, listed as usual");
        assertThat(site.paperIdsOn("/papers/date/" + day)).contains(paper);
    }

    @Test
    void curatorsHideAndShowCommentsAgainAfterAskingAndNobodyElseCan() {
        String paper = plainPaperOf(quietDay(1));
        String path = "/papers/" + paper;
        Browser author = session("comment-author@example.org", Role.MEMBER);
        Browser member = session("comment-reader@example.org", Role.MEMBER);
        Browser curator = session("comment-curator@example.org", Role.CURATOR);
        Browser admin = session("comment-admin@example.org", Role.ADMIN);
        long comment =
                site.community.comment(
                        ArxivId.of(paper),
                        memberId("comment-author@example.org"),
                        "Words of *mine*");
        String hideConfirm = "/comments/" + comment + "/hide/confirm";
        String deleteConfirm = "/comments/" + comment + "/delete/confirm";

        assertThat(get(path, curator).body())
                .contains("href=\"" + hideConfirm + "\"")
                .doesNotContain("href=\"" + deleteConfirm + "\"");
        assertThat(get(path, author).body())
                .contains("href=\"" + deleteConfirm + "\"")
                .doesNotContain(hideConfirm);
        assertThat(get(path, admin).body()).contains("href=\"" + deleteConfirm + "\"");
        assertThat(get(path, member).body())
                .doesNotContain(hideConfirm)
                .doesNotContain(deleteConfirm);

        // who reaches which page: never a 500
        record Case(String path, @Nullable Browser who, int status) {}
        List<Case> cases =
                List.of(
                        new Case(hideConfirm, null, 401),
                        new Case(hideConfirm, member, 403),
                        new Case(hideConfirm, author, 403),
                        new Case(hideConfirm, curator, 200),
                        new Case("/comments/999999999/hide/confirm", curator, 404),
                        new Case("/comments/abc/hide/confirm", curator, 404),
                        new Case(deleteConfirm, null, 401),
                        new Case(deleteConfirm, member, 403),
                        new Case(deleteConfirm, curator, 403),
                        new Case(deleteConfirm, author, 200),
                        new Case(deleteConfirm, admin, 200),
                        new Case("/comments/999999999/delete/confirm", author, 404),
                        new Case(path + "/hide/confirm", null, 401),
                        new Case(path + "/hide/confirm", member, 403),
                        new Case(path + "/hide/confirm", curator, 200),
                        new Case("/papers/2607.99999/hide/confirm", curator, 404),
                        new Case("/papers/not-a-paper/hide/confirm", curator, 404));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> r = get(c.path(), c.who());
            if (r.statusCode() != c.status() || r.body().contains("Exception")) {
                failures.add(
                        c.path()
                                + " as "
                                + c.who()
                                + ": "
                                + r.statusCode()
                                + ", expected "
                                + c.status());
            }
        }
        assertThat(failures).isEmpty();

        String confirm = get(hideConfirm, curator).body();
        assertThat(confirm)
                .contains("<h1>Hide this comment?</h1>")
                .contains("<bdi>comment-author</bdi>")
                .contains("<em>mine</em>")
                .contains("action=\"/comments/" + comment + "/hide\"")
                .contains("name=\"csrf\" value=\"" + curator.csrf() + "\"")
                .contains("href=\"" + path + "#comment-" + comment + "\" id=\"cancel-action\"");
        Map<String, String> noToken = new LinkedHashMap<>();
        noToken.put("csrf", null);
        assertThat(post("/comments/" + comment + "/hide", curator, noToken).statusCode())
                .isEqualTo(403);
        assertThat(get(path, null).body()).contains("Words of <em>mine</em>");
        assertThat(post("/comments/" + comment + "/hide", curator, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(get(path, null).body()).doesNotContain("Words of");
        assertThat(get(path, member).body()).doesNotContain("Words of");
        String forCurator = get(path, curator).body();
        assertThat(forCurator)
                .contains("hidden by a curator")
                .contains("action=\"/comments/" + comment + "/unhide\"")
                .doesNotContain(hideConfirm);

        assertThat(post("/comments/" + comment + "/unhide", null, Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(post("/comments/" + comment + "/unhide", member, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(post("/comments/" + comment + "/unhide", author, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(post("/comments/" + comment + "/unhide", curator, noToken).statusCode())
                .isEqualTo(403);
        assertThat(get(path, null).body()).doesNotContain("Words of");
        HttpResponse<String> unhidden = post("/comments/" + comment + "/unhide", curator, Map.of());
        assertThat(unhidden.statusCode()).isEqualTo(303);
        assertThat(unhidden.headers().firstValue("Location"))
                .hasValue(path + "#comment-" + comment);
        assertThat(get(path, null).body()).contains("Words of <em>mine</em>");
        assertThat(get("/comments/99999999/unhide", curator).statusCode())
                .as("GET is no way to act")
                .isIn(404, 405);
        assertThat(get("/admin/audit", admin).body())
                .contains("<td>hide-comment</td><td>" + comment + " on " + paper + "</td>")
                .contains("<td>unhide-comment</td><td>" + comment + " on " + paper + "</td>");

        // deleting asks first too, and its form needs the token
        assertThat(get(deleteConfirm, author).body())
                .contains("<h1>Delete this comment?</h1>")
                .contains("cannot be undone")
                .contains("action=\"/comments/" + comment + "/delete\"")
                .contains(">Yes, delete</button>");
        assertThat(post("/comments/" + comment + "/delete", author, noToken).statusCode())
                .isEqualTo(403);
        assertThat(site.community.comment(comment)).isPresent();
        assertThat(post("/comments/" + comment + "/delete", author, Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(site.community.comment(comment)).isEmpty();
        assertThat(get(deleteConfirm, author).statusCode()).isEqualTo(404);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static final Pattern STATE =
            Pattern.compile("id=\"curation-state\">Curation: <strong>([^<]*)</strong>");

    private static String state(String page) {
        Matcher m = STATE.matcher(page);
        assertThat(m.find()).as("the curator bar says where the paper stands").isTrue();
        return m.group(1);
    }

    /**
     * A day of May 2026 with papers: older than the 30 days of trending, a day no other test writes
     * to.
     */
    private static LocalDate quietDay(int which) {
        int found = 0;
        for (LocalDate d = LocalDate.of(2026, 5, 12); ; d = d.plusDays(1)) {
            if (!site.daily.rows(d, d.plusDays(1)).isEmpty() && found++ == which) {
                return d;
            }
        }
    }

    /** A paper of {@code day} that nobody submitted, featured or hid. */
    private static String plainPaperOf(LocalDate day) {
        return site.daily.rows(day, day.plusDays(1)).stream()
                .filter(r -> r.entryDay() == null)
                .map(FeedRow::id)
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    /**
     * A paper nobody submitted yet that may still be submitted today: the last by id of the first
     * day with papers from 20 June 2026 (other tests take the first ones).
     */
    private static String submittablePaper() {
        for (LocalDate d = LocalDate.of(2026, 6, 20); ; d = d.plusDays(1)) {
            List<String> ids =
                    site.daily.rows(d, d.plusDays(1)).stream()
                            .filter(r -> r.entryDay() == null)
                            .map(FeedRow::id)
                            .sorted()
                            .toList();
            if (!ids.isEmpty()) {
                return ids.getLast();
            }
        }
    }

    private static long memberId(String email) {
        return site.accounts.findByEmail(email).orElseThrow().id();
    }

    /** Text as the templates escape it between tags. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Text as the templates escape it in an attribute's value. */
    private static String escapedInAttribute(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    /** Signs in the way a reader does: the form, the mail, the link's page, its button. */
    private static Browser signInByMail(String address) {
        assertThat(post("/signin", null, Map.of("email", address)).statusCode()).isEqualTo(200);
        String link = site.signInLinkMailedTo(address);
        String path = link.substring(link.indexOf("/signin"));
        assertThat(get(path, null).body()).contains("id=\"finish-signin\"");
        HttpResponse<String> followed =
                post(
                        "/signin/verify",
                        null,
                        Map.of("token", link.substring(link.indexOf("token=") + 6)));
        assertThat(followed.statusCode()).isEqualTo(303);
        String setCookie = followed.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        Matcher csrf =
                Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                        .matcher(get("/me", new Browser(cookie, "")).body());
        assertThat(csrf.find()).isTrue();
        return new Browser(cookie, csrf.group(1));
    }

    /** A session made directly in the store, for the tests where the way in does not matter. */
    private static Browser session(String email, Role role) {
        Member m =
                role == Role.MEMBER
                        ? site.accounts.memberFor(email)
                        : site.accounts.grant(email, role, "the test");
        Accounts.NewSession s =
                site.accounts.createSession(m.id(), Duration.ofDays(1), site.clock.instant());
        return new Browser(s.cookieToken(), s.csrfToken());
    }

    private static HttpResponse<String> post(
            String path, @Nullable Browser who, Map<String, String> form) {
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
        return site.send(b.build());
    }

    private static HttpResponse<String> get(String path, @Nullable Browser who) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(site.baseUrl + path));
        if (who != null) {
            b.header("Cookie", CommunityRoutes.SESSION_COOKIE + "=" + who.cookie());
        }
        return site.send(b.build());
    }
}
