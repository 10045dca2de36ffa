package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.common.AllowedDomains;
import paperboy.community.Accounts;
import paperboy.community.SignIn;
import paperboy.mail.OutboxTransport;
import paperboy.testing.SteppingClock;
import paperboy.testing.TestDatabases;

/**
 * Limits that hold across nodes (issue 14): two connection pools on one catalog stand for two
 * nodes. Together they allow exactly the limit, also when both race for the last place from several
 * threads; the sign-in mail limit per address holds whichever node is asked; no address is stored.
 */
class SharedRateLimiterTest {
    @TempDir Path dir;

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void twoNodesTogetherAllowTheLimitAndNoMore(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir);
        SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
        try (Database a = Database.open(url, null, null);
                Database b = Database.open(url, null, null)) {
            SharedRateLimiter onA =
                    new SharedRateLimiter(a.dataSource(), "test", 3, Duration.ofHours(1), clock);
            SharedRateLimiter onB =
                    new SharedRateLimiter(b.dataSource(), "test", 3, Duration.ofHours(1), clock);
            int allowed = 0;
            for (int i = 0; i < 10; i++) {
                allowed += (i % 2 == 0 ? onA : onB).tryAcquire("someone@example.org") ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(3);
            assertThat(onB.retryAfter("someone@example.org")).isEqualTo(Duration.ofHours(1));
            assertThat(onA.tryAcquire("another@example.org")).as("another key").isTrue();
            assertThat(
                            new SharedRateLimiter(
                                            b.dataSource(), "other", 3, Duration.ofHours(1), clock)
                                    .tryAcquire("someone@example.org"))
                    .as("another limit")
                    .isTrue();

            clock.advance(Duration.ofMinutes(61));
            assertThat(onB.retryAfter("someone@example.org")).isZero();
            assertThat(onB.tryAcquire("someone@example.org")).as("an hour later").isTrue();

            try (Connection c = a.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT COUNT(*) FROM limit_buckets WHERE bucket LIKE '%@%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("buckets are digests, not addresses").isZero();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void nodesRacingForTheLastPlacesNeverPassTheLimit(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir);
        SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
        try (Database a = Database.open(url, null, null);
                Database b = Database.open(url, null, null)) {
            List<SharedRateLimiter> nodes =
                    List.of(
                            new SharedRateLimiter(
                                    a.dataSource(), "race", 7, Duration.ofHours(1), clock),
                            new SharedRateLimiter(
                                    b.dataSource(), "race", 7, Duration.ofHours(1), clock));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    SharedRateLimiter node = nodes.get(i % 2);
                    tries.add(threads.submit(() -> node.tryAcquire("contested")));
                }
                int allowed = 0;
                for (Future<Boolean> t : tries) {
                    allowed += t.get() ? 1 : 0;
                }
                assertThat(allowed).isEqualTo(7);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void theSignInMailLimitPerAddressHoldsWhicheverNodeIsAsked(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir.resolve("catalog"));
        SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
        try (Database a = Database.open(url, null, null);
                Database b = Database.open(url, null, null)) {
            List<SignIn> nodes = new ArrayList<>();
            for (Database db : List.of(a, b)) {
                nodes.add(
                        new SignIn(
                                new Accounts(db.dataSource(), clock),
                                new OutboxTransport(dir.resolve("outbox"), "paperboy@example.org"),
                                "",
                                clock,
                                SignIn.MAILS_PER_CLIENT_PER_HOUR,
                                AllowedDomains.any(),
                                new SharedRateLimiter(
                                        db.dataSource(),
                                        "signin-address",
                                        SignIn.MAILS_PER_ADDRESS_PER_HOUR,
                                        Duration.ofHours(1),
                                        clock)));
            }
            List<SignIn.Requested> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(
                        nodes.get(i % 2)
                                .request(
                                        "victim@example.org", "https://p.test", "198.51.100." + i));
            }
            assertThat(answers)
                    .containsExactly(
                            SignIn.Requested.SENT,
                            SignIn.Requested.SENT,
                            SignIn.Requested.SENT,
                            SignIn.Requested.TOO_MANY_FOR_ADDRESS,
                            SignIn.Requested.TOO_MANY_FOR_ADDRESS,
                            SignIn.Requested.TOO_MANY_FOR_ADDRESS);
            try (Stream<Path> mails = Files.list(dir.resolve("outbox"))) {
                assertThat(mails.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(3);
            }
        }
    }
}
