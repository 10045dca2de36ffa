package paperboy.cli;

import java.nio.file.Path;
import paperboy.catalog.CatalogStore;
import paperboy.config.Settings;
import paperboy.search.PaperSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the search index of the data dir and brings it up to the catalog. */
final class SearchIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexes.class);

    private SearchIndexes() {
    }

    static Path dir(Settings settings) {
        return settings.dataDir().resolve("index");
    }

    static PaperSearch openAndCatchUp(Settings settings, CatalogStore catalog) {
        PaperSearch search = PaperSearch.open(dir(settings), catalog);
        try {
            long start = System.nanoTime();
            long applied = search.catchUp(n -> LOG.info("index: {} papers applied", String.format("%,d", n)));
            if (applied > 0) {
                LOG.info("index: caught up with the catalog, {} papers in {} s", String.format("%,d", applied),
                        String.format("%.1f", (System.nanoTime() - start) / 1e9));
            }
            return search;
        } catch (RuntimeException e) {
            search.close();
            throw e;
        }
    }
}
