package paperboy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.common.EmailAddress;
import paperboy.config.Setting;
import paperboy.testing.MailServers;
import paperboy.testing.TestSettings;

/**
 * Addresses that name more than one mailbox, or hide one, get a 400 on both forms that take an
 * address, and leave nothing behind: no mail, no row. (One "address" with two recipients let
 * whoever got the second copy confirm a digest for the first.)
 */
class AddressAbuseTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> HOSTILE =
            List.of(
                    "victim@example.org,attacker%evil.example",
                    "victim@example.org, attacker@evil.example",
                    "victim@example.org;attacker@evil.example",
                    "x <victim@example.org>",
                    "\"x\" <victim@example.org>",
                    "victim@example.org(c)",
                    "(c)victim@example.org",
                    "\"victim\"@example.org",
                    "victim%attacker@evil.example@example.org",
                    "victim@example.org\r\nBcc: attacker@evil.example",
                    "victim@example.org\nattacker@evil.example",
                    "victim@[127.0.0.1]",
                    "@evil.example:victim@example.org",
                    "victim@example.org.",
                    "victim@localhost",
                    "",
                    " ",
                    "a".repeat(400) + "@example.org");

    @TempDir static Path dir;
    private static GreenMail mail;
    private static Instance instance;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        mail = MailServers.smtpAndImap();
        instance =
                Instance.of(
                        TestSettings.of(
                                dir,
                                Map.of(
                                        Setting.SITE_URL, "http://paperboy.test",
                                        Setting.SMTP_HOST, "127.0.0.1",
                                        Setting.SMTP_PORT, String.valueOf(mail.getSmtp().getPort()),
                                        Setting.SMTP_SECURITY, "none")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withSignInsPerClientPerHour(100_000)
                                .withArxivLookup(id -> Optional.empty()));
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
        mail.stop();
    }

    private static HttpResponse<String> post(String path, Map<String, String> form)
            throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach(
                (k, v) ->
                        body.append(body.isEmpty() ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long rows(String table) throws Exception {
        try (Connection c = instance.database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void hostileAddressesAreRefusedOnBothFormsAndLeaveNothingBehind() throws Exception {
        for (String address : fuzzed()) {
            HttpResponse<String> signIn = post("/signin", Map.of("email", address));
            HttpResponse<String> subscribe =
                    post("/subscribe", Map.of("email", address, "trending", "5"));
            assertThat(signIn.statusCode()).as("sign in: %s", address).isEqualTo(400);
            assertThat(subscribe.statusCode()).as("subscribe: %s", address).isEqualTo(400);
        }
        assertThat(mail.getReceivedMessages()).as("no mail sent").isEmpty();
        assertThat(rows("subscriptions")).as("no subscription stored").isZero();
        assertThat(rows("signin_tokens")).as("no sign-in link stored").isZero();
    }

    @Test
    void oneMailboxIsStillWelcomeAndGetsExactlyOneRecipient() throws Exception {
        assertThat(
                        post("/subscribe", Map.of("email", "Reader@Example.org", "trending", "5"))
                                .statusCode())
                .isEqualTo(200);
        assertThat(mail.getReceivedMessages())
                .singleElement()
                .satisfies(m -> assertThat(m.getAllRecipients()).hasSize(1));
        assertThat(
                        post(
                                        "/subscribe",
                                        Map.of(
                                                "email",
                                                "r@example.org",
                                                "trending",
                                                "5",
                                                "categories",
                                                "cs.LG <b>"))
                                .statusCode())
                .as("a category that is not one")
                .isEqualTo(400);
    }

    /** The list above, and mutations of it: inserted separators, quotes, CR/LF, percent signs. */
    private static List<String> fuzzed() {
        List<String> all = new ArrayList<>(HOSTILE);
        Random random = new Random(13);
        String[] inserts = {
            ",", ";", " ", "<", ">", "\"", "(", ")", "\r\n", "%", "\\", ":", "[", "]"
        };
        for (int i = 0; i < 200; i++) {
            String base = "victim@example.org";
            int at = random.nextInt(base.length() + 1);
            String mutated =
                    base.substring(0, at)
                            + inserts[random.nextInt(inserts.length)]
                            + base.substring(at);
            if (EmailAddress.parse(mutated).isEmpty()) {
                all.add(mutated);
            }
        }
        return all;
    }
}
