package paperboy.ingest.arxiv;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the categories an operator configures into arXiv OAI-PMH set specs. Stateless and
 * thread-safe.
 *
 * <ul>
 *   <li>a category: {@code cs.LG} → {@code cs:cs:LG}, {@code astro-ph.CO} → {@code
 *       physics:astro-ph:CO}
 *   <li>a group: {@code cs}, {@code math}, {@code physics} → itself
 *   <li>a physics archive without subject classes: {@code hep-th} → {@code physics:hep-th}
 *   <li>anything with a colon is taken as a set spec verbatim: {@code physics:hep-th}, {@code
 *       cs:cs:LG}
 * </ul>
 */
final class OaiSets {
    /** The top-level sets. */
    private static final Set<String> GROUPS =
            Set.of("cs", "econ", "eess", "math", "physics", "q-bio", "q-fin", "stat");

    /** Archives that sit in the {@code physics} group rather than being groups of their own. */
    private static final Set<String> PHYSICS_ARCHIVES =
            Set.of(
                    "astro-ph",
                    "cond-mat",
                    "gr-qc",
                    "hep-ex",
                    "hep-lat",
                    "hep-ph",
                    "hep-th",
                    "math-ph",
                    "nlin",
                    "nucl-ex",
                    "nucl-th",
                    "physics",
                    "quant-ph");

    private static final Pattern CATEGORY =
            Pattern.compile("([a-z]+(?:-[a-z]+)?)(?:\\.([A-Za-z]+(?:-[A-Za-z]+)?))?");
    private static final Pattern SET_SPEC = Pattern.compile("[A-Za-z-]+(?::[A-Za-z-]+){1,2}");

    private OaiSets() {}

    /**
     * The set spec for a category, group, archive or verbatim set spec.
     *
     * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
     */
    static String setSpec(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no arXiv category or OAI-PMH set given");
        }
        String s = text.strip();
        if (s.indexOf(':') >= 0) {
            if (!SET_SPEC.matcher(s).matches()) {
                throw new IllegalArgumentException(
                        "'" + s + "' is not an OAI-PMH set spec like cs:cs:LG or physics:hep-th");
            }
            return s;
        }
        Matcher m = CATEGORY.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + s + "' is not an arXiv category (cs.LG), group (cs) or set spec");
        }
        String archive = m.group(1);
        String subject = m.group(2);
        if (subject == null) {
            if (GROUPS.contains(archive)) {
                return archive;
            }
            if (PHYSICS_ARCHIVES.contains(archive)) {
                return "physics:" + archive;
            }
            throw new IllegalArgumentException("'" + s + "' is not an arXiv group or archive");
        }
        if (PHYSICS_ARCHIVES.contains(archive)) {
            return "physics:" + archive + ":" + subject;
        }
        if (GROUPS.contains(archive)) {
            return archive + ":" + archive + ":" + subject;
        }
        throw new IllegalArgumentException(
                "'" + s + "' is not an arXiv category: unknown archive '" + archive + "'");
    }
}
