package paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import paperboy.ingest.arxiv.ArxivUnavailableException;
import paperboy.testing.Poll;

/**
 * The harvest schedule through an outage, with a first retry of milliseconds instead of 15 minutes.
 */
class HarvestSchedulerTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(HarvestScheduler.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level level;
    private boolean additive;

    @BeforeEach
    void captureLog() {
        level = logger.getLevel();
        additive = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // the expected warnings are the test's, not the build log's
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
        logger.setAdditive(additive);
        logger.setLevel(level);
    }

    private List<String> lines(Level atLeast) {
        synchronized (log) { // the appender adds under its own lock
            return log.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Test
    void anOutageIsLoggedOnceHoweverManyAttemptsFailAndTheRecoveryOnce() {
        AtomicInteger attempts = new AtomicInteger();
        HarvestScheduler.Job job =
                roundDue -> {
                    if (attempts.incrementAndGet() <= 4) {
                        throw new ArxivUnavailableException(
                                URI.create("http://127.0.0.1:9/oai"),
                                "connection refused",
                                1,
                                0,
                                null);
                    }
                    return "cs +3/~0";
                };
        // the daily run 23 hours away, so that it cuts no back-off short
        LocalTime dailyAt = LocalTime.now(HarvestScheduler.ARXIV_ZONE).minusHours(1);
        try (HarvestScheduler scheduler =
                new HarvestScheduler(job, dailyAt, Duration.ofMillis(5), Clock.systemUTC())) {
            scheduler.start();
            Poll.standard()
                    .showing(scheduler::status)
                    .await(
                            "a harvest after four failed attempts",
                            () -> scheduler.status().startsWith("last harvest"));

            assertThat(attempts).hasValue(5);
            assertThat(scheduler.status()).contains("cs +3/~0");
            assertThat(scheduler.lastSuccess())
                    .as("the round that worked, not the failed ones")
                    .hasValueSatisfying(
                            t -> assertThat(scheduler.status()).contains("last harvest " + t));
            assertThat(lines(Level.INFO))
                    .filteredOn(line -> line.contains("unreachable"))
                    .singleElement()
                    .asString()
                    .startsWith(
                            "arXiv is unreachable (arXiv is unavailable: GET"
                                    + " http://127.0.0.1:9/oai")
                    .endsWith("the site keeps serving, next harvest attempt in 0 s");
            assertThat(lines(Level.DEBUG))
                    .filteredOn(line -> line.startsWith("arXiv still unreachable"))
                    .hasSize(3);
            assertThat(lines(Level.INFO))
                    .filteredOn(line -> line.equals("arXiv is reachable again"))
                    .hasSize(1);
        }
    }

    @Test
    void whileArxivIsDownTheStatusSaysWhenTheNextAttemptIs() {
        HarvestScheduler.Job job =
                roundDue -> {
                    throw new ArxivUnavailableException(
                            URI.create("http://127.0.0.1:9/oai"), "connection refused", 1, 0, null);
                };
        LocalTime dailyAt = LocalTime.now(HarvestScheduler.ARXIV_ZONE).minusHours(1);
        try (HarvestScheduler scheduler =
                new HarvestScheduler(job, dailyAt, Duration.ofMinutes(15), Clock.systemUTC())) {
            assertThat(scheduler.status()).isEqualTo("not started");
            assertThat(scheduler.lastSuccess()).isEmpty();
            scheduler.start();
            Poll.until(
                    "the outage to be logged",
                    () -> !lines(Level.WARN).isEmpty()); // just after the status is set
            assertThat(scheduler.status())
                    .matches("arXiv unreachable since \\S+; retrying at \\S+");
            assertThat(lines(Level.WARN))
                    .singleElement()
                    .asString()
                    .endsWith("next harvest attempt in 15 min");
            assertThat(scheduler.lastSuccess()).as("failed rounds are no success").isEmpty();
        }
    }

    @Test
    void whileAnotherNodeHarvestsTheRoundLooksAgainWhenItsLeaseWouldRunOutAndLogsNoError() {
        AtomicInteger attempts = new AtomicInteger();
        List<Instant> roundsDue = new CopyOnWriteArrayList<>();
        List<Instant> ran = new CopyOnWriteArrayList<>();
        Instant[] lookAgainAt = new Instant[1];
        HarvestScheduler.Job job =
                roundDue -> {
                    roundsDue.add(roundDue);
                    ran.add(Instant.now());
                    if (attempts.incrementAndGet() == 1) {
                        lookAgainAt[0] = Instant.now().plusMillis(1500);
                        throw new HeldElsewhereException(
                                "the catalog is being harvested by node-a", lookAgainAt[0]);
                    }
                    return "already harvested";
                };
        LocalTime dailyAt = LocalTime.now(HarvestScheduler.ARXIV_ZONE).minusHours(1);
        try (HarvestScheduler scheduler =
                new HarvestScheduler(job, dailyAt, Duration.ofMinutes(15), Clock.systemUTC())) {
            scheduler.start();
            Poll.standard()
                    .showing(scheduler::status)
                    .await(
                            "the second look, 1.5 s later",
                            () -> scheduler.status().startsWith("last harvest"));
            assertThat(lines(Level.INFO))
                    .anyMatch(
                            line ->
                                    line.startsWith(
                                            "harvest: the catalog is being harvested by node-a;"
                                                    + " looking again in"));
            assertThat(lines(Level.WARN)).as("another node at work is no failure").isEmpty();
            assertThat(ran.get(1))
                    .as("looked again when the holder's lease would run out, not sooner")
                    .isAfterOrEqualTo(lookAgainAt[0]);
            assertThat(roundsDue)
                    .hasSize(2)
                    .allSatisfy(
                            due ->
                                    assertThat(due)
                                            .as("the daily time an hour ago")
                                            .isBetween(
                                                    Instant.now().minus(Duration.ofMinutes(61)),
                                                    Instant.now().minus(Duration.ofMinutes(59))));
        }
    }
}
