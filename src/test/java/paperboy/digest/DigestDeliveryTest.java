package paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.daily.DailyPapers;
import paperboy.daily.Period;
import paperboy.mail.MailSettings;
import paperboy.mail.SmtpTransport;
import paperboy.recommend.Recommender;
import paperboy.recommend.Tastes;
import paperboy.search.PaperSearch;
import paperboy.testing.MailServers;
import paperboy.testing.RefusingPort;
import paperboy.testing.ScriptedSmtpServer;
import paperboy.testing.SteppingClock;
import paperboy.testing.TestDatabases;

/** Delivery through outages and from two nodes at once, against a real SMTP server (GreenMail). */
class DigestDeliveryTest {
    private static final Period DAY = new Period.Day(LocalDate.of(2026, 7, 1));

    @TempDir Path dir;

    /**
     * A catalog of three papers of 1 July 2026, {@code subscribers} confirmed daily subscriptions,
     * and a round.
     */
    private record World(
            Database db,
            PaperSearch search,
            Subscriptions subscriptions,
            Outbox outbox,
            DigestComposer composer,
            List<String> addresses)
            implements AutoCloseable {
        static World of(Database db, Path dir, int subscribers) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            List<Paper> papers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                papers.add(
                        new Paper(
                                ArxivId.of("2607.0000" + i),
                                1,
                                "Paper number " + i,
                                "An abstract about topic " + i,
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
            catalog.upsert(papers);
            PaperSearch search =
                    PaperSearch.open(
                            dir.resolve("index-" + System.nanoTime()),
                            catalog,
                            new VectorStore(db.dataSource()),
                            null,
                            1);
            search.catchUp(n -> {});
            DailyPapers daily = new DailyPapers(db.dataSource(), catalog);
            Subscriptions subscriptions = new Subscriptions(db.dataSource());
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                String address = "reader" + i + "@example.org";
                Subscription s =
                        subscriptions.subscribe(
                                address,
                                new Subscriptions.Preferences(
                                        Cadence.DAILY, 3, List.of(), List.of()),
                                Clock.systemUTC().instant());
                subscriptions.confirm(s.id(), Clock.systemUTC().instant());
                addresses.add(address);
            }
            return new World(
                    db,
                    search,
                    subscriptions,
                    new Outbox(db.dataSource()),
                    new DigestComposer(
                            catalog,
                            daily,
                            search,
                            new Recommender(
                                    catalog,
                                    daily,
                                    new VectorStore(db.dataSource()),
                                    null,
                                    Clock.systemUTC()),
                            new Tastes(db.dataSource(), Clock.systemUTC())),
                    addresses);
        }

        DigestRound round(int smtpPort, String node) {
            return round(smtpPort, node, Clock.systemUTC());
        }

        DigestRound round(int smtpPort, String node, Clock clock) {
            return new DigestRound(
                    subscriptions,
                    outbox,
                    composer,
                    new SmtpTransport(
                            new MailSettings(
                                    "127.0.0.1",
                                    smtpPort,
                                    "none",
                                    null,
                                    null,
                                    "paperboy@test.local")),
                    "http://paperboy.test",
                    clock,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(2),
                    node);
        }

        @Override
        public void close() {
            search.close();
            db.close();
        }
    }

    @Test
    void anSmtpOutageIsRetriedWithBackoffAndEachDigestArrivesOnce() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(DigestRound.class);
        log.start();
        logger.addAppender(log);
        // The port is held by a bound socket that does not listen: connections are refused (the
        // outage), and no other process can take the port before GreenMail does.
        RefusingPort reserved = new RefusingPort();
        int port = reserved.port();
        try (World world = World.of(Database.open(Database.embeddedUrl(dir), null, null), dir, 3)) {
            SteppingClock clock = new SteppingClock(Clock.systemUTC().instant());
            DigestRound round = world.round(port, "node-a", clock);
            assertThat(round.compose(Cadence.DAILY, DAY)).isEqualTo(3);
            DigestRound.Delivered first =
                    round.deliver(); // nobody listens on the port: connection refused
            assertThat(first.sent()).isZero();
            assertThat(first.retrying()).isEqualTo(3);
            clock.advance(Duration.ofMillis(199));
            assertThat(round.deliver().retrying()).as("not due again before the back-off").isZero();
            clock.advance(Duration.ofMillis(101));
            assertThat(round.deliver().retrying()).isEqualTo(3);
            assertThat(log.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("attempt 1 failed, retrying in PT0.2S"))
                    .anyMatch(m -> m.contains("attempt 2 failed, retrying in PT0.4S"));

            reserved.close();
            GreenMail smtp = MailServers.smtp(port);
            try {
                clock.advance(Duration.ofMillis(399));
                assertThat(round.deliver().sent())
                        .as("not due again before the doubled back-off")
                        .isZero();
                clock.advance(Duration.ofMillis(1));
                assertThat(round.deliver().sent()).isEqualTo(3);
                assertThat(round.deliver().sent()).isZero();
                Map<String, Integer> perAddress = new HashMap<>();
                for (MimeMessage m : smtp.getReceivedMessages()) {
                    perAddress.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
                }
                assertThat(perAddress)
                        .hasSize(3)
                        .allSatisfy((address, n) -> assertThat(n).as(address).isEqualTo(1));
                assertThat(world.outbox().counts())
                        .containsEntry("sent", 3L)
                        .doesNotContainKey("pending");
            } finally {
                smtp.stop();
            }
        } finally {
            reserved.close();
            logger.detachAppender(log);
        }
    }

    @Test
    void anSmtp4xxIsRetriedAnd5xxFailsForGoodAndPausesTheSubscription() throws Exception {
        // the server's answers to the recipient: busy (451) at first, then "no such mailbox" (550)
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(session -> session == 1 ? 451 : 550);
                World world =
                        World.of(Database.open(Database.embeddedUrl(dir), null, null), dir, 1)) {
            Subscription s = world.subscriptions().byEmail("reader0@example.org").orElseThrow();
            for (int i = 1; i < Subscriptions.PAUSE_AFTER_FAILURES; i++) {
                world.subscriptions()
                        .permanentFailure(
                                s.id(), Clock.systemUTC().instant()); // earlier periods' failures
            }
            SteppingClock clock = new SteppingClock(Clock.systemUTC().instant());
            DigestRound round = world.round(smtp.port(), "node-a", clock);
            assertThat(round.compose(Cadence.DAILY, DAY)).isEqualTo(1);

            assertThat(round.deliver())
                    .as("451: try again later")
                    .isEqualTo(new DigestRound.Delivered(0, 1, 0));
            clock.advance(Duration.ofMillis(200));
            assertThat(round.deliver())
                    .as("550: for good")
                    .isEqualTo(new DigestRound.Delivered(0, 0, 1));
            assertThat(world.outbox().counts())
                    .containsEntry("failed", 1L)
                    .doesNotContainKey("pending");
            assertThat(smtp.delivered()).isZero();
            assertThat(world.subscriptions().byId(s.id()).orElseThrow().pausedAt())
                    .as(
                            "paused after "
                                    + Subscriptions.PAUSE_AFTER_FAILURES
                                    + " permanent failures")
                    .isNotNull();
            assertThat(world.subscriptions().active(Cadence.DAILY))
                    .as("paused: no more digests")
                    .isEmpty();
        }
    }

    @Test
    void twoNodesOnOnePostgresqlSendEachDigestOnce() throws Exception {
        GreenMail smtp = MailServers.smtp(0);
        int subscribers = 60;
        String url = TestDatabases.freshPostgresSchemaUrl();
        try (World world = World.of(Database.open(url, null, null), dir, subscribers);
                Database second = Database.open(url, null, null)) {
            World other =
                    new World(
                            second,
                            world.search(),
                            new Subscriptions(second.dataSource()),
                            new Outbox(second.dataSource()),
                            world.composer(),
                            world.addresses());
            List<DigestRound> nodes =
                    List.of(
                            world.round(smtp.getSmtp().getPort(), "node-a"),
                            other.round(smtp.getSmtp().getPort(), "node-b"));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<DigestRound.Delivered>> runs = new ArrayList<>();
                for (DigestRound node : nodes) {
                    runs.add(
                            threads.submit(
                                    () -> {
                                        node.compose(Cadence.DAILY, DAY);
                                        return node.deliver();
                                    }));
                }
                int sent = 0;
                for (Future<DigestRound.Delivered> run : runs) {
                    sent += run.get().sent();
                }
                assertThat(sent).isEqualTo(subscribers);
            } finally {
                threads.shutdownNow();
            }
            Map<String, Integer> perAddress = new HashMap<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                perAddress.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
            }
            assertThat(perAddress)
                    .hasSize(subscribers)
                    .allSatisfy((address, n) -> assertThat(n).as(address).isEqualTo(1));
            assertThat(world.outbox().counts()).containsEntry("sent", (long) subscribers);
        } finally {
            smtp.stop();
        }
    }
}
