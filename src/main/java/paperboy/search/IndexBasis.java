package paperboy.search;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an index was built from, recorded in each of its commits beside the catalog change sequence
 * it reached: the catalog (its {@linkplain paperboy.catalog.CatalogStore#identity identity}), the
 * embedding model whose vectors it holds, and the layout of its files. The sequence only means
 * something on the same basis: another catalog numbers its own changes, another model's vectors
 * must not share one graph, another layout reads differently. So an index whose basis is not the
 * one asked for is rebuilt from the catalog ({@link Indexer#checkBasis}). Something else an index
 * depends on (a schema version of the documents, say) becomes one more component here.
 *
 * @param catalog the catalog's identity; {@code ""} when none is recorded (an index from before
 *     identities)
 * @param model the embedding model's key; {@code ""} for none (lexical only)
 * @param layout the layout of the index ({@link SearchIndex#LAYOUT} when current); {@code ""} for
 *     an index from before layouts
 */
record IndexBasis(String catalog, String model, String layout) {
    private static final String CATALOG_KEY = "paperboy.catalog";
    private static final String MODEL_KEY = "paperboy.model";
    private static final String LAYOUT_KEY = "paperboy.format";

    /** Nothing recorded: a new index, or one cleared for a rebuild. */
    static final IndexBasis NONE = new IndexBasis("", "", "");

    /** The basis recorded in a commit's user data. */
    static IndexBasis of(Map<String, String> commitData) {
        return new IndexBasis(
                commitData.getOrDefault(CATALOG_KEY, ""),
                commitData.getOrDefault(MODEL_KEY, ""),
                commitData.getOrDefault(LAYOUT_KEY, ""));
    }

    /** Adds this basis to a commit's user data. */
    void recordIn(Map<String, String> commitData) {
        commitData.put(CATALOG_KEY, catalog);
        commitData.put(MODEL_KEY, model);
        commitData.put(LAYOUT_KEY, layout);
    }

    /**
     * Why an index built on this basis cannot go on as one built on {@code wanted} (the first
     * difference, in words for the log); {@code null} when it can.
     */
    @Nullable String differenceFrom(IndexBasis wanted) {
        if (catalog.isEmpty()) {
            return "it does not record which catalog it was built from (an older Paperboy made"
                    + " it)";
        }
        if (!catalog.equals(wanted.catalog)) {
            return "it was built from another catalog ("
                    + catalog
                    + "), not the configured one ("
                    + wanted.catalog
                    + ")";
        }
        if (!model.equals(wanted.model)) {
            return "it holds vectors of model '"
                    + (model.isEmpty() ? "none" : model)
                    + "', not of the configured '"
                    + (wanted.model.isEmpty() ? "none" : wanted.model)
                    + "'";
        }
        if (!layout.equals(wanted.layout)) {
            return "it is in layout '" + layout + "', not the current '" + wanted.layout + "'";
        }
        return null;
    }
}
