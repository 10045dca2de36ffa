package paperboy.daily;

import java.util.Locale;

/** How a period's list is ordered. */
public enum ListOrder {
    /** Submitted and featured papers first by upvotes, then the rest by upvotes and newest id. */
    CURATED_FIRST,
    /** Newest announcement first. */
    PUBLISHED,
    /** By the trending score (see {@link TrendingScore}). */
    TRENDING;

    /** The API's {@code sort} values: {@code publishedAt} or {@code trending}. */
    public static ListOrder ofApi(String sort) {
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "publishedat" -> PUBLISHED;
            case "trending" -> TRENDING;
            default ->
                    throw new IllegalArgumentException(
                            "sort must be publishedAt or trending, not '" + sort + "'");
        };
    }
}
