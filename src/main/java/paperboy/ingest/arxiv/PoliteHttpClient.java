package paperboy.ingest.arxiv;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Paperboy talks to arXiv, keeping its terms of use: one request at a time, at least
 * {@link Settings#minInterval()} between the starts of two requests (retries included), a
 * descriptive User-Agent, and {@code Retry-After} honoured.
 *
 * <p>Failures: a 503 or 429 with {@code Retry-After: N} waits N seconds (at most {@link
 * Settings#maxRetryAfter()}) and asks again; other 5xx statuses, a 503/429 without a usable {@code
 * Retry-After}, and connection errors back off exponentially from {@link Settings#backoffBase()} up
 * to {@link Settings#backoffMax()}. After {@link Settings#maxAttempts()} requests in all, or at
 * once for any other 4xx status, it throws {@link ArxivUnavailableException}.
 *
 * <p>Thread-safe. Callers are served one after the other, in arrival order, and a caller holds the
 * lock while it waits (for the interval or a retry): the terms count every request of the process,
 * so share one instance across the harvester, the API client and the listing client.
 */
public final class PoliteHttpClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoliteHttpClient.class);

    /** arXiv's terms: no more than one request every three seconds. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(3);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Generous: a ListRecords page of arXivRaw is several megabytes and arXiv builds it on demand.
     */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How the client behaves.
     *
     * @param userAgent sent with every request; arXiv asks for the tool's name and a contact
     *     address, e.g. {@code "Paperboy/0.1 (https://example.org; mailto:ops@example.org)"}
     * @param minInterval least time between the starts of two requests
     * @param maxAttempts requests per call before giving up (at least 1)
     * @param backoffBase wait after the first failure; doubled after each further one
     * @param backoffMax longest wait between two attempts after a failure
     * @param maxRetryAfter longest wait granted to a {@code Retry-After} header
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for a whole response
     */
    public record Settings(
            String userAgent,
            Duration minInterval,
            int maxAttempts,
            Duration backoffBase,
            Duration backoffMax,
            Duration maxRetryAfter,
            Duration connectTimeout,
            Duration requestTimeout) {
        public Settings {
            if (userAgent == null || userAgent.isBlank()) {
                throw new IllegalArgumentException(
                        "a User-Agent naming the tool and a contact address is required");
            }
            requireNonNegative("minInterval", minInterval);
            if (maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "maxAttempts must be at least 1: " + maxAttempts);
            }
            requireNonNegative("backoffBase", backoffBase);
            requireNonNegative("backoffMax", backoffMax);
            requireNonNegative("maxRetryAfter", maxRetryAfter);
            requirePositive("connectTimeout", connectTimeout);
            requirePositive("requestTimeout", requestTimeout);
        }

        /** Settings with the default timeouts (10 s to connect, 60 s per request). */
        public Settings(
                String userAgent,
                Duration minInterval,
                int maxAttempts,
                Duration backoffBase,
                Duration backoffMax,
                Duration maxRetryAfter) {
            this(
                    userAgent,
                    minInterval,
                    maxAttempts,
                    backoffBase,
                    backoffMax,
                    maxRetryAfter,
                    DEFAULT_CONNECT_TIMEOUT,
                    DEFAULT_REQUEST_TIMEOUT);
        }

        /**
         * arXiv's terms and sensible retries: 3 s apart, 5 attempts, backoff from 10 s to 5 min,
         * {@code Retry-After} honoured up to 10 min.
         */
        public static Settings defaults(String userAgent) {
            return new Settings(
                    userAgent,
                    DEFAULT_MIN_INTERVAL,
                    5,
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(10));
        }

        private static void requireNonNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or more: " + d);
            }
        }

        private static void requirePositive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
        }
    }

    /** Waits; injectable so tests can record the waits instead of spending them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Settings settings;
    private final Sleeper sleeper;

    /** Nanosecond clock for the interval; {@link System#nanoTime()} outside tests. */
    private final LongSupplier nanoClock;

    private final HttpClient http;

    /** Fair, so callers are served in the order they asked. */
    private final ReentrantLock lock = new ReentrantLock(true);

    /** {@link #nanoClock} at the start of the last request; guarded by {@link #lock}. */
    private long lastStart;

    private boolean anyRequestYet;

    public PoliteHttpClient(Settings settings) {
        this(settings, Thread::sleep);
    }

    public PoliteHttpClient(Settings settings, Sleeper sleeper) {
        this(settings, sleeper, System::nanoTime);
    }

    /** With a clock of its own, so a test can let time pass only when the client sleeps. */
    PoliteHttpClient(Settings settings, Sleeper sleeper, LongSupplier nanoClock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        // HTTP/1.1 with keep-alive: one connection, one request at a time, as the terms ask.
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        LOG.info(
                "arXiv client: User-Agent '{}', {} ms between requests, {} attempts, backoff {}-{}"
                        + " s, Retry-After honoured up to {} s",
                settings.userAgent(),
                settings.minInterval().toMillis(),
                settings.maxAttempts(),
                settings.backoffBase().toSeconds(),
                settings.backoffMax().toSeconds(),
                settings.maxRetryAfter().toSeconds());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * GETs {@code uri} and returns the body of the 2xx response (gzip undone).
     *
     * @throws ArxivUnavailableException when no 2xx answer came within the attempts, at once for a
     *     4xx other than 429, and when the thread is interrupted (the interrupt flag is kept)
     * @throws ArxivResponseException when the body claims gzip but is not
     */
    public byte[] get(URI uri) {
        Objects.requireNonNull(uri, "uri");
        lock.lock();
        try {
            return getWithRetries(uri);
        } finally {
            lock.unlock();
        }
    }

    private byte[] getWithRetries(URI uri) {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .GET()
                        .timeout(settings.requestTimeout())
                        .header("User-Agent", settings.userAgent())
                        .header("Accept-Encoding", "gzip")
                        .build();
        for (int attempt = 1; ; attempt++) {
            keepInterval(uri, attempt);
            HttpResponse<byte[]> response;
            try {
                LOG.debug("GET {} (attempt {})", uri, attempt);
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                String problem = "no response: " + HttpAnswers.describe(e);
                if (attempt >= settings.maxAttempts()) {
                    throw new ArxivUnavailableException(uri, problem, attempt, 0, e);
                }
                Duration wait = backoff(attempt);
                // Debug only: an offline instance would otherwise log every attempt; the caller
                // logs the one line that matters when the attempts run out.
                LOG.debug(
                        "arXiv: {} for {}; trying again in {} s (attempt {} of {})",
                        problem,
                        uri,
                        wait.toSeconds(),
                        attempt,
                        settings.maxAttempts());
                sleep(wait, uri, attempt, 0);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArxivUnavailableException(
                        uri, "interrupted while waiting for the answer", attempt, 0, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return HttpAnswers.body(uri, response);
            }
            String problem = "HTTP " + status + HttpAnswers.snippet(response);
            boolean retryable = status == 429 || status >= 500;
            if (!retryable || attempt >= settings.maxAttempts()) {
                throw new ArxivUnavailableException(uri, problem, attempt, status, null);
            }
            Optional<Duration> asked =
                    (status == 429 || status == 503)
                            ? HttpAnswers.retryAfter(response)
                            : Optional.empty();
            Duration wait =
                    asked.isPresent()
                            ? min(asked.get(), settings.maxRetryAfter())
                            : backoff(attempt);
            LOG.info(
                    "arXiv: HTTP {} for {}; trying again in {} s{} (attempt {} of {})",
                    status,
                    uri,
                    wait.toSeconds(),
                    asked.isPresent() ? " as Retry-After asks" : "",
                    attempt,
                    settings.maxAttempts());
            sleep(wait, uri, attempt, status);
        }
    }

    /**
     * Waits until {@code minInterval} has passed since the last request started, then marks this
     * start.
     */
    private void keepInterval(URI uri, int attempt) {
        if (anyRequestYet) {
            Duration since = Duration.ofNanos(nanoClock.getAsLong() - lastStart);
            Duration left = settings.minInterval().minus(since);
            if (left.isPositive()) {
                sleep(left, uri, attempt - 1, 0);
            }
        }
        lastStart = nanoClock.getAsLong();
        anyRequestYet = true;
    }

    private Duration backoff(int failedAttempts) {
        // base * 2^(n-1), computed so that large attempt counts cannot overflow
        Duration wait = settings.backoffBase();
        for (int i = 1; i < failedAttempts && wait.compareTo(settings.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, settings.backoffMax());
    }

    private void sleep(Duration wait, URI uri, int attempts, int status) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArxivUnavailableException(
                    uri, "interrupted while waiting to ask", attempts, status, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Closes the underlying connections; requests in progress may fail. */
    @Override
    public void close() {
        http.close();
    }
}
