package paperboy.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;
import paperboy.search.PaperSearch;
import paperboy.search.QuerySyntax;
import paperboy.search.SearchHit;

/**
 * Imports a member's library from a reference manager's file: each entry is matched to a paper of
 * the catalog by its arXiv id, else its DOI, else its exact title (same words in the same order;
 * capitals, accents, punctuation and LaTeX markup aside), and the matched papers are added to the
 * library. The report says how many matched, how, and lists the rest with the reason.
 */
public final class LibraryImport {
    /** More entries than a person's library: a file beyond it is refused, not half read. */
    public static final int MAX_ENTRIES = 20_000;

    /** Title candidates looked at per entry: an exact title is among the first few hits. */
    private static final int TITLE_CANDIDATES = 5;

    private final CatalogStore catalog;
    private final PaperSearch search;
    private final LibraryStore library;

    public LibraryImport(CatalogStore catalog, PaperSearch search, LibraryStore library) {
        this.catalog = catalog;
        this.search = search;
        this.library = library;
    }

    /** How an entry found its paper. */
    public enum MatchedBy {
        ARXIV_ID,
        DOI,
        TITLE
    }

    /** An entry that found no paper, and why. */
    public record Unmatched(String label, String why) {}

    /**
     * What an import did.
     *
     * @param matched papers matched, by how (an entry counts once)
     * @param added papers that were not in the library before
     * @param unreadable entries the file holds but that could not be read
     */
    public record Report(
            ReferenceFormat format,
            int entries,
            Map<MatchedBy, Integer> matched,
            int added,
            List<Unmatched> unmatched,
            List<String> unreadable) {

        public int matchedBy(MatchedBy by) {
            return matched.getOrDefault(by, 0);
        }

        public int matchedCount() {
            return matched.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Reads {@code text}, matches its entries and adds what matched to the member's library.
     *
     * @throws UnreadableFileException when the file is none of the formats, or not readable at all
     */
    public Report run(long memberId, String text) {
        ReferenceFormat format = ReferenceFormat.detect(text);
        if (format == null) {
            throw new UnreadableFileException(
                    "This file is not BibTeX (.bib), RIS (.ris) or CSL-JSON (.json): export your"
                            + " library from your reference manager in one of them.");
        }
        ReferenceFormat.Parsed parsed = format.parse(text);
        List<Reference> references = parsed.references();
        if (references.size() > MAX_ENTRIES) {
            throw new UnreadableFileException(
                    "This file holds "
                            + references.size()
                            + " entries; an import takes at most "
                            + MAX_ENTRIES
                            + ". Split it in parts.");
        }
        if (references.isEmpty() && parsed.unreadable().isEmpty()) {
            throw new UnreadableFileException("This " + format.label() + " file holds no entries.");
        }
        List<String> matchedIds = new ArrayList<>();
        Map<MatchedBy, Integer> how = new LinkedHashMap<>();
        for (MatchedBy by : MatchedBy.values()) {
            how.put(by, 0);
        }
        List<Unmatched> unmatched = new ArrayList<>();

        Set<String> named = new LinkedHashSet<>();
        references.forEach(
                r -> {
                    if (r.arxivId() != null) {
                        named.add(r.arxivId());
                    }
                });
        Set<String> known = catalog.findAll(List.copyOf(named)).keySet();
        Set<String> dois = new LinkedHashSet<>();
        references.forEach(
                r -> {
                    if (r.doi() != null) {
                        dois.add(r.doi());
                    }
                });
        Map<String, String> doiPapers = catalog.idsByDoi(dois);

        for (Reference r : references) {
            String id = r.arxivId();
            if (id != null && known.contains(id)) {
                matchedIds.add(id);
                how.merge(MatchedBy.ARXIV_ID, 1, Integer::sum);
                continue;
            }
            String byDoi = r.doi() == null ? null : doiPapers.get(r.doi().toLowerCase(Locale.ROOT));
            if (byDoi != null) {
                matchedIds.add(byDoi);
                how.merge(MatchedBy.DOI, 1, Integer::sum);
                continue;
            }
            String byTitle = r.title() == null ? null : byTitle(r.title());
            if (byTitle != null) {
                matchedIds.add(byTitle);
                how.merge(MatchedBy.TITLE, 1, Integer::sum);
                continue;
            }
            unmatched.add(new Unmatched(r.label(), why(r)));
        }
        List<String> added = library.addAll(memberId, matchedIds, format.source());
        return new Report(
                format, references.size(), how, added.size(), unmatched, parsed.unreadable());
    }

    private static String why(Reference r) {
        if (r.arxivId() != null) {
            return "arXiv " + r.arxivId() + " is not in this catalog";
        }
        if (r.doi() != null && r.title() != null) {
            return "no paper here has its DOI or its title";
        }
        if (r.doi() != null) {
            return "no paper here has its DOI, and it has no title";
        }
        if (r.title() != null) {
            return "no paper here has its title, and it has no arXiv id or DOI";
        }
        return "it has no arXiv id, DOI or title";
    }

    /** The first paper whose title is the same as {@code title}, or null. */
    private @Nullable String byTitle(String title) {
        String key = TitleKey.of(title);
        if (key.isEmpty()) {
            return null;
        }
        List<SearchHit> hits =
                search.search(
                        QuerySyntax.parse("title:\"" + key + "\""),
                        PaperSearch.Mode.LEXICAL,
                        0,
                        TITLE_CANDIDATES);
        Map<String, Paper> papers = catalog.findAll(hits.stream().map(SearchHit::id).toList());
        for (SearchHit hit : hits) {
            Paper p = papers.get(hit.id());
            if (p != null && TitleKey.of(p.title()).equals(key)) {
                return p.id().id();
            }
        }
        return null;
    }
}
