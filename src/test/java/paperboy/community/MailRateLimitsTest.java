package paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.Database;
import paperboy.digest.Cadence;
import paperboy.digest.SubscriptionDesk;
import paperboy.digest.Subscriptions;
import paperboy.mail.OutboxTransport;
import paperboy.testing.SteppingClock;

/**
 * Nobody can mail-bomb a stranger, or many strangers from one client: sign-in links and
 * subscription confirmations are limited per address and per client address, per hour. The mail
 * really goes out (as .eml files); what is refused is never written.
 */
class MailRateLimitsTest {
    private static final String SITE = "https://papers.example.org";
    private static final Subscriptions.Preferences DAILY =
            new Subscriptions.Preferences(Cadence.DAILY, 10, List.of(), List.of());

    @TempDir Path dir;

    private long mailsWritten() throws Exception {
        if (!Files.exists(dir.resolve("outbox"))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void subscribingIsLimitedPerAddressAndPerClient() throws Exception {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
        try (Database db = Database.open(Database.embeddedUrl(dir), null, null)) {
            SubscriptionDesk desk =
                    new SubscriptionDesk(
                            new Subscriptions(db.dataSource()),
                            new OutboxTransport(dir.resolve("outbox"), "paperboy@example.org"),
                            clock);
            for (int i = 0; i < SubscriptionDesk.PER_ADDRESS_PER_HOUR; i++) {
                assertThat(desk.subscribe("victim@example.org", DAILY, SITE, "198.51.100.1"))
                        .isEqualTo(SubscriptionDesk.Result.SENT);
            }
            assertThat(desk.subscribe("victim@example.org", DAILY, SITE, "198.51.100.2"))
                    .as("the address, from another client")
                    .isEqualTo(SubscriptionDesk.Result.TOO_MANY_FOR_ADDRESS);

            for (int i = 0; i < SubscriptionDesk.PER_CLIENT_PER_HOUR; i++) {
                assertThat(
                                desk.subscribe(
                                        "reader" + i + "@example.org", DAILY, SITE, "203.0.113.7"))
                        .isEqualTo(SubscriptionDesk.Result.SENT);
            }
            assertThat(desk.subscribe("one-more@example.org", DAILY, SITE, "203.0.113.7"))
                    .as("one client, many addresses")
                    .isEqualTo(SubscriptionDesk.Result.TOO_MANY_FROM_CLIENT);
            assertThat(desk.subscribe("one-more@example.org", DAILY, SITE, "203.0.113.8"))
                    .isEqualTo(SubscriptionDesk.Result.SENT);
            assertThat(mailsWritten())
                    .isEqualTo(
                            SubscriptionDesk.PER_ADDRESS_PER_HOUR
                                    + SubscriptionDesk.PER_CLIENT_PER_HOUR
                                    + 1);

            clock.advance(Duration.ofMinutes(61));
            assertThat(desk.subscribe("one-more@example.org", DAILY, SITE, "203.0.113.7"))
                    .as("an hour later")
                    .isEqualTo(SubscriptionDesk.Result.SENT);
        }
    }

    @Test
    void signInMailsAreLimitedPerAddressAndPerClient() throws Exception {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
        try (Database db = Database.open(Database.embeddedUrl(dir), null, null)) {
            SignIn signIn =
                    new SignIn(
                            new Accounts(db.dataSource()),
                            new OutboxTransport(dir.resolve("outbox"), "paperboy@example.org"),
                            "",
                            clock);
            for (int i = 0; i < SignIn.MAILS_PER_ADDRESS_PER_HOUR; i++) {
                assertThat(signIn.request("victim@example.org", SITE, "198.51.100.1"))
                        .isEqualTo(SignIn.Requested.SENT);
            }
            assertThat(signIn.request("Victim@Example.org", SITE, "198.51.100.2"))
                    .as("the same address in other letters, from another client")
                    .isEqualTo(SignIn.Requested.TOO_MANY_FOR_ADDRESS);

            for (int i = 0; i < SignIn.MAILS_PER_CLIENT_PER_HOUR; i++) {
                assertThat(signIn.request("member" + i + "@example.org", SITE, "203.0.113.7"))
                        .isEqualTo(SignIn.Requested.SENT);
            }
            assertThat(signIn.request("one-more@example.org", SITE, "203.0.113.7"))
                    .isEqualTo(SignIn.Requested.TOO_MANY_FROM_CLIENT);
            assertThat(mailsWritten())
                    .isEqualTo(
                            SignIn.MAILS_PER_ADDRESS_PER_HOUR + SignIn.MAILS_PER_CLIENT_PER_HOUR);

            clock.advance(Duration.ofMinutes(61));
            assertThat(signIn.request("one-more@example.org", SITE, "203.0.113.7"))
                    .isEqualTo(SignIn.Requested.SENT);
        }
    }
}
