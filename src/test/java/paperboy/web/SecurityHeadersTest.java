package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import paperboy.app.Instance;
import paperboy.community.Accounts;
import paperboy.community.Member;
import paperboy.config.Setting;
import paperboy.testing.Poll;
import paperboy.testing.TestSettings;

/**
 * The headers every answer carries (issue 13, findings 6, 7 and 12): Jetty's own error pages carry
 * the site's security headers, HSTS goes out exactly when the site is https, whatever is rendered
 * for a signed-in reader (errors too) is never stored on the way, and the access log leaves out
 * secrets however their names are spelled.
 */
class SecurityHeadersTest {
    @TempDir static Path httpsDir;
    @TempDir static Path httpDir;

    private static Instance https;
    private static Instance http;
    private static int httpsPort;
    private static int httpPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        https = instance(httpsDir, "https://papers.example.org");
        httpsPort = https.startWeb("127.0.0.1", 0);
        http = instance(httpDir, "http://papers.example.org");
        httpPort = http.startWeb("127.0.0.1", 0);
    }

    private static Instance instance(Path dir, String siteUrl) {
        return Instance.of(
                TestSettings.of(dir, Map.of(Setting.SITE_URL, siteUrl)),
                Instance.Options.defaults()
                        .withPageReuse(Duration.ZERO)
                        .withArxivLookup(id -> Optional.empty()));
    }

    @AfterAll
    static void stop() {
        if (https != null) {
            https.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    void jettysOwnErrorPagesCarryTheSecurityHeaders() throws IOException {
        String tooLongUri = "GET /papers?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        String tooLargeHeader =
                "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(10_000) + "\r\n\r\n";
        String badUri = "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n";
        String badHeader = "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n";
        for (var request :
                Map.of(tooLongUri, 414, tooLargeHeader, 431, badUri, 400, badHeader, 400)
                        .entrySet()) {
            Raw answer = raw(httpsPort, request.getKey());
            assertThat(answer.status()).as(answer.head()).isEqualTo(request.getValue());
            assertThat(answer.headers())
                    .as(answer.head())
                    .containsEntry("content-security-policy", SecurityHeaders.CSP)
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("x-frame-options", "DENY")
                    .containsEntry("referrer-policy", "strict-origin-when-cross-origin")
                    .containsEntry("strict-transport-security", "max-age=31536000");
            assertThat(answer.body()).doesNotContain("at org.eclipse");
        }
    }

    @Test
    void httpsSitesSendHstsEverywhereAndHttpSitesNowhere() throws Exception {
        for (String path : List.of("/", "/papers/trending", "/no/such/page", "/healthz")) {
            assertThat(get(httpsPort, path, null).headers().firstValue("Strict-Transport-Security"))
                    .as(path)
                    .contains("max-age=31536000");
            assertThat(get(httpPort, path, null).headers().firstValue("Strict-Transport-Security"))
                    .as(path)
                    .isEmpty();
        }
        String tooLongUri = "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(raw(httpPort, tooLongUri).headers())
                .containsEntry("content-security-policy", SecurityHeaders.CSP)
                .doesNotContainKey("strict-transport-security");
    }

    @Test
    void everyAnswerRenderedForASignedInReaderIsPrivateErrorsIncluded() throws Exception {
        Member reader = http.accounts().memberFor("private-reader@example.org");
        Accounts.NewSession session =
                http.accounts()
                        .createSession(reader.id(), Duration.ofDays(1), http.clock().instant());
        String cookie = CommunityRoutes.SESSION_COOKIE + "=" + session.cookieToken();
        Map<String, Integer> answers =
                Map.of(
                        "/papers", 200,
                        "/papers/2401.99999", 404, // no such paper
                        "/no/such/page", 404,
                        "/papers/date/not-a-date", 400);
        for (var expected : answers.entrySet()) {
            HttpResponse<String> r = get(httpPort, expected.getKey(), cookie);
            assertThat(r.statusCode()).as(expected.getKey()).isEqualTo(expected.getValue());
            assertThat(r.body())
                    .as("%s is rendered for the reader", expected.getKey())
                    .contains(session.csrfToken());
            assertThat(r.headers().allValues("Cache-Control"))
                    .as(expected.getKey())
                    .containsExactly("private, no-store");
        }
        HttpResponse<String> forged =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + httpPort
                                                        + "/papers/2401.00001/upvote"))
                                .header("Cookie", cookie)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("csrf=wrong"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains(session.csrfToken());
        assertThat(forged.headers().allValues("Cache-Control"))
                .containsExactly("private, no-store");
    }

    @Test
    void theAccessLogLeavesOutSecretsWhateverTheirNamesLookLike() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("paperboy.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = access.getLevel();
        access.setLevel(Level.INFO);
        access.setAdditive(false);
        access.addAppender(lines);
        try {
            get(httpPort, "/signin/verify?%74oken=secret-one&x=1", null);
            get(httpPort, "/digest/manage?s=1&%74=secret-two", null);
            get(httpPort, "/signin/verify?to%6Ben=secret-three", null);
            get(httpPort, "/signin/verify?token=secret-four", null);
            Poll.until("four access log lines", () -> copy(lines).size() >= 4);
        } finally {
            access.detachAppender(lines);
            access.setAdditive(true);
            access.setLevel(level);
        }
        assertThat(copy(lines))
                .noneMatch(line -> line.contains("secret-"))
                .anyMatch(line -> line.contains("/signin/verify?%74oken=…&x=1"))
                .anyMatch(line -> line.contains("/digest/manage?s=1&%74=…"));
    }

    private static List<String> copy(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An answer read off a socket: what the JDK's client would refuse to send is sent here. */
    record Raw(String head, Map<String, String> headers, String body) {
        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }
    }

    static Raw raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, n);
                    if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (IOException e) {
                // reset after the answer: keep what came
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            return new Raw(lines[0], headers, end < 0 ? "" : text.substring(end + 4));
        }
    }

    /** Whether a whole answer with a Content-Length is in. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return text.length() - end - 4 >= Integer.parseInt(line.substring(15).strip());
            }
        }
        return false;
    }
}
