package paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogException;
import paperboy.common.Background;
import paperboy.daily.Period;

/**
 * Sends each cadence at its time: daily digests on weekdays, weekly ones on Mondays, at {@code
 * sendAt} in {@code zone}. Every half minute it composes the due period's missing digests (once per
 * period and process) and delivers what is due, retries included. After downtime the first tick
 * composes the period that is due now: digests of that period already composed are not composed
 * again (the outbox's key), so nothing is sent twice.
 */
public final class DigestScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);
    private final DigestRound round;
    private final LocalTime sendAt;
    private final ZoneId zone;
    private final Clock clock;
    private final Supplier<@Nullable LocalDate> latestFeedDay; // null while the catalog is empty
    private final Map<Cadence, String> composed = new EnumMap<>(Cadence.class);

    /** How often due digests are looked for: a digest waits at most this long after its time. */
    static final Duration TICK = Duration.ofSeconds(30);

    private final Background thread = new Background("digests", 1);
    private volatile @Nullable Instant lastRound;

    public DigestScheduler(
            DigestRound round,
            LocalTime sendAt,
            ZoneId zone,
            Clock clock,
            Supplier<@Nullable LocalDate> latestFeedDay) {
        this.round = round;
        this.sendAt = sendAt;
        this.zone = zone;
        this.clock = clock;
        this.latestFeedDay = latestFeedDay;
    }

    /**
     * When the last round (compose what is due, deliver the outbox) ended without an error; empty
     * before the first in this process. A delivery that failed and will be retried still counts:
     * the round did its work.
     */
    public Optional<Instant> lastRound() {
        return Optional.ofNullable(lastRound);
    }

    public void start() {
        thread.repeat(Duration.ofSeconds(10), TICK, this::tick);
    }

    void tick() {
        try {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
            LocalDate feedDay = latestFeedDay.get();
            for (Cadence cadence : Cadence.values()) {
                if (feedDay == null) {
                    continue;
                }
                Period period = duePeriod(cadence, now, sendAt, feedDay);
                if (!period.key().equals(composed.get(cadence))) {
                    int added = round.compose(cadence, period);
                    composed.put(cadence, period.key());
                    if (added > 0) {
                        LOG.info(
                                "digests: {} {} digests composed for {}",
                                added,
                                cadence.key(),
                                period.key());
                    }
                }
            }
            DigestRound.Delivered d = round.deliver();
            lastRound = clock.instant();
            if (d.sent() + d.failed() > 0) {
                LOG.info(
                        "digests: {} sent, {} retrying, {} failed",
                        d.sent(),
                        d.retrying(),
                        d.failed());
            }
        } catch (RuntimeException e) {
            if (thread.stopping() || CatalogException.closedByShutdown(e)) {
                LOG.debug("digests: the round stopped with the process", e);
                return;
            }
            LOG.error("digests: the round failed; trying again in half a minute", e);
        }
    }

    /**
     * The period whose digests are due at {@code now}: that of the latest send moment not in the
     * future (today's if {@code sendAt} has passed, else an earlier send day's), its papers up to
     * {@code latestFeedDay} (the newest announced day). {@code serve} and {@code digest send} both
     * ask this, so they compose the same period and the outbox's key keeps each digest single.
     */
    public static Period duePeriod(
            Cadence cadence, ZonedDateTime now, LocalTime sendAt, LocalDate latestFeedDay) {
        LocalDate day = now.toLocalDate();
        while (!cadence.sendsOn(day)
                || (day.equals(now.toLocalDate()) && now.toLocalTime().isBefore(sendAt))) {
            day = day.minusDays(1);
        }
        return cadence.periodFor(day, latestFeedDay.isAfter(day) ? day : latestFeedDay);
    }

    @Override
    public void close() {
        thread.stop(); // waits for a round in progress, which uses the database
    }
}
