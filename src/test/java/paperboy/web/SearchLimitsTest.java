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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.catalog.Paper;
import paperboy.common.AddressRanges;
import paperboy.config.Setting;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * Per-client limits on searches (issue 13, finding 11): a client over its searches a minute or its
 * searches at once is answered 429 with Retry-After and a message (a page, or JSON under /api/),
 * while the rest of the site answers it as usual; limits of 0 let everything through.
 */
class SearchLimitsTest {
    private static final int PER_MINUTE = 3;

    @TempDir static Path dir;

    private static Instance instance;
    private static String baseUrl;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        instance =
                Instance.of(
                        TestSettings.of(
                                dir,
                                Map.of(
                                        Setting.SITE_URL,
                                        "http://paperboy.test",
                                        Setting.SEARCHES_PER_MINUTE,
                                        Integer.toString(PER_MINUTE))),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        List<Paper> papers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            papers.add(paper("2606.0100" + i, "Graph networks, part " + i));
        }
        instance.catalog().upsert(papers);
        instance.searchUpToDate();
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static Paper paper(String id, String title) {
        return TestPapers.paper(id, title, "About graph networks.", LocalDate.of(2026, 6, 1));
    }

    @Test
    void aClientOverItsSearchesAMinuteIsAskedToWaitWhileOtherPagesStillAnswer() throws Exception {
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(get(baseUrl, "/papers?q=graph").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> page = get(baseUrl, "/papers?q=graph&page=2");
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("Too many searches").contains("Please try again in");
        long retryAfter = Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L / PER_MINUTE);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();

        HttpResponse<String> api = get(baseUrl, "/api/papers/search?q=graph");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        assertThat(api.body()).contains("\"status\":429").contains("searches within a minute");
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        for (String search :
                List.of("/?q=graph", "/papers/feed.atom?q=graph", "/papers?cat=cs.LG")) {
            assertThat(get(baseUrl, search).statusCode()).as(search).isEqualTo(429);
        }

        for (String other :
                List.of(
                        "/papers",
                        "/papers/trending",
                        "/papers/feed.atom",
                        "/papers/2606.01001",
                        "/api/daily_papers",
                        "/healthz")) {
            assertThat(get(baseUrl, other).statusCode()).as(other).isEqualTo(200);
        }
    }

    @Test
    void aClientMayHaveOnlySoManySearchesRunningAtOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Site real = instance.site();
        AtomicBoolean holding = new AtomicBoolean();
        // A search feed asks for the site's address while it renders: there it waits.
        Site slow =
                new Site(
                        real.catalog(),
                        real.daily(),
                        real.trending(),
                        real.search(),
                        real.background(),
                        real.embedding(),
                        real.community(),
                        real.digests(),
                        () -> {
                            if (holding.get()) {
                                entered.countDown();
                                await(release);
                            }
                            return "http://paperboy.test";
                        },
                        real.clock());
        WebServer web =
                new WebServer(
                        slow,
                        Duration.ZERO,
                        1,
                        0,
                        AddressRanges.none(),
                        false,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try {
            String url = "http://127.0.0.1:" + web.start("127.0.0.1", 0);
            holding.set(true);
            CompletableFuture<HttpResponse<String>> first =
                    HTTP.sendAsync(
                            HttpRequest.newBuilder(URI.create(url + "/papers/feed.atom?q=graph"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(30, TimeUnit.SECONDS)).as("the first search started").isTrue();

            HttpResponse<String> second = get(url, "/api/papers/search?q=graph");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).contains("1");
            assertThat(second.body())
                    .contains("already has as many searches running as it may (1)");
            assertThat(get(url, "/papers").statusCode()).as("not a search").isEqualTo(200);

            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            holding.set(false);
            assertThat(get(url, "/api/papers/search?q=graph").statusCode())
                    .as("once the first has ended")
                    .isEqualTo(200);
        } finally {
            release.countDown();
            web.close();
        }
    }

    @Test
    void limitsOfZeroLetEverySearchThrough() throws Exception {
        WebServer web =
                new WebServer(
                        instance.site(),
                        Duration.ZERO,
                        0,
                        0,
                        AddressRanges.none(),
                        false,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try {
            String url = "http://127.0.0.1:" + web.start("127.0.0.1", 0);
            for (int i = 0; i < 80; i++) {
                assertThat(get(url, "/api/papers/search?q=graph&limit=" + (1 + i % 5)).statusCode())
                        .isEqualTo(200);
            }
        } finally {
            web.close();
        }
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertThat(SearchLimits.clientOf("2001:db8:1:2:3:4:5:6"))
                .isEqualTo(SearchLimits.clientOf("[2001:db8:1:2:ffff::1]"))
                .isNotEqualTo(SearchLimits.clientOf("2001:db8:1:3::1"));
        assertThat(SearchLimits.clientOf("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> get(String url, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
