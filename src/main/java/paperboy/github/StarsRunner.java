package paperboy.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogException;
import paperboy.catalog.JobLeases;
import paperboy.common.Background;

/**
 * {@code serve}'s daily stars round. Every node looks once an hour; the one that gets the {@code
 * stars} lease runs a round unless one completed in the last {@link #EVERY} (less an hour of
 * slack), so the nodes together ask GitHub about once a day, and a node killed mid-round leaves the
 * round to another after {@link StarsRound#LEASE}.
 */
public final class StarsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StarsRunner.class);

    /** How often stars are read. */
    public static final Duration EVERY = Duration.ofDays(1);

    /** How often a node looks whether a round is due. */
    static final Duration LOOK_EVERY = Duration.ofHours(1);

    /** After start: the site first, then GitHub. */
    static final Duration FIRST_LOOK = Duration.ofMinutes(1);

    private final StarsRound round;
    private final JobLeases leases;
    private final String node;
    private final Clock clock;
    private final Background thread = new Background("stars", 1);

    public StarsRunner(StarsRound round, JobLeases leases, String node, Clock clock) {
        this.round = round;
        this.leases = leases;
        this.node = node;
        this.clock = clock;
    }

    public void start() {
        thread.repeat(FIRST_LOOK, LOOK_EVERY, this::lookOnce);
    }

    /** Runs a round if one is due and no other process holds it; returns what it did. */
    String lookOnce() {
        try {
            Optional<Instant> done = leases.lastCompleted(StarsRound.JOB);
            if (done.isPresent()
                    && done.get().isAfter(clock.instant().minus(EVERY).plus(LOOK_EVERY))) {
                return "stars read at " + done.get();
            }
            Optional<JobLeases.Lease> claimed =
                    leases.claim(StarsRound.JOB, node, StarsRound.LEASE);
            if (claimed.isEmpty()) {
                return "another node is reading the stars";
            }
            try (JobLeases.Lease lease = claimed.get()) {
                Optional<Instant> since = leases.lastCompleted(StarsRound.JOB);
                if (since.isPresent() && !since.equals(done)) {
                    return "stars read at " + since.get(); // by another node, just now
                }
                // continuing a round the rate limit stopped: what was read today stays read
                StarsRound.Report report = round.run(lease, EVERY.minus(LOOK_EVERY));
                if (report.stopped() == null) {
                    lease.complete(); // a round stopped early is continued at the next look
                }
                LOG.info("stars: {}", report.summary());
                return "stars read at " + clock.instant() + ": " + report.summary();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "stopped";
        } catch (RuntimeException e) {
            if (thread.stopping() || CatalogException.closedByShutdown(e)) {
                return "stopped";
            }
            LOG.warn("stars: the round failed; trying again in an hour", e);
            return "stars round failed at " + clock.instant() + ": " + e.getMessage();
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}
