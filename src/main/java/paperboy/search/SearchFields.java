package paperboy.search;

/** Field names of the search index, defined once. */
final class SearchFields {
    /** The arXiv id without version; stored, the key of updates and deletes. */
    static final String ID = "id";

    /** Title and abstract together: the main BM25 field ("flat", as BEIR's BM25 baseline). */
    static final String TEXT = "text";

    /** The title again, so title matches can weigh more. */
    static final String TITLE = "title";

    /** Author names, analysed without stemming. */
    static final String AUTHORS = "authors";

    /**
     * Each author's whole name as one term, {@link paperboy.catalog.AuthorKey#of}: the exact match
     * of an author's page, where {@code author:} matches words of a name.
     */
    static final String AUTHOR_KEY = "author_key";

    /** Every category, lower case, one term each (for {@code cat:}). */
    static final String CATEGORY = "category";

    /**
     * Every category as arXiv writes it (doc values), for facet counts: a paper counts in each of
     * its categories, as {@code cat:} selects it in each.
     */
    static final String CATEGORY_NAME = "category_name";

    /** Year of announcement (for {@code year:}). */
    static final String YEAR = "year";

    /** Announcement date as epoch day (for {@code after:} / {@code before:} and sorting). */
    static final String ANNOUNCED = "announced";

    /** The paper's embedding (title + abstract), for the semantic leg. */
    static final String VECTOR = "vector";

    /** Flags such as {@code code} (for {@code has:code}). */
    static final String HAS = "has";

    /** {@code hidden} when a curator keeps the paper off every list: then it is in no result. */
    static final String LISTING = "listing";

    private SearchFields() {}
}
