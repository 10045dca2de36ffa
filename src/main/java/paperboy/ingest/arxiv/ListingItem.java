package paperboy.ingest.arxiv;

import java.time.LocalDate;
import java.util.Objects;
import paperboy.catalog.ArxivId;

/**
 * One paper in a day's arXiv listing.
 *
 * @param id the id with the announced version, e.g. {@code 2503.21813v2}
 * @param announceType {@code new}, {@code cross}, {@code replace} or {@code replace-cross}
 * @param title whitespace-normalised
 * @param pubDate the listing's day (America/New_York)
 */
public record ListingItem(ArxivId id, String announceType, String title, LocalDate pubDate) {
    public static final String NEW = "new";
    public static final String CROSS = "cross";
    public static final String REPLACE = "replace";
    public static final String REPLACE_CROSS = "replace-cross";

    public ListingItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(announceType, "announceType");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(pubDate, "pubDate");
    }

    /** A first announcement in its primary category (not a cross-list or a new version). */
    public boolean isNew() {
        return NEW.equals(announceType);
    }
}
