package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.common.AddressRanges;
import paperboy.search.SearchRunner;
import paperboy.testing.SteppingClock;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * /healthz says how far this node's index is behind the catalog, in changes and in seconds, and
 * answers 503 once the seconds pass {@code site.max-index-lag}, so that a load balancer takes the
 * node out until it catches up (issue 14). The lag is the index follower's own: here its rounds run
 * when the test says, against a catalog head and on a clock that the test moves.
 */
class IndexLagHealthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;

    @Test
    void aNodeWhoseIndexLagsTooLongAnswers503UntilItCatchesUp() throws Exception {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
        try (Instance instance = Instance.of(TestSettings.of(dir, Map.of()))) {
            instance.catalog()
                    .upsert(
                            List.of(
                                    TestPapers.paper(
                                            "2606.01001",
                                            "Graph networks",
                                            "About graphs.",
                                            LocalDate.of(2026, 6, 1))));
            long indexed = instance.searchUpToDate().indexedSeq();
            // a head beyond what the catalog holds: changes the follower cannot apply yet
            AtomicLong head = new AtomicLong(indexed + 3);
            SearchRunner runner =
                    new SearchRunner(
                            instance.search(),
                            null,
                            instance.vectors(),
                            1,
                            head::get,
                            clock,
                            "test-node",
                            Duration.ofMinutes(5));
            Site real = instance.site();
            Site site =
                    new Site(
                            real.catalog(),
                            real.daily(),
                            real.trending(),
                            real.search(),
                            new Site.Background(
                                    () -> "off",
                                    Optional::empty,
                                    Optional::empty,
                                    runner::behind,
                                    Duration.ofSeconds(60),
                                    Map::of),
                            real.embedding(),
                            real.community(),
                            real.digests(),
                            () -> "http://paperboy.test",
                            real.clock());
            WebServer web =
                    new WebServer(
                            site,
                            Duration.ZERO,
                            0,
                            0,
                            AddressRanges.none(),
                            false,
                            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            try {
                String url = "http://127.0.0.1:" + web.start("127.0.0.1", 0);
                runner.followOnce(); // starts behind: the lag counts from now
                assertThat(health(url).statusCode()).isEqualTo(200);
                clock.advance(Duration.ofSeconds(30));
                HttpResponse<String> lagging = health(url);
                assertThat(lagging.statusCode()).as("30 s behind: within the bound").isEqualTo(200);
                assertThat(lagging.body()).contains("\"index_lag_seconds\":30");

                clock.advance(Duration.ofSeconds(31));
                HttpResponse<String> out = health(url);
                assertThat(out.statusCode()).as("61 s behind").isEqualTo(503);
                assertThat(out.body())
                        .contains("\"status\":\"lagging\"")
                        .contains("\"index_lag_seconds\":61");
                assertThat(metrics(url)).contains("paperboy_index_lag_seconds 61.0");

                runner.followOnce();
                assertThat(health(url).statusCode()).as("still behind").isEqualTo(503);
                head.set(indexed); // the changes arrived and were applied
                runner.followOnce();
                assertThat(health(url).statusCode()).isEqualTo(200);
                assertThat(health(url).body())
                        .contains("\"status\":\"ok\"")
                        .contains("\"index_lag_seconds\":0");
            } finally {
                web.close();
                runner.close();
            }
        }
    }

    private static HttpResponse<String> health(String url) {
        return get(url + "/healthz");
    }

    private static String metrics(String url) {
        return get(url + "/metrics").body();
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
