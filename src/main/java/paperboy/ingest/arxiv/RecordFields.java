package paperboy.ingest.arxiv;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.catalog.PaperLinks;
import paperboy.catalog.Text;

/**
 * The checks and clean-up every arXiv source applies on the way to a {@link Paper}, so a paper
 * reads the same whichever interface brought it. Stateless and thread-safe.
 */
final class RecordFields {
    private RecordFields() {}

    /** The catalog key: the id without version. */
    static ArxivId baseId(String text) throws RecordRejectedException {
        if (text == null || text.isBlank()) {
            throw new RecordRejectedException("missing id");
        }
        try {
            return ArxivId.parse(text).withoutVersion();
        } catch (InvalidArxivIdException e) {
            throw new RecordRejectedException("invalid id: " + e.getMessage(), e);
        }
    }

    static String title(String text) throws RecordRejectedException {
        String title = Text.normalise(text);
        if (title == null) {
            throw new RecordRejectedException("missing title");
        }
        return title;
    }

    /** Parses a required date; {@code what} names it in the rejection. */
    static LocalDate date(String what, String text, Function<String, LocalDate> parser)
            throws RecordRejectedException {
        if (text == null || text.isBlank()) {
            throw new RecordRejectedException("missing " + what);
        }
        try {
            return parser.apply(text);
        } catch (DateTimeParseException e) {
            throw new RecordRejectedException("unparsable " + what + " '" + text.strip() + "'", e);
        }
    }

    /** Space-separated categories, primary first, as arXiv writes them. */
    static List<String> categories(String text) {
        String normalised = Text.normalise(text);
        return normalised == null ? List.of() : Arrays.asList(normalised.split(" "));
    }

    /**
     * Builds the paper: text fields normalised, code and project links found in abstract and
     * comments.
     */
    static Paper paper(
            ArxivId id,
            int version,
            String title,
            String abstractText,
            List<String> authors,
            List<String> categories,
            String comments,
            String journalRef,
            String doi,
            String license,
            LocalDate announced,
            LocalDate updated) {
        String summary = Text.normalise(abstractText);
        String comment = Text.normalise(comments);
        PaperLinks.Found links = PaperLinks.find(summary, comment);
        return new Paper(
                id,
                version,
                title,
                summary,
                authors,
                categories,
                comment,
                Text.normalise(journalRef),
                Text.normalise(doi),
                Text.normalise(license),
                announced,
                updated,
                links.codeUrl(),
                links.projectUrl());
    }
}
