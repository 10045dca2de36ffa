package paperboy.common;

import java.util.Locale;

/**
 * Counts in words, singular or plural: "1 paper", "0 papers", "1,234 papers". Pages, feeds' titles
 * and the CLI say counts through here, so none of them says "1 papers" or "0 upvote". English only:
 * the singular is for exactly one. Stateless.
 */
public final class Plural {
    private Plural() {}

    /**
     * {@code n} with thousands separators and the word that fits it: {@code count(1, "paper",
     * "papers")} is "1 paper".
     */
    public static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, word(n, one, many));
    }

    /** {@code one} when {@code n} is exactly 1, else {@code many} (0 papers, 2 papers). */
    public static String word(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
