package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.testing.TestDatabases;

/** The catalog's SQL, run on embedded H2 and on a real PostgreSQL. */
class CatalogStoreTest {
    @TempDir Path tempDir;

    static Paper paper(String id, int version, String title, LocalDate updated) {
        return new Paper(
                ArxivId.of(id),
                version,
                title,
                "An abstract about " + title + ".",
                List.of("Ada Lovelace", "Émile Borel", "Grace Hopper"),
                List.of("cs.LG", "stat.ML"),
                "12 pages",
                null,
                null,
                "http://creativecommons.org/licenses/by/4.0/",
                LocalDate.of(2025, 3, 14),
                updated,
                "https://github.com/a/b",
                null);
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void keepsEveryFieldOfAPaperIncludingAuthorOrderAndNulls(String db) {
        try (Database database = TestDatabases.open(db, tempDir)) {
            CatalogStore store = new CatalogStore(database.dataSource());
            Paper original =
                    paper(
                            "2503.11731",
                            2,
                            "Fixed-Point Quantization — ünïcode",
                            LocalDate.of(2025, 4, 1));
            Paper oldStyle = paper("hep-th/9901001", 1, "Strings", LocalDate.of(1999, 1, 5));

            assertThat(store.upsert(List.of(original, oldStyle)))
                    .containsExactly(UpsertOutcome.ADDED, UpsertOutcome.ADDED);

            assertThat(store.find(ArxivId.parse("2503.11731v1"))).contains(original);
            assertThat(store.find(ArxivId.parse("hep-th/9901001"))).contains(oldStyle);
            assertThat(store.find(ArxivId.parse("2503.99999"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void decidesByVersionThenByUpdateDate(String db) {
        try (Database database = TestDatabases.open(db, tempDir)) {
            CatalogStore store = new CatalogStore(database.dataSource());
            LocalDate april = LocalDate.of(2025, 4, 1);
            store.upsert(List.of(paper("2503.11731", 2, "Title", april)));

            assertThat(store.upsert(List.of(paper("2503.11731", 2, "Title", april))))
                    .as("the same record again")
                    .containsExactly(UpsertOutcome.UNCHANGED);
            assertThat(store.upsert(List.of(paper("2503.11731", 1, "Old title", april))))
                    .as("an older version")
                    .containsExactly(UpsertOutcome.STALE);
            assertThat(
                            store.upsert(
                                    List.of(
                                            paper(
                                                    "2503.11731",
                                                    2,
                                                    "Title (journal version)",
                                                    april.minusDays(1)))))
                    .as("same version, older metadata")
                    .containsExactly(UpsertOutcome.STALE);
            assertThat(
                            store.upsert(
                                    List.of(
                                            paper(
                                                    "2503.11731",
                                                    2,
                                                    "Title, corrected",
                                                    april.plusDays(1)))))
                    .as("same version, newer metadata")
                    .containsExactly(UpsertOutcome.UPDATED);
            assertThat(store.upsert(List.of(paper("2503.11731", 3, "Title v3", april.plusDays(9)))))
                    .as("a newer version")
                    .containsExactly(UpsertOutcome.UPDATED);

            assertThat(store.find(ArxivId.of("2503.11731")).orElseThrow().title())
                    .isEqualTo("Title v3");
            assertThat(store.stats().papers()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void handlesTheSameIdTwiceInOneBatch(String db) {
        try (Database database = TestDatabases.open(db, tempDir)) {
            CatalogStore store = new CatalogStore(database.dataSource());
            LocalDate day = LocalDate.of(2025, 4, 1);
            assertThat(
                            store.upsert(
                                    List.of(
                                            paper("2503.00001", 1, "v1", day),
                                            paper("2503.00001", 2, "v2", day),
                                            paper("2503.00001", 1, "v1", day))))
                    .containsExactly(
                            UpsertOutcome.ADDED, UpsertOutcome.UPDATED, UpsertOutcome.STALE);
            assertThat(store.find(ArxivId.of("2503.00001")).orElseThrow().version()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void everyRealChangeTakesAHigherChangeSequenceSoTheIndexCanFollow(String db)
            throws SQLException {
        try (Database database = TestDatabases.open(db, tempDir)) {
            CatalogStore store = new CatalogStore(database.dataSource());
            CodeLinkStore links = new CodeLinkStore(database.dataSource());
            LocalDate day = LocalDate.of(2025, 4, 1);
            store.upsert(
                    List.of(paper("2503.00001", 1, "A", day), paper("2503.00002", 1, "B", day)));
            long afterInsert = changeSeq(database, "2503.00002");

            store.upsert(List.of(paper("2503.00002", 1, "B", day)));
            assertThat(changeSeq(database, "2503.00002"))
                    .as("unchanged keeps its sequence")
                    .isEqualTo(afterInsert);

            store.upsert(List.of(paper("2503.00002", 2, "B2", day)));
            long afterUpdate = changeSeq(database, "2503.00002");
            assertThat(afterUpdate).isGreaterThan(afterInsert);

            links.upsert(
                    List.of(
                            new CodeLink(
                                    ArxivId.of("2503.00002"),
                                    "https://github.com/x/y",
                                    true,
                                    "test")));
            assertThat(changeSeq(database, "2503.00002"))
                    .as("a new code link")
                    .isGreaterThan(afterUpdate);
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void attachesCodeLinksIdempotentlyAndPrefersThePapersOwnLink(String db) {
        try (Database database = TestDatabases.open(db, tempDir)) {
            CatalogStore store = new CatalogStore(database.dataSource());
            CodeLinkStore links = new CodeLinkStore(database.dataSource());
            LocalDate day = LocalDate.of(2025, 4, 1);
            Paper withoutLink = paper("2503.00001", 1, "No link", day).withLinks(null, null);
            store.upsert(List.of(withoutLink, paper("2503.00002", 1, "Own link", day)));
            List<CodeLink> dump =
                    List.of(
                            new CodeLink(
                                    ArxivId.of("2503.00001"),
                                    "https://github.com/z/unofficial",
                                    false,
                                    "pwc"),
                            new CodeLink(
                                    ArxivId.of("2503.00001"),
                                    "https://github.com/a/official",
                                    true,
                                    "pwc"),
                            new CodeLink(
                                    ArxivId.of("2503.00002"),
                                    "https://github.com/other/fork",
                                    false,
                                    "pwc"),
                            new CodeLink(
                                    ArxivId.of("2601.00009"),
                                    "https://github.com/paper/not-yet-here",
                                    true,
                                    "pwc"));

            assertThat(links.upsert(dump)).containsOnly(UpsertOutcome.ADDED);
            assertThat(links.upsert(dump)).containsOnly(UpsertOutcome.UNCHANGED);
            assertThat(
                            links.upsert(
                                    List.of(
                                            new CodeLink(
                                                    ArxivId.of("2503.00002"),
                                                    "https://github.com/other/fork",
                                                    true,
                                                    "pwc"))))
                    .containsExactly(UpsertOutcome.UPDATED);

            assertThat(store.find(ArxivId.of("2503.00001")).orElseThrow().codeUrl())
                    .isEqualTo("https://github.com/a/official");
            assertThat(store.find(ArxivId.of("2503.00002")).orElseThrow().codeUrl())
                    .isEqualTo("https://github.com/a/b");
            assertThat(store.stats().papersWithCode()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void countsByPrimaryCategoryAndDateRange(String db) {
        try (Database database = TestDatabases.open(db, tempDir)) {
            CatalogStore store = new CatalogStore(database.dataSource());
            Paper a = paper("2503.00001", 1, "A", LocalDate.of(2025, 3, 14));
            Paper b =
                    new Paper(
                            ArxivId.of("1201.0001"),
                            1,
                            "B",
                            "",
                            List.of(),
                            List.of(),
                            null,
                            null,
                            null,
                            null,
                            LocalDate.of(2012, 1, 2),
                            null,
                            null,
                            null);
            store.upsert(List.of(a, b));

            CatalogStats stats = store.stats();
            assertThat(stats.papers()).isEqualTo(2);
            assertThat(stats.byPrimaryCategory())
                    .containsEntry("cs.LG", 1L)
                    .containsEntry("none", 1L);
            assertThat(stats.firstAnnounced()).isEqualTo(LocalDate.of(2012, 1, 2));
            assertThat(stats.lastAnnounced()).isEqualTo(LocalDate.of(2025, 3, 14));
        }
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void keepsHarvestCheckpointsAcrossConnections(String db) {
        try (Database database = TestDatabases.open(db, tempDir)) {
            HarvestCheckpoints checkpoints = new HarvestCheckpoints(database.dataSource());
            assertThat(checkpoints.load("oai:cs")).isEqualTo(HarvestCheckpoint.fresh("oai:cs"));

            checkpoints.save(
                    new HarvestCheckpoint("oai:cs", null, LocalDate.of(2025, 1, 1), "token-2"));
            checkpoints.save(new HarvestCheckpoint("oai:cs", LocalDate.of(2025, 1, 3), null, null));

            assertThat(checkpoints.load("oai:cs"))
                    .isEqualTo(
                            new HarvestCheckpoint("oai:cs", LocalDate.of(2025, 1, 3), null, null));
        }
    }

    private static long changeSeq(Database db, String id) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT change_seq FROM papers WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
