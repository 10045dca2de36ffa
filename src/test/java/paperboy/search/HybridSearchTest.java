package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.VectorStore;

/**
 * The semantic and hybrid legs with the real built-in model, over a small catalog embedded by the
 * worker.
 */
class HybridSearchTest {
    @TempDir static Path dir;
    private static Database db;
    private static PaperSearch search;

    @BeforeAll
    static void embedAndIndex() {
        db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null);
        CatalogStore catalog = new CatalogStore(db.dataSource());
        catalog.upsert(
                List.of(
                        PaperSearchTest.paper(
                                "2401.00001",
                                "Trainable Fixed-Point Quantization for Deep Networks",
                                "We quantize weights and activations to low-bit integers with"
                                        + " learned scales.",
                                "cs.LG",
                                LocalDate.of(2024, 1, 2)),
                        PaperSearchTest.paper(
                                "2402.00002",
                                "Deep Equilibrium Models",
                                "Instead of stacking layers we solve for the equilibrium of one"
                                        + " implicit layer with a root finder; iterating the map"
                                        + " converges.",
                                "cs.LG",
                                LocalDate.of(2024, 2, 3)),
                        PaperSearchTest.paper(
                                "2303.00003",
                                "Songbird recordings in the Amazon",
                                "A dataset of bird songs.",
                                "q-bio.PE",
                                LocalDate.of(2023, 3, 4)),
                        PaperSearchTest.paper(
                                "2304.00004",
                                "Contraction mappings and convergence of iterative solvers",
                                "Banach's theorem gives convergence of successive approximations.",
                                "math.NA",
                                LocalDate.of(2023, 4, 5))));
        VectorStore vectors = new VectorStore(db.dataSource());
        try (Embedder one = new Embedder(EmbeddingModel.bgeSmallInt8(), 1);
                Embedder two = new Embedder(EmbeddingModel.bgeSmallInt8(), 1);
                EmbeddingWorker worker = new EmbeddingWorker(vectors, List.of(one, two))) {
            assertThat(worker.embedAll(n -> {})).isEqualTo(4);
            assertThat(worker.embedded()).isEqualTo(4);
        }
        search =
                PaperSearch.open(
                        dir.resolve("index"), catalog, vectors, EmbeddingModel.bgeSmallInt8(), 2);
        search.catchUp(n -> {});
    }

    @AfterAll
    static void close() {
        search.close();
        db.close();
    }

    private static List<String> ids(String query, PaperSearch.Mode mode) {
        return search.search(query, mode, 0, 10).stream().map(SearchHit::id).toList();
    }

    @Test
    void semanticSearchFindsPapersByMeaningWithoutSharedWords() {
        List<String> found =
                ids(
                        "solving for a stable state of an iterated function",
                        PaperSearch.Mode.SEMANTIC);
        assertThat(found.subList(0, 2)).containsExactlyInAnyOrder("2402.00002", "2304.00004");
        assertThat(found).as("bird songs are below the floor").doesNotContain("2303.00003");
    }

    @Test
    void hybridKeepsKeywordMatchesAndAddsMeaningMatches() {
        String query = "stable state of an iterated function";
        List<String> hybrid = ids(query, PaperSearch.Mode.HYBRID);
        assertThat(hybrid).containsAll(ids(query, PaperSearch.Mode.LEXICAL));
        assertThat(hybrid).containsAll(ids(query, PaperSearch.Mode.SEMANTIC));
        assertThat(ids("fixed point", PaperSearch.Mode.HYBRID).getFirst())
                .isEqualTo("2401.00001"); // the only one saying "fixed-point"
        assertThat(ids("fixed point", PaperSearch.Mode.LEXICAL)).containsExactly("2401.00001");
    }

    @Test
    void alertMatchesMustContainTheWordsNotJustSitNearest() {
        assertThat(ids("qqzxv wwqpz", PaperSearch.Mode.HYBRID))
                .as("no neighbour is above the floor")
                .isEmpty();
        assertThat(search.matching("qqzxv wwqpz", 10)).isEmpty();
        assertThat(search.matching("fixed point", 10))
                .extracting(SearchHit::id)
                .containsExactly("2401.00001");
        assertThat(search.matching("convergence of iterations year:2023", 10))
                .extracting(SearchHit::id)
                .containsExactly("2304.00004");
        assertThat(search.matching("cat:math.NA", 10))
                .as("filters alone list what they select")
                .extracting(SearchHit::id)
                .containsExactly("2304.00004");
    }

    @Test
    void filtersApplyInsideTheVectorSearch() {
        assertThat(ids("convergence of iterations cat:math.NA", PaperSearch.Mode.SEMANTIC))
                .containsExactly("2304.00004");
        assertThat(ids("convergence of iterations year:2024", PaperSearch.Mode.HYBRID))
                .contains("2402.00002")
                .doesNotContain("2304.00004", "2303.00003");
    }

    @Test
    void similarPapersAreTheNearestByEmbeddingWithoutThePaperItself() {
        List<String> similar =
                search.similar(ArxivId.of("2402.00002"), "Deep Equilibrium Models", 3).stream()
                        .map(SearchHit::id)
                        .toList();
        assertThat(similar).hasSize(3).doesNotContain("2402.00002");
        assertThat(similar.getLast()).isEqualTo("2303.00003"); // the bird songs are least like it
    }

    @Test
    void hostileQueriesNeverThrowInAnyMode() {
        for (String q :
                List.of(
                        "",
                        "\"",
                        "-",
                        "🧪",
                        "x".repeat(10_000),
                        "year:2024",
                        "author:\"",
                        "AND OR (")) {
            for (PaperSearch.Mode mode : PaperSearch.Mode.values()) {
                assertThatCode(() -> search.search(q, mode, 0, 10))
                        .as("%s %s", mode, q)
                        .doesNotThrowAnyException();
            }
        }
    }
}
