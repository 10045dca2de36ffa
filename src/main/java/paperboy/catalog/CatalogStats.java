package paperboy.catalog;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts over the whole catalog.
 *
 * @param byPrimaryCategory papers per primary category, largest first ("none" for records without)
 * @param firstAnnounced earliest announcement date, {@code null} for an empty catalog
 */
public record CatalogStats(
        long papers,
        long papersWithCode,
        Map<String, Long> byPrimaryCategory,
        @Nullable LocalDate firstAnnounced,
        @Nullable LocalDate lastAnnounced) {
    public CatalogStats {
        byPrimaryCategory = Collections.unmodifiableMap(new LinkedHashMap<>(byPrimaryCategory));
    }
}
