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
    private volatile String status = "not started";

    public StarsRunner(StarsRound round, JobLeases leases, String node, Clock clock) {
        this.round = round;
        this.leases = leases;
        this.node = node;
        this.clock = clock;
    }

    public void start() {
        status = "waiting for the first look";
        thread.repeat(FIRST_LOOK, LOOK_EVERY, this::lookOnce);
    }

    /** One line on the stars' state, for /healthz. */
    public String status() {
        return status;
    }

    /** Runs a round if one is due and no other process holds it; returns what it did. */
    public String lookOnce() {
        String now = look();
        status = now;
        return now;
    }

    private String look() {
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
                StarsRound.Report report = round.run(lease);
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
