package paperboy.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.community.Accounts;
import paperboy.daily.DailyPapers;
import paperboy.daily.Period;
import paperboy.library.LibraryStore;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestPapers;

/**
 * "For you" on a catalog small enough to check by hand: a member who saved graph-network papers and
 * upvoted one on molecules gets the week's graph papers first, each with the liked paper it is
 * closest to; a thumbs down takes a paper out and lowers its near twin; papers not embedded yet
 * still rank, by their words; a member who likes nothing gets nothing. Vectors are set by hand
 * (four dimensions, one per topic) so the nearest-neighbour leg is known exactly; the model's own
 * vectors are exercised by the site tests and the evaluation.
 */
class RecommenderTest {
    private static final String MODEL = "test-model";
    private static final LocalDate MONDAY = LocalDate.of(2024, 1, 8);
    private static final Period WEEK = Period.Week.of(MONDAY);
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2024-01-15T00:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    private static final String GRAPH = "graph neural networks message passing node edge";
    private static final String QUANTUM = "quantum error correction surface codes qubits logical";
    private static final String PROTEIN = "protein folding structure prediction residues amino";

    private record Fixture(
            Database db, CatalogStore catalog, VectorStore vectors, Tastes tastes, long member) {
        Recommender recommender(@Nullable String model) {
            return new Recommender(
                    catalog, new DailyPapers(db.dataSource(), catalog), vectors, model, CLOCK);
        }

        List<String> ids(@Nullable String model) {
            return recommender(model).recommend(tastes.of(member), WEEK, 50).papers().stream()
                    .map(Recommender.Recommendation::paperId)
                    .toList();
        }
    }

    private @Nullable Database open;

    @AfterEach
    void close() {
        if (open != null) {
            open.close();
        }
    }

    private Fixture fixture(String kind, boolean embedA3) throws SQLException {
        Database db = TestDatabases.open(kind, dir);
        open = db;
        CatalogStore catalog = new CatalogStore(db.dataSource());
        VectorStore vectors = new VectorStore(db.dataSource());
        List<Paper> papers = new ArrayList<>();
        List<VectorStore.Vector> rows = new ArrayList<>();
        // the week's candidates
        add(
                papers,
                rows,
                "2401.00001",
                "Message passing for molecules",
                GRAPH + " molecules",
                MONDAY,
                v(1, 0, 0, 0.05));
        add(
                papers,
                rows,
                "2401.00002",
                "Message passing for crystals",
                GRAPH + " crystals",
                MONDAY,
                v(1, 0, 0, 0.06));
        Paper a3 =
                TestPapers.paper(
                        "2401.00003",
                        "Graph transformers on citation graphs",
                        "graph transformers attention citation node classification edge",
                        MONDAY);
        papers.add(a3);
        if (embedA3) {
            rows.add(new VectorStore.Vector(a3.id(), 1, v(0.6, 0, 0, 0.8)));
        }
        for (int i = 0; i < 3; i++) {
            add(
                    papers,
                    rows,
                    "2401.0001" + i,
                    "Surface codes " + i,
                    QUANTUM + " variant " + i,
                    MONDAY.plusDays(i),
                    v(0, 1, 0, 0));
            add(
                    papers,
                    rows,
                    "2401.0002" + i,
                    "Folding proteins " + i,
                    PROTEIN + " variant " + i,
                    MONDAY.plusDays(i),
                    v(0, 0, 1, 0));
        }
        // what the member liked before, and the SVM's negatives: earlier papers of every topic
        add(
                papers,
                rows,
                "2312.00001",
                "Neural message passing for quantum chemistry",
                GRAPH + " chemistry",
                MONDAY.minusDays(20),
                v(1, 0, 0, 0));
        add(
                papers,
                rows,
                "2312.00002",
                "Graph attention on citation networks",
                "graph attention citation node classification transformers",
                MONDAY.minusDays(20),
                v(0.6, 0, 0, 0.8));
        for (int i = 0; i < 20; i++) {
            add(
                    papers,
                    rows,
                    "2312.001%02d".formatted(i),
                    "Earlier quantum " + i,
                    QUANTUM + " earlier " + i,
                    MONDAY.minusDays(10),
                    v(0, 1, 0, 0));
            add(
                    papers,
                    rows,
                    "2312.002%02d".formatted(i),
                    "Earlier protein " + i,
                    PROTEIN + " earlier " + i,
                    MONDAY.minusDays(10),
                    v(0, 0, 1, 0));
        }
        catalog.upsert(papers);
        vectors.save(MODEL, rows);

        long member = member(db.dataSource(), "ada@example.org");
        new LibraryStore(db.dataSource(), CLOCK)
                .add(ArxivId.of("2312.00001"), member, LibraryStore.SAVED);
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO upvotes (paper_id, member_id, created_at) VALUES (?,"
                                        + " ?, ?)")) {
            st.setString(1, "2312.00002");
            st.setLong(2, member);
            st.setTimestamp(3, Timestamp.from(CLOCK.instant()));
            st.executeUpdate();
        }
        return new Fixture(db, catalog, vectors, new Tastes(db.dataSource(), CLOCK), member);
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void theWeeksPapersLikeTheLikedOnesComeFirstWithTheirReason(String kind) throws SQLException {
        Fixture f = fixture(kind, true);
        assertThat(f.tastes().memberWithEmail("ada@example.org")).hasValue(f.member());
        assertThat(f.tastes().memberWithEmail("bob@example.org")).isEmpty();
        Recommender.Recommendations r =
                f.recommender(MODEL).recommend(f.tastes().of(f.member()), WEEK, 50);
        assertThat(r.candidates()).isEqualTo(9);
        assertThat(r.wordsOnly()).isZero();
        assertThat(r.papers().subList(0, 3))
                .extracting(Recommender.Recommendation::paperId)
                .containsExactlyInAnyOrder("2401.00001", "2401.00002", "2401.00003");
        Recommender.Recommendation a3 =
                r.papers().stream()
                        .filter(p -> p.paperId().equals("2401.00003"))
                        .findFirst()
                        .orElseThrow();
        assertThat(a3.because()).isEqualTo("2312.00002");
        assertThat(a3.becauseTitle()).isEqualTo("Graph attention on citation networks");
        assertThat(a3.source()).isEqualTo(Taste.Source.UPVOTED);
        Recommender.Recommendation a1 =
                r.papers().stream()
                        .filter(p -> p.paperId().equals("2401.00001"))
                        .findFirst()
                        .orElseThrow();
        assertThat(a1.because()).isEqualTo("2312.00001");
        assertThat(a1.source()).isEqualTo(Taste.Source.LIBRARY);
        assertThat(r.papers())
                .extracting(Recommender.Recommendation::paperId)
                .as("liked papers are never recommended")
                .doesNotContain("2312.00001", "2312.00002");
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aThumbsDownTakesThePaperOutAndLowersItsTwin(String kind) throws SQLException {
        Fixture f = fixture(kind, true);
        List<String> before = f.ids(MODEL);
        assertThat(f.tastes().notForMe(f.member(), ArxivId.of("2401.00001"))).isTrue();
        assertThat(f.tastes().notForMe(f.member(), ArxivId.of("2401.00001"))).as("once").isFalse();
        List<String> after = f.ids(MODEL);
        assertThat(after).doesNotContain("2401.00001").hasSize(before.size() - 1);
        assertThat(after.indexOf("2401.00002"))
                .as("its near twin ranks lower than before")
                .isGreaterThan(before.indexOf("2401.00002"));
        assertThat(after.indexOf("2401.00002")).isGreaterThan(after.indexOf("2401.00003"));

        assertThat(f.tastes().undo(f.member(), ArxivId.of("2401.00001"))).isTrue();
        assertThat(f.ids(MODEL)).as("undone").isEqualTo(before);
        assertThat(f.tastes().undo(f.member(), ArxivId.of("2401.00001"))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void papersNotYetEmbeddedRankByTheirWords(String kind) throws SQLException {
        Fixture f = fixture(kind, false);
        Recommender.Recommendations r =
                f.recommender(MODEL).recommend(f.tastes().of(f.member()), WEEK, 50);
        assertThat(r.wordsOnly()).isEqualTo(1);
        Recommender.Recommendation a3 =
                r.papers().stream()
                        .filter(p -> p.paperId().equals("2401.00003"))
                        .findFirst()
                        .orElseThrow();
        assertThat(a3.because()).as("its words' nearest liked paper").isEqualTo("2312.00002");
        assertThat(r.papers().subList(0, 2))
                .extracting(Recommender.Recommendation::paperId)
                .containsExactlyInAnyOrder("2401.00001", "2401.00002");

        // without a model (search.model=none) both legs are words, and still right
        assertThat(f.ids(null).subList(0, 3))
                .containsExactlyInAnyOrder("2401.00001", "2401.00002", "2401.00003");
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void aMemberWhoLikesNothingGetsNothing(String kind) throws SQLException {
        Fixture f = fixture(kind, true);
        long bob = member(f.db().dataSource(), "bob@example.org");
        Recommender.Recommendations r =
                f.recommender(MODEL).recommend(f.tastes().of(bob), WEEK, 50);
        assertThat(r.papers()).isEmpty();
        assertThat(r.candidates()).isEqualTo(9);
    }

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void whatTheMemberDidLastCounts(String kind) throws SQLException {
        Fixture f = fixture(kind, true);
        DataSource ds = f.db().dataSource();
        Instant t = CLOCK.instant();
        new Tastes(ds, at(t.plusSeconds(60))).notForMe(f.member(), ArxivId.of("2401.00003"));
        new LibraryStore(ds, at(t.plusSeconds(120)))
                .add(ArxivId.of("2401.00003"), f.member(), LibraryStore.SAVED);
        Taste taste = f.tastes().of(f.member());
        assertThat(taste.liked())
                .as("saved after a thumbs down: liked, newest first")
                .extracting(Taste.Liked::paperId)
                .containsExactly("2401.00003", "2312.00001", "2312.00002");
        assertThat(taste.disliked()).isEmpty();

        new Tastes(ds, at(t.plusSeconds(180))).notForMe(f.member(), ArxivId.of("2312.00001"));
        new Tastes(ds, at(t.plusSeconds(240))).notForMe(f.member(), ArxivId.of("2401.00020"));
        taste = f.tastes().of(f.member());
        assertThat(taste.liked())
                .as("a thumbs down after saving")
                .extracting(Taste.Liked::paperId)
                .containsExactly("2401.00003", "2312.00002");
        assertThat(taste.disliked()).as("newest first").containsExactly("2401.00020", "2312.00001");
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static void add(
            List<Paper> papers,
            List<VectorStore.Vector> rows,
            String id,
            String title,
            String abstractText,
            LocalDate day,
            float[] vector) {
        Paper p = TestPapers.paper(id, title, abstractText, day);
        papers.add(p);
        rows.add(new VectorStore.Vector(p.id(), 1, vector));
    }

    private static float[] v(double... xs) {
        double norm = 0;
        for (double x : xs) {
            norm += x * x;
        }
        float[] v = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            v[i] = (float) (xs[i] / Math.sqrt(norm));
        }
        return v;
    }

    private static long member(DataSource ds, String email) {
        return new Accounts(ds, CLOCK).memberFor(email).id();
    }
}
