package paperboy.catalog;

/** A paper as of its latest change: {@code seq} orders all changes of the catalog. */
public record Change(long seq, Paper paper) {}
