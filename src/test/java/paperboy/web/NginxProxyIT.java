package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.community.SignIn;
import paperboy.config.Setting;
import paperboy.testing.TestSettings;

/**
 * The repo's nginx config ({@code deploy/nginx/paperboy.conf}) in front of a site, over https with
 * a self-signed certificate for 127.0.0.1 (issue 15, part 3). The file is used as it is, with only
 * its listening addresses, the upstream's port and the certificate paths replaced. Through it,
 * clients from 127.0.0.2 and 127.0.0.3 each have their own sign-in mail limit, and a forged {@code
 * X-Forwarded-For} lets nobody borrow or escape one, through nginx or straight to the site.
 */
class NginxProxyIT {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path CONFIG = Path.of("deploy/nginx/paperboy.conf");

    @TempDir Path dir;

    @Test
    void eachClientBehindNginxHasItsOwnSignInLimitAndForgedHeadersChangeNothing() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (./run-tests installs it)");
        Path tls = Files.createDirectories(dir.resolve("tls"));
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                tls.resolve("key.pem").toString(),
                "-out",
                tls.resolve("cert.pem").toString());
        int httpsPort = freePort();
        int httpPort = freePort();
        String site = "https://127.0.0.1:" + httpsPort;
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
            Process nginx = startNginx(httpPort, httpsPort, backend, tls);
            try {
                awaitListening(httpsPort, nginx);
                HttpClient via2 = client("127.0.0.2", tls);
                HttpClient via3 = client("127.0.0.3", tls);

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
                HttpClient direct = client("127.0.0.4", null);
                String backendUrl = "http://127.0.0.1:" + backend;
                for (int i = 0; i < limit + 1; i++) {
                    send(direct, signIn(backendUrl, "four-" + i + "@example.org", "127.0.0.3"));
                }
                assertThat(mails(data)).isEqualTo(2 * limit + 3);
            } finally {
                nginx.destroy();
                if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly();
                }
            }
        }
    }

    /** The repo's file with this machine's ports and certificate, inside a minimal nginx.conf. */
    private Process startNginx(int httpPort, int httpsPort, int backend, Path tls)
            throws IOException {
        String conf = Files.readString(CONFIG);
        conf =
                replace(
                        conf,
                        "server 127.0.0.1:8080 max_fails",
                        "server 127.0.0.1:" + backend + " max_fails");
        conf = replace(conf, "    listen [::]:80;\n", "");
        conf = replace(conf, "    listen [::]:443 ssl http2;\n", "");
        conf = replace(conf, "listen 80;", "listen 127.0.0.1:" + httpPort + ";");
        conf =
                replace(
                        conf,
                        "listen 443 ssl http2;",
                        "listen 127.0.0.1:" + httpsPort + " ssl http2;");
        conf =
                replace(
                        conf,
                        "/etc/letsencrypt/live/papers.example.org/fullchain.pem",
                        tls.resolve("cert.pem").toString());
        conf =
                replace(
                        conf,
                        "/etc/letsencrypt/live/papers.example.org/privkey.pem",
                        tls.resolve("key.pem").toString());
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        Files.writeString(prefix.resolve("paperboy.conf"), conf);
        String temp = prefix.toString();
        Files.writeString(
                prefix.resolve("nginx.conf"),
                ("root".equals(System.getProperty("user.name")) ? "user root root;\n" : "")
                        + "worker_processes 1;\n"
                        + "pid "
                        + temp
                        + "/nginx.pid;\n"
                        + "events { worker_connections 64; }\n"
                        + "http {\n"
                        + "  access_log off;\n"
                        + "  client_body_temp_path "
                        + temp
                        + "/body;\n"
                        + "  proxy_temp_path "
                        + temp
                        + "/proxy;\n"
                        + "  fastcgi_temp_path "
                        + temp
                        + "/fastcgi;\n"
                        + "  uwsgi_temp_path "
                        + temp
                        + "/uwsgi;\n"
                        + "  scgi_temp_path "
                        + temp
                        + "/scgi;\n"
                        + "  include "
                        + prefix.resolve("paperboy.conf")
                        + ";\n"
                        + "}\n");
        return new ProcessBuilder(
                        NGINX.toString(),
                        "-e",
                        "stderr",
                        "-p",
                        temp,
                        "-c",
                        prefix.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.log").toFile())
                .start();
    }

    private static String replace(String text, String what, String with) {
        assertThat(text).as("the nginx config has %s", what.strip()).contains(what);
        return text.replace(what, with);
    }

    private void awaitListening(int port, Process nginx) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            assertThat(nginx.isAlive())
                    .as("nginx: %s", Files.readString(dir.resolve("nginx/nginx.log")))
                    .isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
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

    private static HttpClient client(String from, Path tls) throws Exception {
        HttpClient.Builder b =
                HttpClient.newBuilder()
                        .localAddress(InetAddress.getByName(from))
                        .connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream cert = Files.newInputStream(tls.resolve("cert.pem"))) {
                trusted.setCertificateEntry(
                        "nginx", CertificateFactory.getInstance("X.509").generateCertificate(cert));
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            b.sslContext(ssl);
        }
        return b.build();
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

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", List.of(command), out).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
