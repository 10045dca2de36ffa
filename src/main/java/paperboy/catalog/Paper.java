package paperboy.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One arXiv paper as the catalog keeps it: the latest version's metadata, keyed by the arXiv id
 * without version. Text fields are whitespace-normalised by {@link Text#normalise}; optional fields
 * are {@code null} when the source has none.
 *
 * @param id the base arXiv id (no version)
 * @param version the latest version number known (>= 1)
 * @param authors author names in the paper's order
 * @param categories arXiv categories, primary first (may be empty: some old records have none)
 * @param announced the date of v1's announcement on arXiv
 * @param updated the date of the latest change to the record
 * @param codeUrl the code repository named in the abstract or comments, if any
 * @param projectUrl the project page named in the abstract or comments, if any
 */
public record Paper(
        ArxivId id,
        int version,
        String title,
        String abstractText,
        List<String> authors,
        List<String> categories,
        @Nullable String comments,
        @Nullable String journalRef,
        @Nullable String doi,
        @Nullable String license,
        LocalDate announced,
        LocalDate updated,
        @Nullable String codeUrl,
        @Nullable String projectUrl) {

    public Paper {
        Objects.requireNonNull(id, "id");
        if (id.hasVersion()) {
            throw new IllegalArgumentException("a paper is keyed by its id without version: " + id);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1 for " + id);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("paper " + id + " has no title");
        }
        // Control characters mean nothing in metadata and break pages and feeds (U+0000 in a
        // title): none are kept, whichever way the paper came in.
        title = Text.withoutControls(title);
        abstractText = abstractText == null ? "" : Text.withoutControls(abstractText);
        comments = comments == null ? null : Text.withoutControls(comments);
        journalRef = journalRef == null ? null : Text.withoutControls(journalRef);
        authors = authors.stream().map(Text::withoutControls).toList();
        categories = List.copyOf(categories);
        Objects.requireNonNull(announced, "announced");
        updated = updated == null ? announced : updated;
    }

    /** The primary category, or {@code null} when the record lists none. */
    public @Nullable String primaryCategory() {
        return categories.isEmpty() ? null : categories.getFirst();
    }

    /** This paper with other code and project links. */
    public Paper withLinks(@Nullable String newCodeUrl, @Nullable String newProjectUrl) {
        return new Paper(
                id,
                version,
                title,
                abstractText,
                authors,
                categories,
                comments,
                journalRef,
                doi,
                license,
                announced,
                updated,
                newCodeUrl,
                newProjectUrl);
    }
}
