package paperboy.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
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
    private final @Nullable String firstPass;
    private final SearchIndex index;
    private @Nullable IndexBasis wanted; // read from the catalog on first use

    /**
     * @param model whose vectors go into the index; {@code null} for a lexical-only index
     * @param firstPass whose vectors stand in while a paper has no full vector; {@code null} for
     *     none
     */
    Indexer(
            CatalogStore catalog,
            VectorStore vectors,
            @Nullable String model,
            @Nullable String firstPass,
            SearchIndex index) {
        this.catalog = catalog;
        this.vectors = vectors;
        this.model = model;
        this.firstPass = firstPass;
        this.index = index;
    }

    /** What this indexer builds on: the catalog it follows, its model, the current layout. */
    private IndexBasis wanted() {
        IndexBasis basis = wanted;
        if (basis == null) {
            basis =
                    new IndexBasis(
                            catalog.identity(), model == null ? "" : model, SearchIndex.LAYOUT);
            wanted = basis;
        }
        return basis;
    }

    /**
     * Makes sure the index may be continued: one built on another basis (another catalog, model or
     * layout, or from before bases were recorded) is cleared, with one WARN line saying why, and
     * the next {@link #catchUp} rebuilds it from the catalog (the stored vectors make that minutes,
     * not an hour). A read-only index is only reported: the process that holds it keeps it.
     */
    void checkBasis() {
        if (index.indexedSeq() == 0 && index.documents() == 0) {
            return; // nothing in it to distrust; the first commit records the basis
        }
        String why = index.basis().differenceFrom(wanted());
        if (why == null && index.indexedSeq() > catalog.lastChange()) {
            // The same catalog, restored from a backup older than the index: the index holds
            // changes the catalog no longer has, and would skip the ones made after the restore.
            why =
                    "it has read the catalog up to change "
                            + index.indexedSeq()
                            + " but the catalog ends at "
                            + catalog.lastChange()
                            + " (restored from a backup?)";
        }
        if (why == null) {
            return;
        }
        if (!index.writable()) {
            LOG.warn(
                    "index: {}; another process (a running serve?) holds it, so this one searches"
                            + " it as it is",
                    why);
            return;
        }
        LOG.warn("index: {}; rebuilding it from the catalog", why);
        index.clear();
    }

    /**
     * Applies all pending changes.
     *
     * @param progress told the running count of papers applied after each batch
     * @param stop asked after each batch whether to end here
     * @return papers applied
     */
    long catchUp(LongConsumer progress, BooleanSupplier stop) {
        if (!index.writable()) {
            index.refresh(); // another process holds the index and keeps it current
            return 0;
        }
        IndexBasis basis = wanted();
        long seq = index.indexedSeq();
        long applied = 0;
        while (true) {
            List<Change> changes = catalog.changesSince(seq, BATCH);
            if (changes.isEmpty()) {
                return applied;
            }
            Map<String, float[]> stored =
                    vectorsOf(changes.stream().map(c -> c.paper().id().id()).toList());
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
            index.commit(seq, basis);
            applied += changes.size();
            progress.accept(applied);
            if (stop.getAsBoolean()) {
                return applied;
            }
        }
    }

    /** Each paper's full vector, else its first-pass vector; none for papers without either. */
    Map<String, float[]> vectorsOf(List<String> ids) {
        if (model == null) {
            return Map.of();
        }
        Map<String, float[]> found = new HashMap<>(vectors.load(model, ids));
        if (firstPass != null && found.size() < ids.size()) {
            List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
            found.putAll(vectors.load(firstPass, missing));
        }
        return found;
    }
}
