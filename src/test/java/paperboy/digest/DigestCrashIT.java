package paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.testing.MailServers;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.Poll;
import paperboy.testing.TestDatabases;

/**
 * 500 subscribers, {@code paperboy digest send} killed with kill -9 in the middle of delivering,
 * then run again: no subscriber has two digests for the period, and at most one (see below) has
 * none. On PostgreSQL and on the embedded H2 catalog, whose commits are written out lazily unless
 * asked.
 */
class DigestCrashIT {
    private static final int SUBSCRIBERS = 500;

    /** The digest lease, short so that the second run may take over the dead run's claim soon. */
    private static final Duration LEASE = Duration.ofSeconds(2);

    @TempDir Path dir;

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aRoundKilledMidwayAndRunAgainNeverSendsADigestTwice(String database) throws Exception {
        String url = TestDatabases.url(database, dir);
        try (Database db = Database.open(url, null, null)) {
            List<Paper> papers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                papers.add(
                        new Paper(
                                ArxivId.of("2607.0000" + i),
                                1,
                                "Paper number " + i,
                                "About topic " + i,
                                List.of("Ada Lovelace"),
                                List.of("cs.LG"),
                                null,
                                null,
                                null,
                                null,
                                LocalDate.of(2026, 7, 1),
                                LocalDate.of(2026, 7, 1),
                                null,
                                null));
            }
            new CatalogStore(db.dataSource()).upsert(papers);
            Subscriptions subscriptions = new Subscriptions(db.dataSource());
            for (int i = 0; i < SUBSCRIBERS; i++) {
                Subscription s =
                        subscriptions.subscribe(
                                "crash" + i + "@example.org",
                                new Subscriptions.Preferences(
                                        Cadence.DAILY, 3, List.of(), List.of()),
                                Clock.systemUTC().instant());
                subscriptions.confirm(s.id(), Clock.systemUTC().instant());
            }
        }
        GreenMail smtp = MailServers.smtpAndImap();
        try {
            Map<String, String> env =
                    new HashMap<>(
                            Map.of(
                                    "PAPERBOY_DATA_DIR",
                                    dir.toString(),
                                    "PAPERBOY_SEARCH_MODEL",
                                    "none",
                                    "PAPERBOY_SMTP_HOST",
                                    "127.0.0.1",
                                    "PAPERBOY_SMTP_PORT",
                                    Integer.toString(smtp.getSmtp().getPort()),
                                    "PAPERBOY_SMTP_SECURITY",
                                    "none",
                                    "PAPERBOY_DIGEST_LEASE",
                                    LEASE.toSeconds() + "s",
                                    "PAPERBOY_SITE_URL",
                                    "http://paperboy.test"));
            if (database.equals("postgresql")) {
                env.put("PAPERBOY_DB_URL", url); // H2: the catalog in the data dir
            }
            int atKill;
            long killedAt;
            try (PaperboyProcess first = PaperboyProcess.start(env, "digest", "send")) {
                // polled often: each poll's lag is more digests sent before the kill
                Poll.every(Duration.ofMillis(5))
                        .upTo(Duration.ofSeconds(120))
                        .showing(
                                () ->
                                        smtp.getReceivedMessages().length
                                                + " digests; output:\n"
                                                + first.output())
                        .await(
                                "a third of the digests to arrive",
                                () -> smtp.getReceivedMessages().length >= SUBSCRIBERS / 3);
                first.killHard();
                killedAt = System.nanoTime();
                atKill = smtp.getReceivedMessages().length;
            }
            assertThat(atKill)
                    .as("killed in the middle of the round")
                    .isBetween(SUBSCRIBERS / 3, SUBSCRIBERS - 1);
            // A deliberate wait, not for a state: the dead node's last claim was taken before the
            // kill, so it has run out one lease after it (nothing observable changes when it does).
            Thread.sleep(
                    Duration.ofNanos(
                            Math.max(
                                    0,
                                    killedAt
                                            + LEASE.plusMillis(100).toNanos()
                                            - System.nanoTime())));
            try (PaperboyProcess second = PaperboyProcess.start(env, "digest", "send")) {
                assertThat(second.awaitExit(Duration.ofSeconds(180))).as(second.output()).isZero();
            }
            // read back over IMAP, as subscribers would; in parallel, as each exchange mostly waits
            Map<String, Integer> perAddress = new ConcurrentHashMap<>();
            ExecutorService readers = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> reads = new ArrayList<>();
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    String address = "crash" + i + "@example.org";
                    reads.add(
                            readers.submit(
                                    () -> {
                                        int digests = MailServers.imapInbox(smtp, address).size();
                                        if (digests > 0) {
                                            perAddress.put(address, digests);
                                        }
                                    }));
                }
                for (Future<?> read : reads) {
                    read.get();
                }
            } finally {
                readers.shutdownNow();
            }
            // A digest is marked sent just before SMTP's final dot, so a kill in the instant
            // between the two loses that one digest (never delivered); nothing can make one arrive
            // twice.
            assertThat(perAddress.size())
                    .as("addresses that got their digest")
                    .isBetween(SUBSCRIBERS - 1, SUBSCRIBERS);
            assertThat(perAddress.entrySet())
                    .filteredOn(e -> e.getValue() != 1)
                    .as("digests not sent exactly once")
                    .isEmpty();
        } finally {
            smtp.stop();
        }
    }
}
