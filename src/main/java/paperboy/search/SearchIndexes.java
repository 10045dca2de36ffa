package paperboy.search;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.VectorStore;
import paperboy.common.OwnerOnly;
import paperboy.config.Settings;
import paperboy.config.SettingsException;

/**
 * Opens the search index of the data dir, with the configured model, and brings it up to the
 * catalog.
 */
public final class SearchIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexes.class);
    public static final String BUILT_IN_MODEL = "bge-small-en-v1.5-q";

    private SearchIndexes() {}

    public static Path dir(Settings settings) {
        return settings.dataDir().resolve("index");
    }

    /** The configured embedding model; {@code null} when search.model is {@code none}. */
    public static @Nullable EmbeddingModel model(Settings settings) {
        String model = settings.model();
        if (model.equals("none")) {
            return null;
        }
        try {
            EmbeddingModel chosen =
                    model.isEmpty() || model.equals(BUILT_IN_MODEL)
                            ? EmbeddingModel.bgeSmallInt8()
                            : EmbeddingModel.fromDirectory(Path.of(model));
            return chosen.withMaxTokens(settings.modelMaxTokens());
        } catch (IllegalArgumentException e) {
            throw new SettingsException("invalid search.model: " + e.getMessage());
        }
    }

    /**
     * Queries embed on the calling thread (one intra-op thread): a query is a few tokens, and a
     * site answers many at once, so a per-query thread pool would only contend with the others.
     */
    public static PaperSearch open(Settings settings, CatalogStore catalog, VectorStore vectors) {
        OwnerOnly.directory(settings.dataDir()); // the index may be its first content (PostgreSQL)
        return PaperSearch.open(dir(settings), catalog, vectors, model(settings), 1);
    }

    /**
     * Brings {@code search} up to the catalog, logging progress (a command's start after an
     * import); a read-only index is left to the running {@code serve} that holds it.
     */
    public static void catchUp(PaperSearch search) {
        if (!search.writable()) {
            LOG.info(
                    "index: held by a running paperboy serve, which keeps it current; searching it"
                            + " read-only");
            return;
        }
        long start = System.nanoTime();
        long applied =
                search.catchUp(n -> LOG.info("index: {} papers applied", String.format("%,d", n)));
        if (applied > 0) {
            LOG.info(
                    "index: caught up with the catalog, {} papers in {} s",
                    String.format("%,d", applied),
                    String.format("%.1f", (System.nanoTime() - start) / 1e9));
        }
    }
}
