package paperboy.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a repository's stars from the GitHub REST API ({@code GET /repos/{owner}/{repo}}) the way
 * GitHub asks clients to: conditional requests with the stored ETag (a 304 to a request with a
 * token does not count against the rate limit; without one it does), the rate limit's headers
 * honoured ({@code X-RateLimit-Remaining} and {@code -Reset} on a 403 or 429, {@code Retry-After}
 * or a minute on a secondary limit), redirects of renamed repositories followed (the token is sent
 * to GitHub's API host only), a token sent when configured. One request at a time, and at most one
 * rate-limit wait per repository, so that a round's lease (renewed per repository) outlasts it.
 * Thread-safe.
 */
public final class GitHubClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The longest wait for a rate limit's reset (within a round's lease); longer, the round stops
     * and the next one continues (what was read today answers 304 then, at no cost).
     */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    /** Redirects followed for one repository (a rename, maybe a transfer after it). */
    private static final int MAX_REDIRECTS = 3;

    /** Waits; injectable so tests record the waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** What GitHub said about a repository. */
    public sealed interface Answer {
        /** 200: its stars now, its name now and the ETag for the next conditional request. */
        record Found(int stars, String fullName, @Nullable String etag) implements Answer {}

        /** 304: nothing changed since the ETag sent. */
        record Unchanged() implements Answer {}

        /** 404, 410 or 451: deleted, made private, or blocked. */
        record Gone(int status) implements Answer {}
    }

    /** The rate limit would make us wait longer than {@link #MAX_WAIT}: stop, try later. */
    public static final class RateLimitedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RateLimitedException(String message) {
            super(message);
        }
    }

    private final URI apiUrl;
    private final @Nullable String token;
    private final String userAgent;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient http;
    private int requests; // answers GitHub counts against the limit (a 304 only without a token)
    private int conditionalHits;

    public GitHubClient(
            URI apiUrl, @Nullable String token, String userAgent, Clock clock, Sleeper sleeper) {
        this.apiUrl = apiUrl;
        this.token = token == null || token.isBlank() ? null : token;
        this.userAgent = userAgent;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER) // counted and followed here
                        .connectTimeout(Duration.ofSeconds(20))
                        .build();
    }

    /**
     * Asks for {@code repo} ({@code owner/name}), conditionally when {@code etag} is known.
     *
     * @throws RateLimitedException when the limit resets too far ahead
     * @throws IOException when GitHub cannot be reached or answers what this client cannot read
     */
    public synchronized Answer repository(String repo, @Nullable String etag)
            throws IOException, InterruptedException {
        URI uri = apiUrl.resolve(path(apiUrl) + "repos/" + repo);
        boolean waited = false;
        for (int redirects = 0; ; ) {
            HttpResponse<String> r = send(uri, etag);
            int status = r.statusCode();
            if (status == 304) {
                conditionalHits++;
                if (token == null) {
                    requests++; // GitHub waives a 304 only for a request with a token
                }
                return new Answer.Unchanged();
            }
            requests++;
            if (status == 200) {
                JsonNode body = JSON.readTree(r.body());
                JsonNode stars = body.path("stargazers_count");
                if (!stars.isInt()) {
                    throw new IOException(uri + ": no stargazers_count in the answer");
                }
                return new Answer.Found(
                        stars.asInt(),
                        body.path("full_name").asText(repo),
                        r.headers().firstValue("ETag").orElse(null));
            }
            if (status == 301 || status == 302 || status == 307) {
                Optional<String> location = r.headers().firstValue("Location");
                if (location.isEmpty() || ++redirects > MAX_REDIRECTS) {
                    throw new IOException(uri + ": " + status + " without a usable Location");
                }
                uri = uri.resolve(location.get()); // the stored ETag is the final answer's
                continue;
            }
            if (status == 404 || status == 410 || status == 451) {
                return new Answer.Gone(status);
            }
            Optional<Duration> wait = rateLimitWait(r);
            if (wait.isPresent()) {
                if (waited || wait.get().compareTo(MAX_WAIT) > 0) {
                    throw new RateLimitedException(
                            "GitHub's rate limit "
                                    + (waited
                                            ? "was hit again after a wait"
                                            : "resets in " + wait.get().toMinutes() + " min")
                                    + "; the next round continues");
                }
                LOG.info("GitHub rate limit reached; waiting {} s", wait.get().toSeconds());
                sleeper.sleep(wait.get());
                waited = true;
                continue;
            }
            throw new IOException(uri + ": GitHub answered " + status);
        }
    }

    /** How long GitHub asks us to wait, when the answer is a rate limit's. */
    private Optional<Duration> rateLimitWait(HttpResponse<String> r) {
        if (r.statusCode() != 403 && r.statusCode() != 429) {
            return Optional.empty();
        }
        Optional<String> retryAfter = r.headers().firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(
                        Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.get().strip()))));
            } catch (NumberFormatException e) {
                return Optional.of(
                        Duration.ofMinutes(1)); // GitHub's own advice for a secondary limit
            }
        }
        boolean exhausted =
                r.headers().firstValue("X-RateLimit-Remaining").map("0"::equals).orElse(false);
        Optional<String> reset = r.headers().firstValue("X-RateLimit-Reset");
        if (exhausted && reset.isPresent()) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().strip()));
                Duration wait = Duration.between(clock.instant(), at).plusSeconds(1);
                return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofMinutes(1));
            }
        }
        // A secondary limit without those headers: GitHub asks for at least a minute's wait. A
        // 403 that names no limit (a bad token, a blocked resource) is an error instead.
        if (r.statusCode() == 429 || r.body().toLowerCase(Locale.ROOT).contains("rate limit")) {
            return Optional.of(Duration.ofMinutes(1));
        }
        return Optional.empty();
    }

    private HttpResponse<String> send(URI uri, @Nullable String etag)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Accept", "application/vnd.github+json")
                        .header("X-GitHub-Api-Version", "2022-11-28")
                        .header("User-Agent", userAgent);
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        if (token != null && sameHost(uri, apiUrl)) {
            b.header("Authorization", "Bearer " + token); // never to where a redirect points
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost()))
                && a.getPort() == b.getPort();
    }

    private static String path(URI base) {
        String p = base.getPath() == null ? "" : base.getPath();
        return p.endsWith("/") ? p : p + "/";
    }

    /**
     * Answers that counted against the rate limit so far (all but 304s to requests with a token).
     */
    public synchronized int requests() {
        return requests;
    }

    /** 304 answers so far: repositories unchanged, at no cost. */
    public synchronized int conditionalHits() {
        return conditionalHits;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GitHubClient[%s]", apiUrl);
    }
}
