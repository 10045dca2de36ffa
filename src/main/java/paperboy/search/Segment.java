package paperboy.search;

/** A piece of highlighted text: {@code highlight} marks words that match the query. */
public record Segment(boolean highlight, String text) {}
