package paperboy.github;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.JobLeases;

/**
 * One pass over every linked GitHub repository: asks GitHub for each (conditionally, with the
 * stored ETag), stores its stars for the day, then rewrites the papers' stars. Run by {@code
 * paperboy stars} and daily by {@code serve}, under the catalog's {@code stars} lease so that one
 * process a day asks GitHub, whatever the number of nodes.
 */
public final class StarsRound {
    private static final Logger LOG = LoggerFactory.getLogger(StarsRound.class);

    /** The round's row in {@code job_leases}. */
    public static final String JOB = "stars";

    /** A round's claim, renewed before each repository; longer than the longest rate-limit wait. */
    public static final Duration LEASE = Duration.ofMinutes(30);

    private final StarStore store;
    private final GitHubClient github;
    private final Clock clock;

    public StarsRound(StarStore store, GitHubClient github, Clock clock) {
        this.store = store;
        this.github = github;
        this.clock = clock;
    }

    /**
     * What a round did.
     *
     * @param repos repositories linked by papers
     * @param read answered with their stars (200)
     * @param unchanged answered 304 to the conditional request (no quota spent with a token)
     * @param renamed answered through a redirect to a new name
     * @param gone deleted, private or blocked (404, 410, 451)
     * @param failed not read (an error; the next round tries again)
     * @param papers papers with stars afterwards
     * @param requests answers that counted against GitHub's rate limit
     * @param stopped why the round stopped before the end, or null
     */
    public record Report(
            int repos,
            int read,
            int unchanged,
            int renamed,
            int gone,
            int failed,
            int papers,
            int requests,
            @Nullable String stopped) {
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%d repositories: %d read, %d unchanged (304), %d renamed, %d gone, %d failed;"
                            + " %d papers with stars; %d requests counted by GitHub%s",
                    repos,
                    read,
                    unchanged,
                    renamed,
                    gone,
                    failed,
                    papers,
                    requests,
                    stopped == null ? "" : "; stopped: " + stopped);
        }
    }

    /**
     * Reads every repository, renewing {@code lease} as it goes (null when nothing else can run at
     * once, as in tests).
     */
    public Report run(JobLeases.@Nullable Lease lease) throws InterruptedException {
        return run(lease, null);
    }

    /**
     * {@link #run(JobLeases.Lease)}, leaving out repositories read within {@code fresh} (serve's
     * daily round continuing one the rate limit stopped; null to ask for all, as {@code paperboy
     * stars} does). Repositories are asked never-read first, then longest ago.
     */
    public Report run(JobLeases.@Nullable Lease lease, @Nullable Duration fresh)
            throws InterruptedException {
        Map<String, List<String>> linked = store.linkedRepos();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int read = 0;
        int unchanged = 0;
        int renamed = 0;
        int gone = 0;
        int failed = 0;
        int requestsBefore = github.requests();
        String stopped = null;
        for (String repo : store.inAskingOrder(linked.keySet())) {
            if (fresh != null
                    && store.checkedAt(repo)
                            .filter(t -> t.isAfter(clock.instant().minus(fresh)))
                            .isPresent()) {
                continue;
            }
            if (lease != null) {
                lease.renew(); // one small update a repository; a rate-limit wait fits the lease
            }
            StarStore.Known known = store.known(repo).orElse(null);
            try {
                GitHubClient.Answer answer =
                        known == null
                                ? github.repository(repo, null)
                                : github.repository(known.askFor(repo), known.etag());
                switch (answer) {
                    case GitHubClient.Answer.Found f -> {
                        read++;
                        String before = known == null ? null : known.fullName();
                        boolean moved =
                                !f.fullName().equalsIgnoreCase(repo)
                                        && (before == null
                                                || !f.fullName().equalsIgnoreCase(before));
                        if (moved) {
                            renamed++; // counted once, when GitHub first sends us elsewhere
                        }
                        store.record(
                                repo,
                                f.fullName(),
                                f.etag(),
                                f.stars(),
                                "ok",
                                clock.instant(),
                                today);
                    }
                    case GitHubClient.Answer.Unchanged u -> {
                        unchanged++;
                        store.record(
                                repo,
                                null,
                                known == null ? null : known.etag(),
                                known == null ? null : known.stars(),
                                "ok",
                                clock.instant(),
                                today);
                    }
                    case GitHubClient.Answer.Gone g -> {
                        gone++;
                        store.record(repo, null, null, null, "gone", clock.instant(), today);
                    }
                }
            } catch (GitHubClient.RateLimitedException e) {
                stopped = e.getMessage();
                break;
            } catch (ConnectException | HttpConnectTimeoutException e) {
                // GitHub unreachable: asking for every other repository would fail the same way
                stopped = "GitHub is unreachable (" + e + ")";
                LOG.warn("stars: {}; the next round tries again", stopped);
                break;
            } catch (IOException e) {
                failed++;
                LOG.warn("stars: could not read {}: {}", repo, e.getMessage());
            }
        }
        int papers = store.refreshPapers(linked, today);
        return new Report(
                linked.size(),
                read,
                unchanged,
                renamed,
                gone,
                failed,
                papers,
                github.requests() - requestsBefore,
                stopped);
    }
}
