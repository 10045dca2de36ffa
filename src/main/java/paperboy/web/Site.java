package paperboy.web;

import java.util.function.Supplier;
import paperboy.catalog.CatalogStore;
import paperboy.daily.DailyPapers;
import paperboy.search.PaperSearch;
import paperboy.trending.Trending;

/**
 * What the web layer reads: the catalog, the period lists, the trending list and search, plus a
 * line on the harvester's state for /healthz.
 */
public record Site(CatalogStore catalog, DailyPapers daily, Trending trending, PaperSearch search,
                   Supplier<String> harvestStatus) {
}
