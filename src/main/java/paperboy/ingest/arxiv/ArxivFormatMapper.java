package paperboy.ingest.arxiv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;

/**
 * The {@code arXiv} format: the latest version's metadata with authors split into keyname,
 * forenames and suffix, {@code <created>} (v1's date) and {@code <updated>} (the latest version's).
 *
 * <p>It does not say which version is the latest, so papers from it carry version 1. The catalog
 * keeps a higher version it already has (the record counts as stale) and otherwise takes the newer
 * metadata by its {@code updated} date; harvest {@code arXivRaw} to track versions.
 */
final class ArxivFormatMapper implements MetadataMapper {
    @Override
    public Paper toPaper(XmlElement m) throws RecordRejectedException {
        ArxivId id = RecordFields.baseId(m.childText("id"));
        String title = RecordFields.title(m.childText("title"));
        LocalDate created =
                RecordFields.date("created date", m.childText("created"), ArxivDates::isoDate);
        String updatedText = m.childText("updated");
        LocalDate updated =
                updatedText == null || updatedText.isBlank()
                        ? created
                        : RecordFields.date("updated date", updatedText, ArxivDates::isoDate);
        return RecordFields.paper(
                id,
                1,
                title,
                m.childText("abstract"),
                authors(m),
                RecordFields.categories(m.childText("categories")),
                m.childText("comments"),
                m.childText("journal-ref"),
                m.childText("doi"),
                m.childText("license"),
                created,
                updated);
    }

    /** "Forenames Keyname Suffix" for each author, in order. */
    private static List<String> authors(XmlElement m) {
        List<String> names = new ArrayList<>();
        m.child("authors")
                .ifPresent(
                        authors -> {
                            for (XmlElement a : authors.children("author")) {
                                String name =
                                        Text.normalise(
                                                String.join(
                                                        " ",
                                                        nonNull(a.childText("forenames")),
                                                        nonNull(a.childText("keyname")),
                                                        nonNull(a.childText("suffix"))));
                                if (name != null) {
                                    names.add(name);
                                }
                            }
                        });
        return names;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
