package paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.daily.DailyPapers;
import paperboy.daily.Period;
import paperboy.library.LibraryStore;
import paperboy.search.SearchHit;
import paperboy.testing.SiteFixture;

/**
 * From the subscribe box to the inbox, against a real SMTP + IMAP server (GreenMail): subscribe,
 * confirm, receive a digest with the right papers, links and headers, unsubscribe in one click.
 */
class DigestFlowIT {
    private static SiteFixture site;
    private static DigestRound round;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
        round =
                new DigestRound(
                        site.subscriptions,
                        new Outbox(site.db.dataSource()),
                        site.instance.digestComposer(),
                        site.transport,
                        site.baseUrl,
                        site.clock,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        "test-node");
    }

    static HttpResponse<String> post(String pathAndQuery, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach(
                (k, v) ->
                        body.append(body.isEmpty() ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return site.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        pathAndQuery.startsWith("http")
                                                ? pathAndQuery
                                                : site.baseUrl + pathAndQuery))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }

    static HttpResponse<String> get(String url) {
        return site.send(
                HttpRequest.newBuilder(
                                URI.create(url.startsWith("http") ? url : site.baseUrl + url))
                        .build());
    }

    private static String link(MimeMessage m, String path) throws Exception {
        Matcher matcher =
                Pattern.compile(
                                "(http://[^\\s\"<>]+"
                                        + Pattern.quote(path)
                                        + "\\?s=\\d+&t=[A-Za-z0-9_-]+)")
                        .matcher(text(m));
        assertThat(matcher.find()).as("a " + path + " link in: " + text(m)).isTrue();
        return matcher.group(1);
    }

    private static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof Multipart mp) {
            return mp.getBodyPart(0).getContent().toString();
        }
        return content.toString();
    }

    private static String html(MimeMessage m) throws Exception {
        return ((Multipart) m.getContent()).getBodyPart(1).getContent().toString();
    }

    @Test
    void subscribeConfirmReceiveAndUnsubscribeInOneClick() throws Exception {
        String address = "digest-reader@example.org";
        HttpResponse<String> asked =
                post(
                        "/subscribe",
                        Map.of(
                                "email",
                                address,
                                "cadence",
                                "daily",
                                "trending",
                                "3",
                                "categories",
                                "cs.CV",
                                "alerts",
                                "diffusion"));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Check your inbox");
        Period day = new Period.Day(LocalDate.of(2026, 7, 1));
        round.compose(Cadence.DAILY, day);
        round.deliver();
        List<MimeMessage> inbox = site.imapInbox(address);
        assertThat(inbox).as("only the confirmation before confirming").hasSize(1);
        assertThat(inbox.getFirst().getSubject()).isEqualTo("Confirm your Paperboy digest");

        String confirm = link(inbox.getFirst(), "/digest/confirm");
        assertThat(get(confirm).body()).contains("id=\"confirm-digest\"");
        URI u = URI.create(confirm);
        String s = u.getQuery().replaceAll(".*s=(\\d+).*", "$1");
        String t = u.getQuery().replaceAll(".*t=([A-Za-z0-9_-]+).*", "$1");
        assertThat(post("/digest/confirm", Map.of("s", s, "t", t)).body())
                .contains("Your digest is on");

        assertThat(round.compose(Cadence.DAILY, day)).isGreaterThanOrEqualTo(1);
        assertThat(round.deliver().sent()).isGreaterThanOrEqualTo(1);
        inbox = site.imapInbox(address);
        assertThat(inbox).hasSize(2);
        MimeMessage digest = inbox.get(1);
        assertThat(digest.getSubject())
                .startsWith("Paperboy: ")
                .endsWith("papers for Wednesday 1 July 2026");
        assertThat(digest.getContentType()).startsWith("multipart/alternative");
        String unsubscribeHeader = digest.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribeHeader)
                .startsWith("<" + site.baseUrl + "/digest/unsubscribe?s=" + s + "&t=")
                .endsWith(">");
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0])
                .isEqualTo("List-Unsubscribe=One-Click");
        // the day's top paper by trending score, as the day's list orders it
        String top =
                site.daily.rows(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 2)).stream()
                        .sorted(DailyPapers.byTrending(LocalDate.of(2026, 7, 1)))
                        .findFirst()
                        .orElseThrow()
                        .id();
        assertThat(html(digest))
                .contains("href=\"" + site.baseUrl + "/papers/" + top + "\"")
                .contains("Trending #1")
                .contains("New in cs.CV")
                .doesNotContain("<img")
                .doesNotContain("<link")
                .doesNotContain("<script");
        assertThat(text(digest))
                .contains(site.baseUrl + "/papers/" + top)
                .contains("Why: Trending #1")
                .contains("/digest/manage?s=" + s);

        assertThat(round.compose(Cadence.DAILY, day)).as("composed once per period").isZero();
        String unsubscribe = unsubscribeHeader.substring(1, unsubscribeHeader.length() - 1);
        HttpResponse<String> oneClick =
                site.send(
                        HttpRequest.newBuilder(URI.create(unsubscribe))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header(
                                        "Origin",
                                        "https://webmail.example.com") // RFC 8058: the provider
                                // posts it, from anywhere
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "List-Unsubscribe=One-Click"))
                                .build());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.body()).contains("No more digests go to " + address);
        round.compose(Cadence.DAILY, new Period.Day(LocalDate.of(2026, 6, 30)));
        round.deliver();
        assertThat(site.imapInbox(address)).as("nothing after unsubscribing").hasSize(2);
    }

    @Test
    void aMemberGetsTheirRecommendationsFirstInTheirDigest() throws Exception {
        String address = "digest-member@example.org";
        LocalDate wednesday = LocalDate.of(2026, 7, 1);
        long member = site.accounts.memberFor(address).id();
        List<String> liked =
                site.search.search("diffusion models denoising", 0, 100).stream()
                        .map(SearchHit::id)
                        .filter(
                                id ->
                                        site.catalog
                                                .find(ArxivId.of(id))
                                                .orElseThrow()
                                                .announced()
                                                .isBefore(wednesday.minusDays(7)))
                        .limit(6)
                        .toList();
        new LibraryStore(site.db.dataSource(), site.clock).addAll(member, liked, "bibtex");
        Subscription sub =
                site.subscriptions.subscribe(
                        address,
                        new Subscriptions.Preferences(Cadence.DAILY, 3, List.of(), List.of()),
                        site.clock.instant());
        site.subscriptions.confirm(sub.id(), site.clock.instant());

        round.compose(Cadence.DAILY, new Period.Day(wednesday));
        round.deliver();
        List<MimeMessage> inbox = site.imapInbox(address);
        assertThat(inbox).hasSize(1);
        String text = text(inbox.getFirst());
        assertThat(text)
                .contains("RECOMMENDED FOR YOU")
                .contains(site.baseUrl + "/for-you")
                .contains("Why: Close to “")
                .contains("MORE THIS TIME")
                .contains("Why: Trending #1");
        assertThat(text.indexOf("RECOMMENDED FOR YOU")).isLessThan(text.indexOf("MORE THIS TIME"));
        String because = text.replaceAll("(?s).*?Why: Close to “([^”]+)”.*", "$1");
        assertThat(
                        liked.stream()
                                .map(id -> site.catalog.find(ArxivId.of(id)).orElseThrow().title()))
                .as("the reason names a paper of the library")
                .contains(because);
        assertThat(html(inbox.getFirst()))
                .contains("Recommended for you")
                .contains("href=\"" + site.baseUrl + "/for-you\"")
                .contains("in your library");
    }

    @Test
    void alertsKeepOnlyStrongMatchesAndAnEmptyDigestIsNotSent() {
        Subscription s =
                site.subscriptions.subscribe(
                        "alerts@example.org",
                        new Subscriptions.Preferences(
                                Cadence.WEEKLY, 0, List.of("fixed point"), List.of()),
                        site.clock.instant());
        DigestComposer composer = site.instance.digestComposer();
        Digest week = composer.compose(s, Period.Week.parse("2026-W25"), site.baseUrl);
        assertThat(week.papers()).isBetween(1, DigestComposer.PER_SECTION);
        assertThat(week.text())
                .contains("Matches your alert “fixed point”")
                .contains("Fixed-Point");
        Subscription nothing =
                site.subscriptions.subscribe(
                        "nothing@example.org",
                        new Subscriptions.Preferences(
                                Cadence.WEEKLY, 0, List.of("qqzxv wwqpz"), List.of()),
                        site.clock.instant());
        assertThat(composer.compose(nothing, Period.Week.parse("2026-W25"), site.baseUrl).papers())
                .isZero();
    }

    @Test
    void trendingPapersComeFromTheDigestsOwnPeriodSoNoDigestRepeatsTheLast() {
        Subscription s =
                site.subscriptions.subscribe(
                        "trending@example.org",
                        new Subscriptions.Preferences(Cadence.DAILY, 5, List.of(), List.of()),
                        site.clock.instant());
        DigestComposer composer = site.instance.digestComposer();
        Digest monday =
                composer.compose(s, new Period.Day(LocalDate.of(2026, 6, 29)), site.baseUrl);
        Digest tuesday =
                composer.compose(s, new Period.Day(LocalDate.of(2026, 6, 30)), site.baseUrl);
        assertThat(monday.papers()).isEqualTo(5);
        assertThat(tuesday.papers()).isEqualTo(5);
        assertThat(paperLinks(monday.text()))
                .doesNotContainAnyElementsOf(paperLinks(tuesday.text()));
        assertThat(
                        composer.compose(s, new Period.Day(LocalDate.of(2026, 6, 28)), site.baseUrl)
                                .papers())
                .as("a Sunday: nothing announced, nothing sent")
                .isZero();
    }

    private List<String> paperLinks(String text) {
        return Pattern.compile(Pattern.quote(site.baseUrl) + "/papers/\\S+")
                .matcher(text)
                .results()
                .map(MatchResult::group)
                .toList();
    }

    @Test
    void linksCannotBeForgedOrReusedForAnotherAddressOrPurpose() {
        Subscription a =
                site.subscriptions.subscribe(
                        "owner-a@example.org",
                        new Subscriptions.Preferences(Cadence.DAILY, 5, List.of(), List.of()),
                        site.clock.instant());
        Subscription b =
                site.subscriptions.subscribe(
                        "owner-b@example.org",
                        new Subscriptions.Preferences(Cadence.DAILY, 5, List.of(), List.of()),
                        site.clock.instant());
        String tokenA = DigestLinks.token(DigestLinks.Purpose.UNSUBSCRIBE, a);
        String tampered = (tokenA.charAt(0) == 'A' ? 'B' : 'A') + tokenA.substring(1);
        for (String path :
                List.of(
                        "/digest/unsubscribe?s=" + a.id() + "&t=" + tampered,
                        "/digest/unsubscribe?s=" + b.id() + "&t=" + tokenA,
                        "/digest/confirm?s=" + a.id() + "&t=" + tokenA,
                        "/digest/manage?s=" + a.id() + "&t=" + tokenA,
                        "/digest/unsubscribe?s=" + a.id(),
                        "/digest/unsubscribe?s=x&t=" + tokenA)) {
            assertThat(get(path).statusCode()).as("GET " + path).isEqualTo(403);
            HttpResponse<String> r = post(path, Map.of());
            assertThat(r.statusCode()).as("POST " + path).isEqualTo(403);
            assertThat(r.body()).contains("This link is not valid");
        }
        assertThat(site.subscriptions.byId(b.id()).orElseThrow().unsubscribedAt()).isNull();
        assertThat(post("/digest/unsubscribe?s=" + a.id() + "&t=" + tokenA, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(site.subscriptions.byId(a.id()).orElseThrow().unsubscribedAt()).isNotNull();
    }

    @Test
    void subscribingIsRateLimitedPerAddress() {
        for (int i = 0; i < SubscriptionDesk.PER_ADDRESS_PER_HOUR; i++) {
            assertThat(post("/subscribe", Map.of("email", "stranger@example.org")).statusCode())
                    .isEqualTo(200);
        }
        assertThat(post("/subscribe", Map.of("email", "stranger@example.org")).statusCode())
                .isEqualTo(429);
        assertThat(site.imapInbox("stranger@example.org"))
                .hasSize(SubscriptionDesk.PER_ADDRESS_PER_HOUR);
        assertThat(post("/subscribe", Map.of("email", "no-at-sign")).statusCode()).isEqualTo(400);
        assertThat(
                        post("/subscribe", Map.of("email", "x@example.org", "cadence", "hourly"))
                                .statusCode())
                .isEqualTo(400);
    }
}
