package paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.HarvestCheckpoints;
import paperboy.catalog.JobLeases;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.ingest.arxiv.FakeArxiv;
import paperboy.testing.Poll;
import paperboy.testing.SteppingClock;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestSettings;

/**
 * One harvest per catalog whatever the number of nodes (issue 14): two connection pools on one
 * catalog stand for two nodes, each with its own arXiv clients, against one fake arXiv. While A
 * harvests, B is refused and asks arXiv nothing; a round due before A completed is not run again; a
 * holder that died leaves the harvest to the next node once its lease runs out, and finds the lease
 * gone if it wakes up.
 */
class LeasedHarvestTest {
    private static final Duration LEASE = Duration.ofMinutes(30);
    private static final List<String> CATEGORIES = List.of("cs.LG");
    private static final LocalDate FROM = LocalDate.parse("2025-03-01");

    @TempDir Path dir;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));

    private record Node(ArxivClients clients, LeasedHarvest harvest) implements AutoCloseable {
        @Override
        public void close() {
            clients.close();
        }
    }

    private Node node(Database db, FakeArxiv arxiv, String name) {
        return node(db, arxiv, name, CATEGORIES);
    }

    private Node node(Database db, FakeArxiv arxiv, String name, List<String> configured) {
        Settings settings =
                TestSettings.of(
                        dir.resolve(name),
                        Map.of(
                                Setting.OAI_URL, arxiv.uri("/oai").toString(),
                                Setting.ARXIV_INTERVAL, "0s",
                                Setting.ARXIV_ATTEMPTS, "1"));
        ArxivClients clients =
                new ArxivClients(
                        settings,
                        new CatalogStore(db.dataSource()),
                        new HarvestCheckpoints(db.dataSource()),
                        Clock.systemUTC());
        return new Node(
                clients,
                new LeasedHarvest(
                        clients,
                        configured,
                        new JobLeases(db.dataSource(), clock),
                        name,
                        LEASE,
                        clock));
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void whileOneNodeHarvestsTheOtherIsRefusedAndAsksArxivNothing(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir);
        CountDownLatch pageTwoAsked = new CountDownLatch(1);
        CountDownLatch letPageTwoGo = new CountDownLatch(1);
        try (FakeArxiv arxiv = heldAtPageTwo(pageTwoAsked, letPageTwoGo);
                Database a = Database.open(url, null, null);
                Database b = Database.open(url, null, null);
                Node nodeA = node(a, arxiv, "node-a");
                Node nodeB = node(b, arxiv, "node-b")) {
            Instant roundDue = clock.instant().minus(Duration.ofHours(1));
            CompletableFuture<LeasedHarvest.Round> onA =
                    CompletableFuture.supplyAsync(
                            () -> nodeA.harvest().harvest(CATEGORIES, FROM, roundDue));
            assertThat(pageTwoAsked.await(30, TimeUnit.SECONDS)).as("A at page 2").isTrue();
            int asked = arxiv.requests().size();

            assertThatThrownBy(() -> nodeB.harvest().harvest(CATEGORIES, FROM, roundDue))
                    .isInstanceOf(HeldElsewhereException.class)
                    .hasMessageContaining("node-a")
                    .satisfies(
                            e ->
                                    assertThat(((HeldElsewhereException) e).lookAgainAt())
                                            .isEqualTo(clock.instant().plus(LEASE)));
            assertThat(arxiv.requests()).as("B asked arXiv nothing").hasSize(asked);
            assertThatThrownBy(() -> nodeB.harvest().harvest(CATEGORIES, FROM, null))
                    .as("an operator's explicit harvest waits its turn too")
                    .isInstanceOf(HeldElsewhereException.class);

            letPageTwoGo.countDown();
            LeasedHarvest.Round round = onA.get(30, TimeUnit.SECONDS);
            assertThat(round.doneAt()).isNull();
            assertThat(round.reports())
                    .singleElement()
                    .satisfies(r -> assertThat(r.added()).isEqualTo(4));
            assertThat(new JobLeases(b.dataSource(), clock).holder(LeasedHarvest.JOB))
                    .as("given up when done")
                    .isEmpty();

            int before = arxiv.requests().size();
            LeasedHarvest.Round onB = nodeB.harvest().harvest(CATEGORIES, FROM, roundDue);
            assertThat(onB.doneAt()).as("the round A completed is not run again").isNotNull();
            assertThat(onB.reports()).isEmpty();
            assertThat(arxiv.requests()).hasSize(before);

            clock.advance(Duration.ofDays(1));
            LeasedHarvest.Round nextDay =
                    nodeB.harvest().harvest(CATEGORIES, FROM, clock.instant().minusSeconds(60));
            assertThat(nextDay.doneAt()).as("the next day's round runs, on B this time").isNull();
            assertThat(nextDay.reports().getFirst().pages()).isPositive();
        } finally {
            letPageTwoGo.countDown();
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aDeadHoldersHarvestIsTakenOverOnceItsLeaseRunsOut(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir);
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages);
                Database a = Database.open(url, null, null);
                Database b = Database.open(url, null, null);
                Node nodeB = node(b, arxiv, "node-b")) {
            // node-a claims and then stops renewing: what a kill -9 mid-harvest leaves behind
            JobLeases.Lease dead =
                    new JobLeases(a.dataSource(), clock)
                            .claim(LeasedHarvest.JOB, "node-a", LEASE)
                            .orElseThrow();

            clock.advance(LEASE.minusSeconds(1));
            assertThatThrownBy(() -> nodeB.harvest().harvest(CATEGORIES, FROM, null))
                    .isInstanceOf(HeldElsewhereException.class);
            assertThat(arxiv.requests()).isEmpty();

            clock.advance(Duration.ofSeconds(2));
            LeasedHarvest.Round round = nodeB.harvest().harvest(CATEGORIES, FROM, null);
            assertThat(round.reports())
                    .singleElement()
                    .satisfies(r -> assertThat(r.added()).isEqualTo(4));

            assertThatThrownBy(dead::renew)
                    .as("the dead holder, waking up, finds its lease gone and stops")
                    .isInstanceOf(JobLeases.LeaseLostException.class)
                    .hasMessageContaining("node-a");
            dead.close(); // gives up nothing: the lease is not its own any more
            assertThat(new JobLeases(a.dataSource(), clock).lastCompleted(LeasedHarvest.JOB))
                    .as("B's completed harvest stays noted")
                    .hasValue(clock.instant());
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aHolderWhoseLeaseWasTakenStopsAtItsNextPage(String kind) throws Exception {
        String url = TestDatabases.url(kind, dir);
        CountDownLatch pageTwoAsked = new CountDownLatch(1);
        CountDownLatch letPageTwoGo = new CountDownLatch(1);
        try (FakeArxiv arxiv = heldAtPageTwo(pageTwoAsked, letPageTwoGo);
                Database a = Database.open(url, null, null);
                Database b = Database.open(url, null, null);
                Node nodeA = node(a, arxiv, "node-a")) {
            CompletableFuture<LeasedHarvest.Round> onA =
                    CompletableFuture.supplyAsync(
                            () -> nodeA.harvest().harvest(CATEGORIES, FROM, null));
            assertThat(pageTwoAsked.await(30, TimeUnit.SECONDS)).isTrue();
            // A stalls past its lease (a page waited out for half an hour) and B takes over
            clock.advance(LEASE.plusSeconds(1));
            JobLeases onB = new JobLeases(b.dataSource(), clock);
            assertThat(onB.claim(LeasedHarvest.JOB, "node-b", LEASE)).isPresent();

            letPageTwoGo.countDown();
            assertThatThrownBy(() -> onA.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(JobLeases.LeaseLostException.class);
            Poll.until("A to end", onA::isDone);
            assertThat(arxiv.requests())
                    .as("A asked for no page after it lost the lease")
                    .noneMatch(r -> "page|3".equals(r.param("resumptionToken")));
            assertThat(onB.holder(LeasedHarvest.JOB))
                    .as("A's stop leaves B's lease alone")
                    .hasValueSatisfying(h -> assertThat(h.owner()).isEqualTo("node-b"));
        } finally {
            letPageTwoGo.countDown();
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void onlyAHarvestOfEveryCategoryBegunAfterTheRoundWasDueStandsForTheRound(String kind)
            throws Exception {
        String url = TestDatabases.url(kind, dir);
        try (FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages);
                Database db = Database.open(url, null, null);
                Node node = node(db, arxiv, "node-a", List.of("cs.LG", "cs.CL"))) {
            Instant due = clock.instant().minus(Duration.ofHours(1));
            node.harvest().harvest(List.of("cs.LG"), FROM, null); // an operator's -c cs.LG
            assertThat(node.harvest().harvest(List.of("cs.LG", "cs.CL"), FROM, due).doneAt())
                    .as("a harvest of one of two categories completed no round")
                    .isNull();
            assertThat(node.harvest().harvest(List.of("cs.LG", "cs.CL"), FROM, due).doneAt())
                    .as("the full harvest just now did")
                    .isNotNull();
            assertThat(
                            node.harvest()
                                    .harvest(
                                            List.of("cs.LG", "cs.CL"),
                                            FROM,
                                            clock.instant().plusSeconds(1))
                                    .doneAt())
                    .as("a round due after that harvest began runs again, whenever it completed")
                    .isNull();
        }
    }

    /** The three pages, page 2 held until {@code go} once it was asked for ({@code asked}). */
    private static FakeArxiv heldAtPageTwo(CountDownLatch asked, CountDownLatch go)
            throws java.io.IOException {
        return new FakeArxiv(
                r -> {
                    if ("page|2".equals(r.param("resumptionToken"))) {
                        asked.countDown();
                        await(go);
                    }
                    return FakeArxiv.threePages(r);
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
