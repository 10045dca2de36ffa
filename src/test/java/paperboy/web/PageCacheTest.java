package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import paperboy.testing.SteppingClock;

/**
 * The cache of rendered pages behind a bare Javalin route: reuse within the TTL, validators, 304s
 * and the bounds on what it keeps. The clock is the test's, so "within the TTL" is exact.
 */
class PageCacheTest {
    private static final Instant START = Instant.parse("2026-07-01T22:00:00.250Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The cache and the page the route serves, swapped per test. */
    private static final AtomicReference<PageCache> CACHE = new AtomicReference<>();

    private static final AtomicReference<String> BODY = new AtomicReference<>();
    private static final AtomicInteger RENDERS = new AtomicInteger();
    private static Javalin app;

    private SteppingClock clock;

    @BeforeAll
    static void startServer() {
        app =
                Javalin.create(
                                config -> {
                                    config.startup.showJavalinBanner = false;
                                    config.jetty.host = "127.0.0.1";
                                    config.jetty.port = 0;
                                    // as WebServer: the cache sets the validators
                                    config.http.generateEtags = false;
                                    config.routes.get("/page", PageCacheTest::page);
                                    config.routes.get("/bytes/{size}", PageCacheTest::bytes);
                                })
                        .start();
    }

    private static void page(Context ctx) {
        CACHE.get()
                .serve(
                        ctx,
                        () -> {
                            RENDERS.incrementAndGet();
                            return PageCache.Rendered.html(BODY.get());
                        });
    }

    /** A page of {size} bytes, for the cache's byte bound. */
    private static void bytes(Context ctx) {
        int size = Integer.parseInt(ctx.pathParam("size"));
        CACHE.get()
                .serve(
                        ctx,
                        () -> {
                            RENDERS.incrementAndGet();
                            byte[] body = new byte[size];
                            Arrays.fill(body, (byte) 'x');
                            return new PageCache.Rendered("text/plain", body);
                        });
    }

    @AfterAll
    static void stopServer() {
        app.stop();
    }

    @BeforeEach
    void freshCache() {
        clock = new SteppingClock(START);
        CACHE.set(new PageCache(clock, PageCache.TTL));
        BODY.set("<p>first</p>");
        RENDERS.set(0);
    }

    private static HttpResponse<String> get(String pathAndQuery, String... headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers()
                .firstValue(name)
                .orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
    }

    @Test
    void aPageIsRenderedOnceWithinTheTtlAndAgainOnceItHasPassed() throws Exception {
        assertThat(get("/page").body()).isEqualTo("<p>first</p>");
        BODY.set("<p>second</p>");
        clock.advance(PageCache.TTL.minusMillis(1));
        assertThat(get("/page").body()).as("still reused").isEqualTo("<p>first</p>");
        assertThat(RENDERS).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(get("/page").body()).isEqualTo("<p>second</p>");
        assertThat(RENDERS).hasValue(2);
    }

    @Test
    void eachQueryStringIsAPageOfItsOwn() throws Exception {
        get("/page?page=1");
        get("/page?page=2");
        get("/page");
        get("/page?page=1");
        assertThat(RENDERS).hasValue(3);
    }

    @Test
    void aZeroTtlRendersEveryTime() throws Exception {
        CACHE.set(new PageCache(clock, Duration.ZERO));
        get("/page");
        get("/page");
        assertThat(RENDERS).hasValue(2);
    }

    @Test
    void everyAnswerCarriesAnEtagOfItsBodyAndWhenThatBodyWasFirstRendered() throws Exception {
        HttpResponse<String> r = get("/page");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Type")).startsWith("text/html").contains("utf-8");
        assertThat(header(r, "ETag")).matches("\"[0-9a-f]{24}\"");
        assertThat(header(r, "Last-Modified"))
                .as("to the second, as HTTP dates go")
                .isEqualTo("Wed, 1 Jul 2026 22:00:00 GMT");
        assertThat(header(r, "Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void theSameBodyRenderedAgainKeepsItsValidatorsAndANewBodyGetsNewOnes() throws Exception {
        HttpResponse<String> first = get("/page");
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> again = get("/page");
        assertThat(RENDERS).hasValue(2);
        assertThat(header(again, "ETag")).isEqualTo(header(first, "ETag"));
        assertThat(header(again, "Last-Modified")).isEqualTo(header(first, "Last-Modified"));

        BODY.set("<p>changed</p>");
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> changed = get("/page");
        assertThat(header(changed, "ETag")).isNotEqualTo(header(first, "ETag"));
        assertThat(header(changed, "Last-Modified"))
                .isEqualTo(httpDate(START.plus(Duration.ofMinutes(2))));
    }

    @Test
    void aClientWithTheCurrentEtagGetsNotModifiedWithoutABody() throws Exception {
        String etag = header(get("/page"), "ETag");
        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            HttpResponse<String> r = get("/page", "If-None-Match", ifNoneMatch);
            assertThat(r.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(r.body()).as(ifNoneMatch).isEmpty();
            assertThat(header(r, "ETag")).isEqualTo(etag);
        }
        assertThat(get("/page", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientWithAnOldEtagGetsTheNewBody() throws Exception {
        String old = header(get("/page"), "ETag");
        BODY.set("<p>changed</p>");
        clock.advance(PageCache.TTL);
        HttpResponse<String> r = get("/page", "If-None-Match", old);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("<p>changed</p>");
    }

    @Test
    void aClientWithACopyAsRecentAsLastModifiedGetsNotModified() throws Exception {
        String lastModified = header(get("/page"), "Last-Modified");
        assertThat(get("/page", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(
                        get("/page", "If-Modified-Since", httpDate(START.plusSeconds(3600)))
                                .statusCode())
                .isEqualTo(304);
        assertThat(get("/page", "If-Modified-Since", httpDate(START.minusSeconds(1))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnreadableIfModifiedSinceIsIgnored() throws Exception {
        get("/page");
        assertThat(get("/page", "If-Modified-Since", "yesterday").statusCode()).isEqualTo(200);
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() throws Exception {
        get("/page");
        HttpResponse<String> r =
                get(
                        "/page",
                        "If-None-Match",
                        "\"other\"",
                        "If-Modified-Since",
                        httpDate(START.plusSeconds(3600)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("<p>first</p>");
    }

    @Test
    void pastMaxEntriesTheLeastRecentlyUsedPageIsDropped() throws Exception {
        for (int i = 1; i <= PageCache.MAX_ENTRIES; i++) {
            get("/page?n=" + i, "If-None-Match", "*");
        }
        get("/page?n=1", "If-None-Match", "*"); // used again: now the most recent
        assertThat(RENDERS).hasValue(PageCache.MAX_ENTRIES);

        get("/page?n=new", "If-None-Match", "*");
        RENDERS.set(0);
        get("/page?n=1", "If-None-Match", "*");
        get("/page?n=" + PageCache.MAX_ENTRIES, "If-None-Match", "*");
        assertThat(RENDERS).as("kept").hasValue(0);
        get("/page?n=2", "If-None-Match", "*");
        assertThat(RENDERS).as("n=2 was the least recently used").hasValue(1);
    }

    @Test
    void pastMaxBytesTheLeastRecentlyUsedPagesAreDropped() throws Exception {
        int third = (int) (PageCache.MAX_BYTES / 3);
        String a = "/bytes/" + (third - 2);
        String b = "/bytes/" + (third - 1);
        String c = "/bytes/" + third;
        String d = "/bytes/" + (third - 3);
        // If-None-Match: * is answered 304, so the test does not download the bodies
        get(a, "If-None-Match", "*");
        get(b, "If-None-Match", "*");
        get(c, "If-None-Match", "*");
        get(a, "If-None-Match", "*");
        assertThat(RENDERS).as("three just under a third each fit").hasValue(3);

        get(d, "If-None-Match", "*"); // a fourth does not
        RENDERS.set(0);
        get(a, "If-None-Match", "*");
        get(c, "If-None-Match", "*");
        get(d, "If-None-Match", "*");
        assertThat(RENDERS).as("kept").hasValue(0);
        get(b, "If-None-Match", "*");
        assertThat(RENDERS).as("the least recently used went").hasValue(1);
    }
}
