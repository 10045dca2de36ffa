package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import paperboy.app.Instance;
import paperboy.common.AddressRanges;
import paperboy.config.Setting;
import paperboy.testing.TestSettings;

/**
 * An {@link Error} in a route (issue 13): a StackOverflowError from deep in a renderer is answered
 * with the site's 500 page, like any failure, and logged as one line that names it, not as an empty
 * answer and a stack trace of thousands of frames.
 */
class RouteErrorsTest {
    @TempDir static Path dir;

    private static Instance instance;
    private static WebServer web;
    private static String baseUrl;
    private static volatile boolean started;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        instance =
                Instance.of(
                        TestSettings.of(dir, Map.of(Setting.SITE_URL, "http://paperboy.test")),
                        Instance.Options.defaults().withArxivLookup(id -> Optional.empty()));
        Site real = instance.site();
        // The feeds and /healthz ask these parts while rendering; here they overflow the stack.
        Site overflowing =
                new Site(
                        real.catalog(),
                        real.daily(),
                        real.trending(),
                        real.search(),
                        new Site.Background(
                                RouteErrorsTest::overflow,
                                () -> Optional.empty(),
                                () -> Optional.empty(),
                                () -> Duration.ZERO,
                                Duration.ofMinutes(1),
                                Map::of),
                        real.embedding(),
                        real.community(),
                        real.digests(),
                        () -> started ? overflow() : "http://paperboy.test",
                        real.clock());
        web =
                new WebServer(
                        overflowing,
                        Duration.ZERO,
                        0,
                        0,
                        AddressRanges.none(),
                        false,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        baseUrl = "http://127.0.0.1:" + web.start("127.0.0.1", 0);
        started = true;
    }

    private static String overflow() {
        return overflow();
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
        instance.close();
    }

    @Test
    void anErrorInARouteIsTheSitesFailurePageAndOneLogLine() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        HttpResponse<String> feed;
        HttpResponse<String> health;
        try {
            feed = get("/papers/feed.atom");
            health = get("/healthz");
        } finally {
            root.detachAppender(logged);
        }
        for (HttpResponse<String> r : List.of(feed, health)) {
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(r.body())
                    .contains("Something went wrong")
                    .doesNotContain("StackOverflowError");
        }
        List<ILoggingEvent> errors;
        synchronized (logged) {
            errors =
                    logged.list.stream()
                            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                            .toList();
        }
        assertThat(errors)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(2)
                .allMatch(line -> line.contains("java.lang.StackOverflowError"))
                .anyMatch(line -> line.startsWith("GET /papers/feed.atom failed"))
                .anyMatch(line -> line.startsWith("GET /healthz failed"));
        assertThat(errors).allMatch(e -> e.getThrowableProxy() == null);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
