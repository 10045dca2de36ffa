package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Database;
import paperboy.catalog.Paper;
import paperboy.catalog.VectorStore;
import paperboy.testing.TestPapers;

/**
 * A node stopped while its index follower catches up (a new node, a big import) closes a sound
 * index. The follower was interrupted at stop, mid write, which closed Lucene's file channels and
 * invalidated the index's lock, so closing the index failed ("FileLock invalidated by an external
 * force", seen in ThreeNodesIT). Now it ends after the batch it is committing, and the next start
 * goes on from there.
 */
class SearchRunnerStopTest {
    @TempDir Path dir;

    @Test
    void aFollowerStoppedMidCatchUpEndsAfterItsBatchAndTheIndexGoesOnFromThere() throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(dir.resolve("data")), null, null)) {
            CatalogStore catalog = new CatalogStore(db.dataSource());
            VectorStore vectors = new VectorStore(db.dataSource());
            int papers = 4 * Indexer.BATCH + 100;
            List<Paper> batch = new ArrayList<>();
            for (int i = 1; i <= papers; i++) {
                batch.add(
                        TestPapers.paper(
                                String.format("2601.%05d", i),
                                "Paper number " + i + " on graph networks",
                                "An abstract about graphs, number " + i + ".",
                                LocalDate.of(2026, 1, 5)));
                if (batch.size() == 1000) {
                    catalog.upsert(batch);
                    batch.clear();
                }
            }
            catalog.upsert(batch);
            long head = catalog.lastChange();

            PaperSearch search = PaperSearch.open(dir.resolve("index"), catalog, vectors, null, 1);
            SearchRunner runner =
                    new SearchRunner(
                            search,
                            null,
                            vectors,
                            1,
                            catalog::lastChange,
                            Clock.systemUTC(),
                            "test-node",
                            Duration.ofMinutes(5));
            runner.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (search.indexedSeq() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(search.indexedSeq()).as("the first batch was committed").isPositive();

            runner.close(); // mid catch-up: four batches remain to be written at most
            long stoppedAt = search.indexedSeq();
            assertThatCode(search::close).as("the index closes cleanly").doesNotThrowAnyException();
            assertThat(stoppedAt).as("stopped after a batch, not at the end").isLessThan(head);

            try (PaperSearch again =
                    PaperSearch.open(dir.resolve("index"), catalog, vectors, null, 1)) {
                assertThat(again.indexedSeq()).isEqualTo(stoppedAt);
                again.catchUp(n -> {});
                assertThat(again.indexedSeq()).isEqualTo(head);
                assertThat(again.search(QuerySyntax.parse("graph"), 0, 10)).hasSize(10);
            }
        }
    }
}
