package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.community.SignIn;
import paperboy.config.Setting;
import paperboy.testing.Nginx;
import paperboy.testing.TestSettings;

/**
 * The repo's nginx config ({@code deploy/nginx/paperboy.conf}) in front of a site, over https with
 * a self-signed certificate for 127.0.0.1 (issue 15, part 3). The file is used as it is, with only
 * its listening addresses, the upstream's port and the certificate paths replaced. Through it,
 * clients from 127.0.0.2 and 127.0.0.3 each have their own sign-in mail limit, and a forged {@code
 * X-Forwarded-For} lets nobody borrow or escape one, through nginx or straight to the site.
 */
class NginxProxyIT {
    @TempDir Path dir;

    @Test
    void eachClientBehindNginxHasItsOwnSignInLimitAndForgedHeadersChangeNothing() throws Exception {
        assumeTrue(Nginx.installed(), "nginx is not installed (./run-tests installs it)");
        Nginx.Ports ports = Nginx.Ports.free();
        String site = ports.site();
        int httpPort = ports.http();
        Path data = dir.resolve("data");
        try (Instance instance =
                Instance.of(
                        TestSettings.of(
                                data,
                                Map.of(
                                        Setting.SITE_URL,
                                        site,
                                        Setting.TRUSTED_PROXIES,
                                        "127.0.0.1")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()))) {
            int backend = instance.startWeb("127.0.0.1", 0);
            try (Nginx nginx = Nginx.start(dir, ports, List.of(backend))) {
                HttpClient via2 = nginx.client("127.0.0.2");
                HttpClient via3 = nginx.client("127.0.0.3");

                HttpResponse<String> home = send(via2, get(site + "/"));
                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.headers().firstValue("Strict-Transport-Security")).isPresent();
                HttpResponse<String> plain =
                        send(via2, get("http://127.0.0.1:" + httpPort + "/papers"));
                assertThat(plain.statusCode()).as("plain http is sent to https").isEqualTo(301);
                assertThat(plain.headers().firstValue("Location").orElseThrow())
                        .startsWith("https://");
                assertThat(send(via2, get(site + "/metrics")).statusCode())
                        .as("metrics stay with the operator")
                        .isEqualTo(404);
                HttpResponse<String> feed = send(via2, get(site + "/papers/feed.atom"));
                assertThat(feed.statusCode()).isEqualTo(200);
                assertThat(feed.body())
                        .as("feed links are the https site.url")
                        .contains("href=\"" + site + "/papers/feed.atom\"")
                        .doesNotContain("http://127.0.0.1:" + backend);

                int limit = SignIn.MAILS_PER_CLIENT_PER_HOUR;
                for (int i = 0; i < limit + 2; i++) {
                    send(via2, signIn(site, "two-" + i + "@example.org", null));
                }
                assertThat(mails(data)).as("127.0.0.2 up to its limit").isEqualTo(limit);
                assertThat(firstMail(data))
                        .as("links in mail are the https site.url")
                        .contains(site + "/signin/verify?token=");
                send(via2, signIn(site, "forged@example.org", "198.51.100.7"));
                send(via2, signIn(site, "forged2@example.org", "127.0.0.3"));
                assertThat(mails(data))
                        .as("nginx appends the real address: a forged one is not the client")
                        .isEqualTo(limit);
                for (int i = 0; i < 3; i++) {
                    send(via3, signIn(site, "three-" + i + "@example.org", null));
                }
                assertThat(mails(data)).as("127.0.0.3 has a limit of its own").isEqualTo(limit + 3);

                // Straight to the site, from an address that is not a trusted proxy: the header
                // that claims to be 127.0.0.3 is ignored, so 127.0.0.4 counts as itself.
                HttpClient direct = Nginx.client("127.0.0.4", null);
                String backendUrl = "http://127.0.0.1:" + backend;
                for (int i = 0; i < limit + 1; i++) {
                    send(direct, signIn(backendUrl, "four-" + i + "@example.org", "127.0.0.3"));
                }
                assertThat(mails(data)).isEqualTo(2 * limit + 3);
            }
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static HttpRequest signIn(String base, String email, String forwardedFor) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + "/signin"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email=" + email));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return b.build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request)
            throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s", request.uri()).isLessThan(500);
        return response;
    }

    private static long mails(Path data) throws IOException {
        Path outbox = data.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }

    private static String firstMail(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("outbox"))) {
            Path first =
                    files.filter(f -> f.toString().endsWith(".eml"))
                            .sorted()
                            .findFirst()
                            .orElseThrow();
            // quoted-printable may fold a long line and escape "="
            return Files.readString(first)
                    .replace("=\r\n", "")
                    .replace("=\n", "")
                    .replace("=3D", "=");
        }
    }
}
