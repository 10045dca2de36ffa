package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.Poll;
import paperboy.testing.RefusingPort;

/** {@code paperboy serve} as a user starts it: a separate JVM, an empty data dir, no arXiv. */
class ServeIT {
    private static final Pattern SERVING = Pattern.compile("serving on http://localhost:(\\d+)/");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path dataDir;

    @Test
    void startsOnAnEmptyDataDirWithoutArxivAnswersAndLogsTheOutageOnce() throws Exception {
        RefusingPort arxivDown = new RefusingPort();
        Map<String, String> env =
                Map.of(
                        "PAPERBOY_ARXIV_OAI_URL", "http://127.0.0.1:" + arxivDown.port() + "/oai",
                        "PAPERBOY_ARXIV_MIN_INTERVAL", "0s",
                        "PAPERBOY_ARXIV_BACKOFF", "10ms");
        try (arxivDown;
                PaperboyProcess serve =
                        PaperboyProcess.start(
                                env, "--data-dir", dataDir.toString(), "serve", "--port", "0")) {
            int port = port(serve);

            HttpResponse<String> health = get(port, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"papers\":0");

            HttpResponse<String> home = get(port, "/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("content-type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("text/html"));
            assertThat(home.body())
                    .contains("<h1>Daily papers</h1>")
                    .contains("The catalog is empty");

            serve.awaitLine(line -> line.contains("arXiv is unreachable"), Duration.ofSeconds(30));
            // The next attempt is 15 min away (HarvestSchedulerTest has repeated attempts). A
            // request's access-log line marks a point in the output: what came before it has been
            // read.
            assertThat(get(port, "/healthz?after=outage").body())
                    .contains("arXiv unreachable since");
            serve.awaitLine(line -> line.contains("/healthz?after=outage"), Duration.ofSeconds(30));
            assertThat(serve.lines().stream().filter(line -> line.contains("unreachable")).count())
                    .as(serve.output())
                    .isEqualTo(1);
            assertThat(serve.output()).doesNotContain("Exception:").doesNotContain("\tat ");
        }
    }

    @Test
    void noHarvestMeansNoHarvesting() throws Exception {
        try (PaperboyProcess serve =
                PaperboyProcess.start(
                        Map.of(),
                        "--data-dir",
                        dataDir.toString(),
                        "serve",
                        "--port",
                        "0",
                        "--no-harvest")) {
            int port = port(serve);
            assertThat(get(port, "/healthz").body())
                    .contains("\"harvest\":\"off\"")
                    .contains("\"last_harvest\":null");
            assertThat(serve.output()).doesNotContain("Harvest ");

            // The digest round runs (10 s after the start) though nobody subscribed: /healthz and
            // /metrics say when it last ended well, so a round that silently stops can alert.
            Poll.every(Duration.ofMillis(500))
                    .await(
                            "a digest round",
                            () -> !body(port, "/healthz").contains("\"last_digest_round\":null"));
            assertThat(body(port, "/healthz"))
                    .containsPattern("\"last_digest_round\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"");
            assertThat(body(port, "/metrics"))
                    .containsPattern("\npaperboy_digest_last_round_timestamp_seconds 1\\.\\d+E9\n")
                    .contains("\npaperboy_harvest_last_success_timestamp_seconds NaN\n");
        }
    }

    private static int port(PaperboyProcess serve) {
        Matcher m =
                SERVING.matcher(
                        serve.awaitLine(
                                line -> SERVING.matcher(line).find(), Duration.ofSeconds(60)));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private String body(int port, String path) {
        try {
            return get(port, path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
