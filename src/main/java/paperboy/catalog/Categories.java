package paperboy.catalog;

import java.util.regex.Pattern;

/** What an arXiv category looks like ({@code cs.LG}, {@code math.NA}, {@code hep-th}). */
public final class Categories {
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z-]{2,20}(\\.[A-Za-z-]{1,10})?");

    private Categories() {}

    /** Whether {@code text} has the form of an arXiv category (not whether arXiv has it). */
    public static boolean looksValid(String text) {
        return CATEGORY.matcher(text).matches();
    }
}
