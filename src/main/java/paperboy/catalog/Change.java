package paperboy.catalog;

/**
 * A paper as of its latest change: {@code seq} orders all changes of the catalog.
 *
 * @param hidden a curator keeps it off every list, and so out of search
 */
public record Change(long seq, Paper paper, boolean hidden) {}
