package paperboy.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import paperboy.ingest.arxiv.FakeArxiv.Reply;
import paperboy.testing.RefusingPort;

class PoliteHttpClientTest {
    private static final String USER_AGENT = "Paperboy-test/1.0 (mailto:ops@example.org)";

    private static PoliteHttpClient.Settings settings(Duration minInterval, int maxAttempts) {
        return new PoliteHttpClient.Settings(
                USER_AGENT,
                minInterval,
                maxAttempts,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    private static Reply ok(String text) {
        return new Reply(200, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendsTheCallersUserAgent() throws Exception {
        try (FakeArxiv arxiv = new FakeArxiv(r -> ok("hello"));
                PoliteHttpClient client = new PoliteHttpClient(settings(Duration.ZERO, 1))) {
            byte[] body = client.get(arxiv.uri("/oai?verb=Identify"));

            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(arxiv.requests())
                    .singleElement()
                    .extracting(FakeArxiv.Request::userAgent)
                    .isEqualTo(USER_AGENT);
        }
    }

    @Test
    void a503WithRetryAfterWaitsTheGivenSecondsThenAsksAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r ->
                                        calls.getAndIncrement() == 0
                                                ? Reply.retryAfter(503, "7")
                                                : ok("done"));
                PoliteHttpClient client =
                        new PoliteHttpClient(settings(Duration.ZERO, 3), sleeper)) {
            byte[] body = client.get(arxiv.uri("/oai?verb=ListRecords"));

            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("done");
            assertThat(arxiv.requests()).hasSize(2);
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void retryAfterIsCappedAtTheConfiguredMaximum() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r ->
                                        calls.getAndIncrement() == 0
                                                ? Reply.retryAfter(429, "86400")
                                                : ok("x"));
                PoliteHttpClient client =
                        new PoliteHttpClient(settings(Duration.ZERO, 3), sleeper)) {
            client.get(arxiv.uri("/api/query"));

            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(30));
        }
    }

    @Test
    void aRetryAfterDateInThePastMeansAskAgainAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r ->
                                        calls.getAndIncrement() == 0
                                                ? Reply.retryAfter(
                                                        503, "Wed, 21 Oct 2015 07:28:00 GMT")
                                                : ok("x"));
                PoliteHttpClient client =
                        new PoliteHttpClient(settings(Duration.ZERO, 3), sleeper)) {
            client.get(arxiv.uri("/oai"));

            assertThat(sleeper.waits()).containsExactly(Duration.ZERO);
        }
    }

    @Test
    void serverErrorsBackOffExponentiallyThenGiveUpNamingUrlStatusAndAttempts() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.status(500));
                PoliteHttpClient client =
                        new PoliteHttpClient(settings(Duration.ZERO, 4), sleeper)) {
            URI uri = arxiv.uri("/oai?verb=ListRecords");

            assertThatThrownBy(() -> client.get(uri))
                    .isInstanceOf(ArxivUnavailableException.class)
                    .hasMessageContaining(uri.toString())
                    .hasMessageContaining("4 attempts")
                    .hasMessageContaining("HTTP 500")
                    .satisfies(
                            e ->
                                    assertThat(((ArxivUnavailableException) e).status())
                                            .hasValue(500));
            assertThat(arxiv.requests()).hasSize(4);
            // 2 s, doubled, then capped at 5 s
            assertThat(sleeper.waits())
                    .containsExactly(
                            Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
        }
    }

    @Test
    void aClientErrorFailsAtOnceWithItsStatus() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeArxiv arxiv = new FakeArxiv(r -> Reply.status(404));
                PoliteHttpClient client =
                        new PoliteHttpClient(settings(Duration.ZERO, 5), sleeper)) {
            assertThatThrownBy(() -> client.get(arxiv.uri("/missing")))
                    .isInstanceOf(ArxivUnavailableException.class)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("1 attempt:");
            assertThat(arxiv.requests()).hasSize(1);
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    @Test
    void connectionErrorsAreRetriedAndTheCauseIsKept() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (RefusingPort refusing = new RefusingPort();
                PoliteHttpClient client =
                        new PoliteHttpClient(settings(Duration.ZERO, 3), sleeper)) {
            assertThatThrownBy(
                            () ->
                                    client.get(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + refusing.port()
                                                            + "/oai")))
                    .isInstanceOf(ArxivUnavailableException.class)
                    .hasMessageContaining("3 attempts")
                    .hasCauseInstanceOf(ConnectException.class)
                    .satisfies(e -> assertThat(((ArxivUnavailableException) e).status()).isEmpty());
            assertThat(sleeper.waits())
                    .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void requestStartsAreAtLeastTheMinimumIntervalApart() throws Exception {
        // Virtual time: it moves only when the client sleeps or the server takes its time, so the
        // gaps are exact and a slow machine cannot make the test fail or pass by chance.
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        Duration interval = Duration.ofMillis(150);
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r -> {
                                    arrivals.add(now.get());
                                    now.addAndGet(
                                            Duration.ofMillis(40)
                                                    .toNanos()); // the answer takes 40 ms
                                    return ok("x");
                                });
                PoliteHttpClient client =
                        new PoliteHttpClient(
                                settings(interval, 1),
                                wait -> now.addAndGet(wait.toNanos()),
                                now::get)) {
            for (int i = 0; i < 3; i++) {
                client.get(arxiv.uri("/rss/cs.LG"));
            }
        }

        assertThat(arrivals).hasSize(3);
        for (int i = 1; i < arrivals.size(); i++) {
            // exactly the interval: the 40 ms of the answer count towards it, and no more is waited
            assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1))).isEqualTo(interval);
        }
    }

    @Test
    void noWaitWhenTheLastRequestStartedLongerAgoThanTheInterval() throws Exception {
        AtomicLong now = new AtomicLong();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r -> {
                                    now.addAndGet(
                                            Duration.ofMillis(200)
                                                    .toNanos()); // a slow answer, longer than the
                                    // interval
                                    return ok("x");
                                });
                PoliteHttpClient client =
                        new PoliteHttpClient(
                                settings(Duration.ofMillis(150), 1), sleeper, now::get)) {
            client.get(arxiv.uri("/a"));
            client.get(arxiv.uri("/b"));
        }

        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void theIntervalWaitIsAskedOfTheSleeper() throws Exception {
        AtomicLong now = new AtomicLong();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r -> {
                                    now.addAndGet(
                                            Duration.ofMillis(700)
                                                    .toNanos()); // the answer takes 0.7 s
                                    return ok("x");
                                });
                PoliteHttpClient client =
                        new PoliteHttpClient(
                                settings(Duration.ofSeconds(3), 1), sleeper, now::get)) {
            client.get(arxiv.uri("/a"));
            client.get(arxiv.uri("/b"));

            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(2300));
        }
    }

    @Test
    void concurrentCallersAreServedOneAtATime() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r -> {
                                    int now = inFlight.incrementAndGet();
                                    mostInFlight.accumulateAndGet(now, Math::max);
                                    try {
                                        Thread.sleep(
                                                30); // deliberate: holds each request open so that
                                        // callers would overlap
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    inFlight.decrementAndGet();
                                    return ok("x");
                                });
                PoliteHttpClient client = new PoliteHttpClient(settings(Duration.ZERO, 1))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<byte[]>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> client.get(arxiv.uri("/oai"))));
                }
                for (Future<byte[]> f : results) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(arxiv.requests()).hasSize(8);
            assertThat(mostInFlight.get()).isEqualTo(1);
        }
    }

    @Test
    void aGzippedBodyIsUnpacked() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write("<OAI-PMH/>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (FakeArxiv arxiv =
                        new FakeArxiv(
                                r ->
                                        new Reply(
                                                200,
                                                Map.of("Content-Encoding", "gzip"),
                                                packed.toByteArray()));
                PoliteHttpClient client = new PoliteHttpClient(settings(Duration.ZERO, 1))) {
            assertThat(new String(client.get(arxiv.uri("/oai")), StandardCharsets.UTF_8))
                    .isEqualTo("<OAI-PMH/>");
        }
    }

    @Test
    void settingsRefuseAMissingUserAgent() {
        assertThatThrownBy(() -> PoliteHttpClient.Settings.defaults(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("User-Agent");
    }
}
