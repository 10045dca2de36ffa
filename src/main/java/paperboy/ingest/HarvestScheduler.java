package paperboy.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogException;
import paperboy.catalog.JobLeases;
import paperboy.common.Background;
import paperboy.ingest.arxiv.ArxivUnavailableException;

/**
 * Runs a harvest job at start and then daily at a set time in arXiv's time zone (after the
 * announcement). When the job fails (arXiv unreachable) it logs one clear line, keeps the site
 * serving, and tries again after a back-off that doubles up to the next daily run. Thread-safe.
 */
public final class HarvestScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HarvestScheduler.class);

    /** arXiv announces in America/New_York; its mailings and feeds follow that clock. */
    public static final ZoneId ARXIV_ZONE = ZoneId.of("America/New_York");

    /** One harvest round; returns a one-line summary. */
    @FunctionalInterface
    public interface Job {
        /**
         * Runs the round.
         *
         * @param roundDue the daily time this round serves (the last one at or before now): a round
         *     another process completed after it need not run again
         * @throws HeldElsewhereException when another process is harvesting the catalog
         */
        String run(Instant roundDue) throws Exception;
    }

    private final Job job;
    private final LocalTime dailyAt;
    private final Duration firstRetry;
    private final Clock clock;
    private final Background thread = new Background("harvest", 1);
    private volatile String status = "not started";
    private volatile @Nullable Instant lastSuccess;
    private Duration nextRetry;
    private boolean failing;
    private @Nullable Instant unreachableSince; // the first failed attempt of the outage going on

    public HarvestScheduler(Job job, LocalTime dailyAt, Duration firstRetry, Clock clock) {
        this.job = job;
        this.dailyAt = dailyAt;
        this.firstRetry = firstRetry;
        this.nextRetry = firstRetry;
        this.clock = clock;
    }

    /** Runs the first round now, in the background. */
    public void start() {
        status = "starting";
        thread.after(Duration.ZERO, this::runRound);
    }

    /** One line on the harvester's state, for pages and /healthz. */
    public String status() {
        return status;
    }

    /** When the last harvest round ended well; empty before the first in this process. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    private void runRound() {
        try {
            String summary = job.run(previousDailyRun());
            if (failing) {
                LOG.info("arXiv is reachable again");
            }
            failing = false;
            unreachableSince = null;
            nextRetry = firstRetry;
            Instant next = nextDailyRun();
            lastSuccess = clock.instant();
            status = "last harvest " + lastSuccess + ": " + summary + "; next " + next;
            LOG.info("harvest done: {}; next at {}", summary, next);
            schedule(Duration.between(clock.instant(), next));
        } catch (HeldElsewhereException e) {
            // Not a failure: another node is harvesting. Look again when its lease would run out,
            // in case it died; if it finished by then, the round sees that and does nothing.
            // a second past it: a lease is free only once its time has passed
            Duration wait = Duration.between(clock.instant(), e.lookAgainAt()).plusSeconds(1);
            if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
                wait = Duration.ofSeconds(1);
            }
            status = e.getMessage() + "; looking again at " + clock.instant().plus(wait);
            LOG.info("harvest: {}; looking again in {}", e.getMessage(), human(wait));
            schedule(wait);
        } catch (JobLeases.LeaseLostException e) {
            // This node stalled past its lease and another took the harvest over: not a failure
            // of the harvest, which goes on there. Look again later, as for a held harvest.
            status =
                    "harvest taken over by another node; looking again at "
                            + clock.instant().plus(firstRetry);
            LOG.info("harvest: {}; looking again in {}", e.getMessage(), human(firstRetry));
            schedule(firstRetry);
        } catch (ArxivUnavailableException e) {
            Duration wait = retryWait();
            Instant since = unreachableSince != null ? unreachableSince : clock.instant();
            unreachableSince = since;
            status =
                    "arXiv unreachable since "
                            + since
                            + "; retrying at "
                            + clock.instant().plus(wait);
            if (!failing) {
                // One clear line, no stack trace: an offline instance is a normal state, not a
                // crash.
                LOG.warn(
                        "arXiv is unreachable ({}); the site keeps serving, next harvest attempt in"
                                + " {}",
                        e.getMessage(),
                        human(wait));
            } else {
                LOG.debug("arXiv still unreachable: {}", e.getMessage());
            }
            failing = true;
            schedule(wait);
        } catch (Throwable e) {
            if (thread.stopping() || CatalogException.closedByShutdown(e)) {
                LOG.debug("harvest: the round stopped with the process", e);
                return;
            }
            // Not an outage: a bug, the catalog, or arXiv refusing our request. Say so loudly.
            Duration wait = retryWait();
            status =
                    "harvest failed at "
                            + clock.instant()
                            + ": "
                            + e.getMessage()
                            + "; retrying at "
                            + clock.instant().plus(wait);
            LOG.error("harvest failed; retrying in {}", human(wait), e);
            schedule(wait);
        }
    }

    /** The next back-off: doubling from the first retry, never past the next daily run. */
    private Duration retryWait() {
        Duration wait = nextRetry;
        Duration untilDaily = Duration.between(clock.instant(), nextDailyRun());
        if (wait.compareTo(untilDaily) > 0) {
            wait = untilDaily;
        }
        if (nextRetry.compareTo(Duration.ofDays(1)) < 0) {
            nextRetry = nextRetry.multipliedBy(2);
        }
        return wait;
    }

    private void schedule(Duration delay) {
        thread.after(delay, this::runRound);
    }

    private Instant previousDailyRun() {
        return nextDailyRun().atZone(ARXIV_ZONE).minusDays(1).toInstant();
    }

    private Instant nextDailyRun() {
        ZonedDateTime now = clock.instant().atZone(ARXIV_ZONE);
        ZonedDateTime today = now.with(dailyAt);
        return (today.isAfter(now) ? today : today.plusDays(1)).toInstant();
    }

    private static String human(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60
                ? (minutes / 60) + " h " + (minutes % 60) + " min"
                : minutes > 0 ? minutes + " min" : d.toSeconds() + " s";
    }

    /** Stops scheduling, interrupts a round in progress and waits for it to end. */
    @Override
    public void close() {
        thread.stop();
    }
}
