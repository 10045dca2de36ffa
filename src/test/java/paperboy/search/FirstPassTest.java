package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.VectorStore;

/**
 * The first pass: every paper gets a quick vector (the model reading its first 32 tokens) that
 * search uses at once, replaced paper by paper by the full vector.
 */
class FirstPassTest {
    @TempDir Path dir;

    @Test
    void quickVectorsServeSearchUntilTheFullOnesReplaceThem() {
        try (Database db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null)) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            catalog.upsert(
                    List.of(
                            PaperSearchTest.paper(
                                    "2401.00001",
                                    "Deep Equilibrium Models",
                                    "We solve for the equilibrium of one implicit layer.",
                                    "cs.LG",
                                    LocalDate.of(2024, 1, 2)),
                            PaperSearchTest.paper(
                                    "2401.00002",
                                    "Songbird recordings in the Amazon",
                                    "A dataset of bird songs.",
                                    "q-bio.PE",
                                    LocalDate.of(2024, 1, 3))));
            VectorStore vectors = new VectorStore(db.dataSource());
            EmbeddingModel full = EmbeddingModel.bgeSmallInt8();
            EmbeddingModel quick = full.firstPass();
            assertThat(quick).isNotNull();
            assertThat(quick.key()).isNotEqualTo(full.key());
            try (Embedder quickEmbedder = new Embedder(quick, 1);
                    Embedder fullEmbedder = new Embedder(full, 1);
                    EmbeddingWorker first =
                            EmbeddingWorker.firstPass(vectors, quickEmbedder, full.key());
                    EmbeddingWorker second =
                            EmbeddingWorker.replacing(vectors, fullEmbedder, quick.key());
                    PaperSearch search =
                            PaperSearch.open(dir.resolve("index"), catalog, vectors, full, 1)) {
                assertThat(first.embedAll(n -> {})).isEqualTo(2);
                assertThat(vectors.embedded(quick.key())).isEqualTo(2);
                search.catchUp(n -> {});
                assertThat(search.embeddedDocuments())
                        .as("every paper, by its quick vector")
                        .isEqualTo(2);
                assertThat(
                                search.search(
                                                "birds singing in the rainforest",
                                                PaperSearch.Mode.SEMANTIC,
                                                0,
                                                10)
                                        .getFirst()
                                        .id())
                        .isEqualTo("2401.00002");

                assertThat(second.embedAll(n -> {})).isEqualTo(2);
                assertThat(vectors.embedded(full.key())).isEqualTo(2);
                assertThat(vectors.embedded(quick.key()))
                        .as("a full vector drops the quick one")
                        .isZero();
                assertThat(first.embedRound())
                        .as("papers with a full vector need no quick one")
                        .isZero();
                search.catchUp(n -> {});
                assertThat(search.embeddedDocuments()).isEqualTo(2);
            }
        }
    }
}
