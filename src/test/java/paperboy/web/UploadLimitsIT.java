package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.testing.Poll;
import paperboy.testing.SiteFixture;

/**
 * The library import is the one form that takes a file: its body may be 8 MB where every other is
 * refused beyond 256 kB, and at most four such bodies are read at once, one per client address (a
 * fifth is a 503 with Retry-After, a second from one address a 429), so what clients can make the
 * server hold stays bounded; an upload the client abandons gives its place back.
 */
class UploadLimitsIT {
    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    @Test
    void theImportTakesLargerBodiesThanOtherFormsAndFourAtOnce() throws Exception {
        byte[] medium = new byte[BodiesFirst.MAX_BODY + 1];
        assertThat(post("/submit", medium).statusCode()).isEqualTo(413);
        assertThat(post(BodiesFirst.UPLOAD_PATH, medium).statusCode())
                .as("read whole, then refused for want of a member")
                .isEqualTo(401);
        assertThat(post(BodiesFirst.UPLOAD_PATH, new byte[BodiesFirst.MAX_UPLOAD + 1]).statusCode())
                .isEqualTo(413);

        List<Socket> held = new ArrayList<>();
        try {
            // one upload per client address: four clients, 127.0.0.2 to .5
            for (int i = 0; i < BodiesFirst.UPLOADS_AT_ONCE; i++) {
                held.add(startUpload("127.0.0." + (i + 2)));
            }
            try (Socket second = startUpload("127.0.0.2")) {
                String answer =
                        new String(
                                second.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(answer).as("a second upload from one address").endsWith("429");
            }
            // the four are read once the server has their first bytes
            HttpResponse<String> fifth =
                    Poll.standard()
                            .upTo(Duration.ofSeconds(10))
                            .awaitValue(
                                    "a fifth upload refused",
                                    () ->
                                            Optional.of(post(BodiesFirst.UPLOAD_PATH, medium))
                                                    .filter(r -> r.statusCode() == 503));
            assertThat(fifth.headers().firstValue("Retry-After")).isPresent();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        Poll.standard()
                .upTo(Duration.ofSeconds(10))
                .await(
                        "abandoned uploads give their places back",
                        () -> post(BodiesFirst.UPLOAD_PATH, medium).statusCode() == 401);
    }

    /** An upload from {@code from} that announces 1 MB and sends 1 kB of it, then waits. */
    private static Socket startUpload(String from) throws Exception {
        URI base = URI.create(site.baseUrl);
        Socket s = new Socket(base.getHost(), base.getPort(), InetAddress.getByName(from), 0);
        OutputStream out = s.getOutputStream();
        out.write(
                ("POST "
                                + BodiesFirst.UPLOAD_PATH
                                + " HTTP/1.1\r\nHost: "
                                + base.getHost()
                                + "\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                                + "Content-Length: 1048576\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[1024]);
        out.flush();
        return s;
    }

    private static HttpResponse<String> post(String path, byte[] body) {
        return site.send(
                HttpRequest.newBuilder(URI.create(site.baseUrl + path))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
    }
}
