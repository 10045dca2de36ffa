package paperboy.ingest.arxiv;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import paperboy.catalog.Text;

/**
 * Splits arXiv's one-string author lists ({@code "A. Smith, B. Jones and C. Wu"}) into names.
 * Stateless and thread-safe.
 */
final class AuthorNames {
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+and\\s+");
    private static final Pattern LEADING_AND = Pattern.compile("^and\\s+");

    /** Name suffixes that a comma separates from the name they belong to ("J. Smith, Jr."). */
    private static final Pattern SUFFIX = Pattern.compile("(?i)(jr|sr)\\.?|i{2,3}|iv");

    private AuthorNames() {}

    /** The names in order; affiliations in parentheses are dropped. Empty for {@code null}. */
    static List<String> split(String authors) {
        String text = Text.normalise(authors);
        if (text == null) {
            return List.of();
        }
        // Affiliations go first: "A (MIT, Cambridge), B" has commas that separate no authors.
        String withoutAffiliations = dropParenthesised(text);
        List<String> names = new ArrayList<>();
        for (String part :
                SEPARATOR.split(withoutAffiliations, -1)) { // empty parts are skipped below
            String name = Text.normalise(LEADING_AND.matcher(part.strip()).replaceFirst(""));
            if (name == null) {
                continue;
            }
            if (SUFFIX.matcher(name).matches() && !names.isEmpty()) {
                names.set(names.size() - 1, names.getLast() + " " + name);
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /** Removes parenthesised parts, nested ones included; an unclosed one runs to the end. */
    private static String dropParenthesised(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
