package paperboy.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLink;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Database;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestPapers;

/**
 * A stars round against a local fake of the GitHub API (issue 16): every linked repository gets its
 * stars, a rename is followed, a deleted one is noted, a rate-limit answer is waited out until its
 * reset and the round resumes; a second round sends the ETags back and spends no quota on what did
 * not change; stars gained over 7 days rank "Hot on GitHub".
 */
class StarsRoundTest {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 20);

    @TempDir Path dir;

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void everyLinkedRepositoryGetsItsStarsAndASecondRoundCostsNoQuota(String kind)
            throws Exception {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (Database db = TestDatabases.open(kind, dir);
                FakeGitHub fake = new FakeGitHub();
                GitHubClient client =
                        new GitHubClient(
                                fake.url(),
                                "test-token",
                                "Paperboy-test/1.0",
                                Clock.systemUTC(),
                                wait -> {
                                    waits.add(wait);
                                    Thread.sleep(wait);
                                })) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            catalog.upsert(
                    List.of(
                            TestPapers.paper("2503.00001", "Attention", "a", DAY)
                                    .withLinks("https://github.com/ada/transformer", null),
                            TestPapers.paper("2503.00002", "Renamed", "b", DAY)
                                    .withLinks("https://github.com/Old/Name/tree/main", null),
                            TestPapers.paper("2503.00003", "Deleted", "c", DAY),
                            TestPapers.paper("2503.00004", "Busy", "d", DAY),
                            TestPapers.paper("2503.00005", "No code", "e", DAY)));
            new CodeLinkStore(db.dataSource())
                    .upsert(
                            List.of(
                                    new CodeLink(
                                            ArxivId.of("2503.00003"),
                                            "https://github.com/gone/repo",
                                            true,
                                            "pwc"),
                                    new CodeLink(
                                            ArxivId.of("2503.00004"),
                                            "https://github.com/busy/repo.git",
                                            false,
                                            "pwc")));
            StarStore store = new StarStore(db.dataSource());
            Clock today =
                    Clock.fixed(
                            DAY.atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant(),
                            ZoneOffset.UTC);
            StarsRound round = new StarsRound(store, client, today);

            StarsRound.Report first = round.run(null);
            assertThat(first.repos()).isEqualTo(4);
            assertThat(first.read()).as(first.summary()).isEqualTo(3);
            assertThat(first.renamed()).isEqualTo(1);
            assertThat(first.gone()).isEqualTo(1);
            assertThat(first.failed()).isZero();
            assertThat(first.stopped()).isNull();
            assertThat(
                            store.ofPapers(
                                    List.of(
                                            "2503.00001",
                                            "2503.00002",
                                            "2503.00003",
                                            "2503.00004",
                                            "2503.00005")))
                    .containsOnly(
                            entry("2503.00001", 120),
                            entry("2503.00002", 50),
                            entry("2503.00004", 7));
            assertThat(waits)
                    .as("the 403 was waited out until X-RateLimit-Reset, about 2 s ahead")
                    .singleElement()
                    .satisfies(
                            w ->
                                    assertThat(w)
                                            .isBetween(
                                                    Duration.ofSeconds(1), Duration.ofSeconds(4)));
            assertThat(fake.requests())
                    .extracting(FakeGitHub.Request::path)
                    .contains("/repos/old/name", "/repositories/42")
                    .as("busy/repo asked again after the wait")
                    .filteredOn(p -> p.equals("/repos/busy/repo"))
                    .hasSize(2);
            assertThat(fake.requests())
                    .extracting(FakeGitHub.Request::auth)
                    .containsOnly("Bearer test-token");

            fake.clear();
            StarsRound.Report second = round.run(null);
            assertThat(second.unchanged()).as(second.summary()).isEqualTo(3);
            assertThat(second.requests())
                    .as("304s cost no quota; only the deleted repository is asked at a cost")
                    .isEqualTo(1);
            assertThat(fake.requests())
                    .filteredOn(r -> !r.path().equals("/repos/gone/repo"))
                    .allSatisfy(
                            r -> {
                                assertThat(r.ifNoneMatch()).as(r.path()).isNotNull();
                                assertThat(r.status()).as(r.path()).isEqualTo(304);
                            })
                    .extracting(FakeGitHub.Request::path)
                    .as("the renamed repository is asked for by its new name")
                    .contains("/repos/new/name")
                    .doesNotContain("/repos/old/name");
            assertThat(store.ofPapers(List.of("2503.00001"))).containsEntry("2503.00001", 120);
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void starsGainedOverSevenDaysRankThePapers(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir);
                FakeGitHub fake = new FakeGitHub();
                GitHubClient client =
                        new GitHubClient(
                                fake.url(),
                                null,
                                "Paperboy-test/1.0",
                                Clock.systemUTC(),
                                w -> {})) {
            new CatalogStore(db.dataSource())
                    .upsert(
                            List.of(
                                    TestPapers.paper("2503.00001", "Attention", "a", DAY)
                                            .withLinks("https://github.com/ada/transformer", null),
                                    TestPapers.paper("2503.00002", "Renamed", "b", DAY)
                                            .withLinks("https://github.com/new/name", null)));
            // a week of history: ada/transformer had 100 (gains 20), new/name 45 (gains 5)
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement st =
                            c.prepareStatement(
                                    "INSERT INTO github_stars_daily (repo, on_day, stars) VALUES"
                                            + " (?, ?, ?)")) {
                for (Object[] row :
                        new Object[][] {
                            {"ada/transformer", DAY.minusDays(7), 100},
                            {"ada/transformer", DAY.minusDays(8), 10},
                            {"new/name", DAY.minusDays(3), 45}
                        }) {
                    st.setString(1, (String) row[0]);
                    st.setObject(2, java.sql.Date.valueOf((LocalDate) row[1]));
                    st.setInt(3, (Integer) row[2]);
                    st.executeUpdate();
                }
            }
            StarStore store = new StarStore(db.dataSource());
            Clock today =
                    Clock.fixed(
                            DAY.atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant(),
                            ZoneOffset.UTC);
            new StarsRound(store, client, today).run(null);
            assertThat(store.hottest(0, 10))
                    .extracting(StarStore.PaperStars::paperId, StarStore.PaperStars::gained)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("2503.00001", 20),
                            org.assertj.core.groups.Tuple.tuple("2503.00002", 5));
            assertThat(store.hotCount()).isEqualTo(2);
        }
    }

    private static java.util.Map.Entry<String, Integer> entry(String id, int stars) {
        return java.util.Map.entry(id, stars);
    }
}
