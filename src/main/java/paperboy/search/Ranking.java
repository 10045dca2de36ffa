package paperboy.search;

/**
 * The choices that shape a ranking, in one place: what the lexical leg scores, how the legs are
 * fused, and the similarity below which a nearest neighbour is no match. {@link #DEFAULT} is what
 * the service uses; {@code paperboy eval --options} measures the alternatives on every collection
 * (README.md, "Search quality").
 *
 * @param titleBoost extra weight of a title match over the same term in title + abstract (0: none)
 * @param proximityBoost extra weight of the query's words standing together (0: none)
 * @param k1 BM25's term-frequency saturation
 * @param b BM25's length normalisation
 * @param fusion how the legs' lists become one
 * @param coverageAware whether fusion corrects for papers without vectors (see {@link Fusion})
 * @param floor cosine similarity below which a semantic hit is dropped (-1: none)
 */
record Ranking(
        float titleBoost,
        float proximityBoost,
        float k1,
        float b,
        Fusion.Method fusion,
        boolean coverageAware,
        double floor) {

    /**
     * Plain BM25 with the parameters Anserini uses for its BEIR baselines (k1 0.9, b 0.4), one
     * title + abstract field, an equal-weight convex combination of the legs, corrected for
     * coverage, and the floor calibrated in README.md.
     */
    static final Ranking DEFAULT =
            new Ranking(0, 0, 0.9f, 0.4f, Fusion.Method.CONVEX, true, SemanticSearch.FLOOR);

    Ranking withLexical(float titleBoost, float proximityBoost, float k1, float b) {
        return new Ranking(titleBoost, proximityBoost, k1, b, fusion, coverageAware, floor);
    }

    Ranking withFusion(Fusion.Method method) {
        return new Ranking(titleBoost, proximityBoost, k1, b, method, coverageAware, floor);
    }

    Ranking withCoverageAware(boolean aware) {
        return new Ranking(titleBoost, proximityBoost, k1, b, fusion, aware, floor);
    }

    Ranking withFloor(double cosine) {
        return new Ranking(titleBoost, proximityBoost, k1, b, fusion, coverageAware, cosine);
    }
}
