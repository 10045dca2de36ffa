package paperboy.library;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;

/**
 * One entry of an imported library, as much of it as matching needs: its arXiv id when the entry
 * names one anywhere (an {@code eprint} field, an arxiv.org address, arXiv's DOI, "arXiv:..." in a
 * journal or note field), its DOI, its title.
 *
 * @param label how the import report names the entry: its title, else its key or position
 * @param arxivId the base id (no version), or null
 * @param doi as written (DOIs are case-insensitive: compare lower-cased), without a resolver
 *     prefix, or null
 * @param title as written (LaTeX and all), or null
 */
public record Reference(
        String label, @Nullable String arxivId, @Nullable String doi, @Nullable String title) {

    /** arXiv's own DOIs name the paper: 10.48550/arXiv.2401.00001. */
    private static final Pattern ARXIV_DOI = Pattern.compile("(?i)^10\\.48550/arxiv\\.(.+)$");

    /** "arXiv:2401.00001", "arxiv.org/abs/2401.00001v2", "arXiv preprint arXiv:hep-th/9901001". */
    private static final Pattern MENTION =
            Pattern.compile(
                    "(?i)arxiv(?:\\.org/(?:abs|pdf)/|\\s*:\\s*|\\.)"
                            + "(\\d{4}\\.\\d{4,5}(?:v\\d+)?|[a-z][a-z.\\-]*/\\d{7}(?:v\\d+)?)");

    private static final Pattern DOI_PREFIX =
            Pattern.compile("(?i)^(?:https?://(?:dx\\.)?doi\\.org/|doi:\\s*)");

    private static final int MAX_LABEL = 200;

    /**
     * An entry from its fields.
     *
     * @param eprint an {@code eprint}-like field that holds only an id, or null
     * @param mentions other fields where an arXiv address or "arXiv:id" may appear
     */
    static Reference of(
            String fallbackLabel,
            @Nullable String title,
            @Nullable String doi,
            @Nullable String eprint,
            Iterable<@Nullable String> mentions) {
        String cleanDoi = doi(doi);
        String id = null;
        if (cleanDoi != null) {
            Matcher m = ARXIV_DOI.matcher(cleanDoi);
            if (m.matches()) {
                id = arxivId(m.group(1)).orElse(null);
            }
        }
        if (id == null && eprint != null) {
            id = arxivId(eprint).orElse(null);
        }
        for (String text : mentions) {
            if (id != null) {
                break;
            }
            if (text != null) {
                Matcher m = MENTION.matcher(text);
                if (m.find()) {
                    id = arxivId(m.group(1)).orElse(null);
                }
            }
        }
        String cleanTitle = title == null || title.isBlank() ? null : title.strip();
        String label = cleanTitle != null ? TitleKey.readable(cleanTitle) : fallbackLabel;
        if (label.length() > MAX_LABEL) {
            label = label.substring(0, MAX_LABEL - 1) + "…";
        }
        return new Reference(label, id, cleanDoi, cleanTitle);
    }

    private static Optional<String> arxivId(String text) {
        try {
            return Optional.of(ArxivId.parse(text.strip()).withoutVersion().id());
        } catch (InvalidArxivIdException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String doi(@Nullable String doi) {
        if (doi == null) {
            return null;
        }
        String d = DOI_PREFIX.matcher(doi.strip()).replaceFirst("").strip();
        // a DOI has no control characters (PostgreSQL refuses NUL in a query, too)
        return d.startsWith("10.")
                        && d.length() <= 300
                        && d.chars().noneMatch(Character::isISOControl)
                ? d
                : null;
    }
}
