package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paperboy harvest} against a local stand-in for arXiv, configured through a config file.
 */
class HarvestCommandTest {
    @TempDir Path dir;
    private HttpServer arxiv;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private Path config;

    @BeforeEach
    void startFakeArxiv() throws IOException {
        arxiv = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        arxiv.createContext(
                "/",
                exchange -> {
                    String query =
                            URLDecoder.decode(
                                    String.valueOf(exchange.getRequestURI().getRawQuery()),
                                    StandardCharsets.UTF_8);
                    requests.add(exchange.getRequestURI().getPath() + "?" + query);
                    userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
                    String fixture =
                            exchange.getRequestURI().getPath().startsWith("/api")
                                    ? "api/two-papers-and-an-error.xml"
                                    : query.contains("resumptionToken=page|2")
                                            ? "oai/raw-page2.xml"
                                            : query.contains("resumptionToken=page|3")
                                                    ? "oai/raw-page3.xml"
                                                    : "oai/raw-page1.xml";
                    byte[] body;
                    try (InputStream in =
                            HarvestCommandTest.class.getResourceAsStream("/arxiv/" + fixture)) {
                        body = in.readAllBytes();
                    }
                    exchange.getResponseHeaders().set("Content-Type", "text/xml");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        arxiv.start();
        String base = "http://127.0.0.1:" + arxiv.getAddress().getPort();
        config = dir.resolve("paperboy.properties");
        Files.writeString(
                config,
                "arxiv.oai-url="
                        + base
                        + "/oai\narxiv.api-url="
                        + base
                        + "/api/query\n"
                        + "arxiv.min-interval=0s\narxiv.contact=ops@lab.example\n");
    }

    @AfterEach
    void stopFakeArxiv() {
        arxiv.stop(0);
    }

    @Test
    void harvestsACategoryThroughAllPagesAndAgainOnlyFromTheCompletedDate() {
        CliRun first =
                CliRun.of(
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--config",
                        config.toString(),
                        "harvest",
                        "-c",
                        "cs.LG",
                        "--from",
                        "2025-03-01");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("cs:cs:LG: 3 pages, 4 added")
                .contains("rejected oai:arXiv.org:2503.12000: missing title");
        assertThat(requests.getFirst())
                .contains("verb=ListRecords")
                .contains("set=cs:cs:LG")
                .contains("from=2025-03-01");
        assertThat(userAgents)
                .allSatisfy(
                        ua ->
                                assertThat(ua)
                                        .startsWith("Paperboy/")
                                        .contains("mailto:ops@lab.example"));

        requests.clear();
        CliRun second =
                CliRun.of(
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--config",
                        config.toString(),
                        "harvest",
                        "-c",
                        "cs.LG");
        assertThat(second.exitCode()).isZero();
        assertThat(requests.getFirst()).contains("from=2025-03-20");
        assertThat(second.out()).contains("0 added");

        CliRun stats = CliRun.of("--data-dir", dir.resolve("data").toString(), "stats", "--json");
        assertThat(stats.out()).contains("\"papers\":4");
    }

    @Test
    void fetchesPapersByIdThroughTheApi() {
        CliRun run =
                CliRun.of(
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--config",
                        config.toString(),
                        "harvest",
                        "--id",
                        "https://arxiv.org/abs/2503.11731v1,hep-th/9901001,2501.99999");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("by id: 3 asked, 2 found; 2 added");
        assertThat(requests.getFirst()).contains("id_list=2503.11731,hep-th/9901001,2501.99999");
    }

    @Test
    void anUnreachableArxivEndsWithExitCode1AndAClearMessage() throws IOException {
        arxiv.stop(0);
        Files.writeString(
                config, Files.readString(config) + "arxiv.max-attempts=2\narxiv.backoff=10ms\n");
        CliRun run =
                CliRun.of(
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--config",
                        config.toString(),
                        "harvest",
                        "-c",
                        "cs.LG");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("arXiv is unreachable").contains("run again later");
    }
}
