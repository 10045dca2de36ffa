package paperboy.search;

import java.util.List;
import java.util.function.LongConsumer;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Change;

/**
 * Keeps the index in step with the catalog by following its change sequence: applies every
 * change after the sequence recorded in the index's last commit, in batches, committing the
 * sequence with each batch. After a crash it simply continues; a change applied twice is harmless
 * (documents are replaced by id). Not thread-safe: one indexer per index.
 */
final class Indexer {
    static final int BATCH = 5000;

    private final CatalogStore catalog;
    private final SearchIndex index;

    Indexer(CatalogStore catalog, SearchIndex index) {
        this.catalog = catalog;
        this.index = index;
    }

    /**
     * Applies all pending changes.
     *
     * @param progress told the running count of papers applied after each batch
     * @return papers applied
     */
    long catchUp(LongConsumer progress) {
        long seq = index.indexedSeq();
        long applied = 0;
        while (true) {
            List<Change> changes = catalog.changesSince(seq, BATCH);
            if (changes.isEmpty()) {
                return applied;
            }
            index.upsert(changes.stream().map(c -> IndexedText.of(c.paper())).toList());
            seq = changes.getLast().seq();
            index.commit(seq);
            applied += changes.size();
            progress.accept(applied);
        }
    }
}
