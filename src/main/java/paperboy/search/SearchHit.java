package paperboy.search;

/** One result: the paper's id and its score under the mode asked (higher is better). */
public record SearchHit(String id, double score) {}
