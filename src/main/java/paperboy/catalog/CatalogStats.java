package paperboy.catalog;

import java.time.LocalDate;
import java.util.Map;

/**
 * Counts over the whole catalog.
 *
 * @param byPrimaryCategory papers per primary category, largest first ("none" for records without)
 * @param firstAnnounced    earliest announcement date, {@code null} for an empty catalog
 */
public record CatalogStats(
        long papers,
        long papersWithCode,
        Map<String, Long> byPrimaryCategory,
        LocalDate firstAnnounced,
        LocalDate lastAnnounced) {
    public CatalogStats {
        byPrimaryCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byPrimaryCategory));
    }
}
