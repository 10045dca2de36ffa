package paperboy.search;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Change;
import paperboy.catalog.VectorStore;

/**
 * Keeps the index in step with the catalog by following its change sequence: applies every change
 * after the sequence recorded in the index's last commit, in batches, committing the sequence with
 * each batch. After a crash it simply continues; a change applied twice is harmless (documents are
 * replaced by id). Not thread-safe: one indexer per index.
 */
final class Indexer {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    static final int BATCH = 5000;

    private final CatalogStore catalog;
    private final VectorStore vectors;
    private final @Nullable String model;
    private final SearchIndex index;

    /**
     * @param model whose vectors go into the index; {@code null} for a lexical-only index
     */
    Indexer(CatalogStore catalog, VectorStore vectors, @Nullable String model, SearchIndex index) {
        this.catalog = catalog;
        this.vectors = vectors;
        this.model = model;
        this.index = index;
    }

    /**
     * Applies all pending changes.
     *
     * @param progress told the running count of papers applied after each batch
     * @return papers applied
     */
    long catchUp(LongConsumer progress) {
        if (!index.writable()) {
            index.refresh(); // another process holds the index and keeps it current
            return 0;
        }
        String modelKey = model == null ? "" : model;
        if (index.indexedSeq() > 0 && !index.indexedModel().equals(modelKey)) {
            // Vectors of another model (or token limit) must not share one graph: start over.
            LOG.info(
                    "index: built with model '{}', configured '{}'; rebuilding",
                    index.indexedModel(),
                    modelKey);
            index.clear();
        } else if (index.indexedSeq() > 0 && !index.indexedFormat().equals(SearchIndex.FORMAT)) {
            LOG.info("index: built in an older layout; rebuilding");
            index.clear();
        }
        long seq = index.indexedSeq();
        long applied = 0;
        while (true) {
            List<Change> changes = catalog.changesSince(seq, BATCH);
            if (changes.isEmpty()) {
                return applied;
            }
            Map<String, float[]> stored =
                    model == null
                            ? Map.of()
                            : vectors.load(
                                    model, changes.stream().map(c -> c.paper().id().id()).toList());
            index.upsert(
                    changes.stream()
                            .map(
                                    c ->
                                            IndexedText.of(
                                                    c.paper(),
                                                    c.hidden(),
                                                    stored.get(c.paper().id().id())))
                            .toList());
            seq = changes.getLast().seq();
            index.commit(seq, modelKey);
            applied += changes.size();
            progress.accept(applied);
        }
    }
}
