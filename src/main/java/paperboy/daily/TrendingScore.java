package paperboy.daily;

/**
 * The trending score, shown to readers as it is computed here: {@code (1 + upvotes + 0.5 × comments
 * + 3 if featured + 1 if it has code) / (age in days + 2)^1.5}, the age counted from the paper's
 * announcement or later submission. A gravity-style score (as Hacker News ranks stories): votes
 * lift a paper, time pulls it down, so a new paper with a few votes passes an old one with many.
 * The "1 +" lets today's unvoted papers lead over last week's unvoted ones.
 */
public final class TrendingScore {
    public static final double COMMENT_WEIGHT = 0.5;
    public static final double FEATURED_BONUS = 3;
    public static final double CODE_BONUS = 1;
    public static final double GRAVITY = 1.5;

    private TrendingScore() {}

    public static double points(FeedRow row) {
        return 1
                + row.upvotes()
                + COMMENT_WEIGHT * row.comments()
                + (row.featured() ? FEATURED_BONUS : 0)
                + (row.hasCode() ? CODE_BONUS : 0);
    }

    /** The score of {@code row} when the newest day is {@code ageDays} after its freshness. */
    public static double score(FeedRow row, long ageDays) {
        return points(row) / Math.pow((double) (Math.max(0, ageDays) + 2), GRAVITY);
    }
}
