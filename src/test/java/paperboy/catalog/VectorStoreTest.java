package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import paperboy.testing.TestDatabases;

class VectorStoreTest {
    @TempDir Path tempDir;

    @ParameterizedTest
    @MethodSource("paperboy.testing.TestDatabases#kinds")
    void storesVectorsPerModelAndVersionAndReembedsNewerVersions(String db) {
        try (Database database = TestDatabases.open(db, tempDir)) {
            CatalogStore catalog = new CatalogStore(database.dataSource());
            VectorStore vectors = new VectorStore(database.dataSource());
            LocalDate day = LocalDate.of(2025, 3, 1);
            catalog.upsert(
                    List.of(
                            CatalogStoreTest.paper("2503.00001", 1, "Old", day.minusDays(5)),
                            CatalogStoreTest.paper("2503.00002", 1, "New", day)));

            assertThat(vectors.pending("m", 10))
                    .extracting(p -> p.id().id())
                    .containsExactly("2503.00002", "2503.00001");
            assertThat(vectors.pending("m", 10).getFirst().text())
                    .startsWith("New. An abstract about New");

            long seqBefore = catalog.lastChange();
            vectors.save(
                    "m",
                    List.of(
                            new VectorStore.Vector(
                                    ArxivId.of("2503.00002"), 1, new float[] {0.6f, -0.8f})));
            assertThat(catalog.lastChange())
                    .as("the index must pick the vector up")
                    .isGreaterThan(seqBefore);
            assertThat(vectors.load("m", List.of("2503.00002", "2503.00001")))
                    .containsOnlyKeys("2503.00002");
            assertThat(vectors.load("m", List.of("2503.00002")).get("2503.00002"))
                    .containsExactly(0.6f, -0.8f);
            assertThat(vectors.pending("m", 10))
                    .extracting(p -> p.id().id())
                    .containsExactly("2503.00001");
            assertThat(vectors.pending("other-model", 10)).hasSize(2);
            assertThat(vectors.embedded("m")).isEqualTo(1);

            catalog.upsert(
                    List.of(CatalogStoreTest.paper("2503.00002", 2, "New v2", day.plusDays(1))));
            assertThat(vectors.pending("m", 10))
                    .extracting(p -> p.id().id())
                    .contains("2503.00002");
            assertThat(vectors.embedded("m")).isZero();
            vectors.save(
                    "m",
                    List.of(
                            new VectorStore.Vector(
                                    ArxivId.of("2503.00002"), 2, new float[] {1f, 0f})));
            assertThat(vectors.load("m", List.of("2503.00002")).get("2503.00002"))
                    .containsExactly(1f, 0f);
        }
    }
}
