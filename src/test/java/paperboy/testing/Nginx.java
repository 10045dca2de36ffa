package paperboy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Debian's nginx running the repo's config ({@code deploy/nginx/paperboy.conf}) as it is, with only
 * its listening addresses, the upstream's servers and the certificate paths replaced, over https
 * with a self-signed certificate for 127.0.0.1 made by openssl. Close it to stop nginx.
 */
public final class Nginx implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Path CONFIG = Path.of("deploy/nginx/paperboy.conf");

    private final Process process;
    private final Path prefix;
    private final Path tls;

    /** The https address readers use, e.g. {@code https://127.0.0.1:41234}. */
    public final String site;

    /** The plain http port, which answers with a redirect to https. */
    public final int httpPort;

    private Nginx(Process process, Path prefix, Path tls, int httpsPort, int httpPort) {
        this.process = process;
        this.prefix = prefix;
        this.tls = tls;
        this.site = "https://127.0.0.1:" + httpsPort;
        this.httpPort = httpPort;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Free ports for https and http; pick them before the nodes start, for their site.url. */
    public record Ports(int https, int http) {
        public static Ports free() throws IOException {
            return new Ports(freePort(), freePort());
        }

        public String site() {
            return "https://127.0.0.1:" + https;
        }
    }

    /** Starts nginx in {@code dir} in front of the nodes listening on {@code backends}. */
    public static Nginx start(Path dir, Ports ports, List<Integer> backends) throws Exception {
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
        String conf = Files.readString(CONFIG);
        conf =
                replace(
                        conf,
                        "    server 127.0.0.1:8080 max_fails=3 fail_timeout=30s;\n",
                        backends.stream()
                                .map(
                                        port ->
                                                "    server 127.0.0.1:"
                                                        + port
                                                        + " max_fails=3 fail_timeout=30s;\n")
                                .collect(Collectors.joining()));
        conf = replace(conf, "    listen [::]:80;\n", "");
        conf = replace(conf, "    listen [::]:443 ssl http2;\n", "");
        conf = replace(conf, "listen 80;", "listen 127.0.0.1:" + ports.http() + ";");
        conf =
                replace(
                        conf,
                        "listen 443 ssl http2;",
                        "listen 127.0.0.1:" + ports.https() + " ssl http2;");
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
        Process process =
                new ProcessBuilder(
                                BINARY.toString(),
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
        Nginx nginx = new Nginx(process, prefix, tls, ports.https(), ports.http());
        nginx.awaitListening(ports.https());
        return nginx;
    }

    /** A client from {@code from} (a loopback address) that trusts this nginx's certificate. */
    public HttpClient client(String from) throws Exception {
        return client(from, tls);
    }

    /** A client from {@code from}; with {@code tls}, trusting the certificate in it. */
    public static HttpClient client(String from, @Nullable Path tls) throws Exception {
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

    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("nginx: %s", Files.readString(prefix.resolve("nginx.log")))
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

    private static String replace(String text, String what, String with) {
        assertThat(text).as("the nginx config has %s", what.strip()).contains(what);
        return text.replace(what, with);
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

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
