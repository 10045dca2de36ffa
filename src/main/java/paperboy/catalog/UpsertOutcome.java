package paperboy.catalog;

/** What writing one record did to the catalog. */
public enum UpsertOutcome {
    /** The catalog did not have it. */
    ADDED,
    /** The catalog had an older version or different metadata; now it has this. */
    UPDATED,
    /** The catalog already had exactly this. */
    UNCHANGED,
    /** The catalog has a newer version; this older one was ignored. */
    STALE
}
