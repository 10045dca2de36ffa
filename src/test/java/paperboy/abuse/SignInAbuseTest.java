package paperboy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.config.Setting;
import paperboy.testing.MailServers;
import paperboy.testing.SteppingClock;
import paperboy.testing.TestSettings;

/**
 * Sign-in links and sessions under abuse: a used link kills its siblings, a member can end every
 * session, expired links and sessions are deleted, and the two sign-in limits answer alike.
 */
class SignInAbuseTest {
    private static final Pattern LINK = Pattern.compile("/signin/verify\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir Path dir;
    private GreenMail mail;
    private SteppingClock clock;
    private Instance instance;
    private String baseUrl;

    @BeforeEach
    void start() {
        mail = MailServers.smtpAndImap();
        clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
        instance = site(1000);
    }

    private Instance site(int perClient) {
        Instance site =
                Instance.of(
                        TestSettings.of(
                                dir.resolve("data" + perClient),
                                Map.of(
                                        Setting.SITE_URL, "http://paperboy.test",
                                        Setting.SMTP_HOST, "127.0.0.1",
                                        Setting.SMTP_PORT, String.valueOf(mail.getSmtp().getPort()),
                                        Setting.SMTP_SECURITY, "none")),
                        Instance.Options.defaults()
                                .withClock(clock)
                                .withPageReuse(Duration.ZERO)
                                .withSignInsPerClientPerHour(perClient)
                                .withArxivLookup(id -> Optional.empty()));
        baseUrl = "http://127.0.0.1:" + site.startWeb("127.0.0.1", 0);
        return site;
    }

    @AfterEach
    void stop() {
        instance.close();
        mail.stop();
    }

    private HttpResponse<String> post(String path, Map<String, String> form, String cookie)
            throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach(
                (k, v) ->
                        body.append(body.isEmpty() ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            b.header("Cookie", "pb_session=" + cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (cookie != null) {
            b.header("Cookie", "pb_session=" + cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks for a link and returns its token, read from the mail GreenMail received. */
    private String linkFor(String address) throws Exception {
        int before = mail.getReceivedMessages().length;
        assertThat(post("/signin", Map.of("email", address), null).statusCode()).isEqualTo(200);
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(before + 1);
        Matcher m = LINK.matcher(received[before].getContent().toString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** Follows a link; returns the session cookie, or null when the link did not sign in. */
    private String follow(String token) throws Exception {
        HttpResponse<String> r = post("/signin/verify", Map.of("token", token), null);
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("pb_session=") && !c.startsWith("pb_session=;"))
                .map(c -> c.substring("pb_session=".length(), c.indexOf(';')))
                .filter(v -> !v.isEmpty())
                .findFirst()
                .orElse(null);
    }

    @Test
    void followingOneLinkUsesUpTheAddresssOtherLinks() throws Exception {
        String first = linkFor("reader@example.org");
        String second = linkFor("reader@example.org");
        assertThat(follow(second)).as("the newest link signs in").isNotNull();
        assertThat(follow(first)).as("the older one is dead now").isNull();
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheMember() throws Exception {
        String laptop = follow(linkFor("reader@example.org"));
        String phone = follow(linkFor("reader@example.org"));
        assertThat(get("/me", laptop).statusCode()).isEqualTo(200);
        String page = get("/me", phone).body();
        Matcher csrf = CSRF.matcher(page.substring(page.indexOf("/signout/everywhere")));
        assertThat(csrf.find()).as("the profile offers it").isTrue();

        assertThat(post("/signout/everywhere", Map.of("csrf", csrf.group(1)), phone).statusCode())
                .isEqualTo(303);

        assertThat(get("/me", phone).statusCode()).isEqualTo(401);
        assertThat(get("/me", laptop).statusCode()).as("the other browser too").isEqualTo(401);
    }

    @Test
    void expiredLinksAndSessionsAreDeleted() throws Exception {
        linkFor("old@example.org"); // never followed
        String session = follow(linkFor("reader@example.org"));
        clock.advance(Duration.ofDays(31));
        linkFor("new@example.org"); // asking for a link cleans up

        assertThat(count("SELECT COUNT(*) FROM signin_tokens"))
                .as("only the new link")
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sessions")).isZero();
        assertThat(get("/me", session).statusCode()).isEqualTo(401);
    }

    private long count(String sql) throws Exception {
        try (Connection c = instance.database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void bothSignInLimitsAnswerAlikeSoAStrangerLearnsNothingAboutAnAddress() throws Exception {
        instance.close();
        instance = site(4);
        for (int i = 0; i < 3; i++) {
            linkFor("victim@example.org");
        }
        HttpResponse<String> addressLimited =
                post("/signin", Map.of("email", "victim@example.org"), null);
        HttpResponse<String> clientLimited =
                post("/signin", Map.of("email", "stranger@example.org"), null);

        assertThat(List.of(addressLimited.statusCode(), clientLimited.statusCode()))
                .containsExactly(429, 429);
        assertThat(addressLimited.body()).isEqualTo(clientLimited.body());
        assertThat(addressLimited.headers().firstValue("Retry-After")).isPresent();
    }
}
