package paperboy.web;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.Paper;
import paperboy.community.AuditEntry;
import paperboy.daily.FeedRow;
import paperboy.daily.ListedPaper;
import paperboy.search.Segment;

/**
 * The records templates render (public: the compiled templates live in another package), and their
 * construction from domain values. Stateless.
 */
public final class Views {
    static final DateTimeFormatter SHORT_DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** Characters of abstract a search result shows around its first match. */
    static final int SNIPPET_CHARS = 320;

    /** Authors a list shows before "et al.". */
    static final int LIST_AUTHORS = 4;

    private Views() {}

    /** What every page has: its title, its canonical path, its feeds, the search box's text. */
    public record PageMeta(
            String title,
            @Nullable String description,
            @Nullable String canonicalPath,
            @Nullable String atomPath,
            @Nullable String rssPath,
            String query,
            String section,
            @Nullable Viewer viewer) {}

    /** The signed-in reader a page is rendered for; {@code null} for everyone else. */
    public record Viewer(
            long id, String name, String email, boolean curator, boolean admin, String csrf) {}

    /** A comment as the paper page shows it; {@code html} is sanitised Markdown. */
    public record CommentView(
            long id,
            String author,
            String html,
            String markdown,
            String when,
            boolean edited,
            boolean hidden,
            boolean mine) {}

    /** A page that only says something, with an optional link onwards. */
    public record MessagePage(
            PageMeta meta,
            String heading,
            String message,
            @Nullable Link next,
            @Nullable String form) {}

    /** A member's own page. */
    public record ProfilePage(
            PageMeta meta,
            String name,
            String role,
            List<PaperView> submitted,
            List<PaperView> upvoted,
            List<CommentView> comments,
            OwnDigest digest) {}

    /** The digest going to a member's address, in a sentence, and a link to act on it. */
    public record OwnDigest(String state, String href, String action) {}

    /** The digest pages' model: what to show, for which subscription, with which signed token. */
    public record DigestPage(
            PageMeta meta,
            String heading,
            String message,
            @Nullable String form,
            long subscription,
            @Nullable String token,
            paperboy.digest.@Nullable Subscription current,
            @Nullable String email) {}

    /** The curators' audit log, for admins. */
    public record AuditPage(PageMeta meta, List<AuditEntry> entries) {}

    /** A link with a label; {@code href} null when there is nowhere to go (rendered disabled). */
    public record Link(String label, @Nullable String href) {}

    /** A facet value: how many papers, the URL that applies it (or removes it when active). */
    public record FacetLink(String label, long count, String href, boolean active) {}

    /** A paper as lists and pages show it. */
    public record PaperView(
            String id,
            String path,
            String title,
            List<Segment> titleSegments,
            List<String> authors,
            String authorsShort,
            String announced,
            @Nullable String primaryCategory,
            List<String> categories,
            String summary,
            List<Segment> snippet,
            @Nullable String codeUrl,
            @Nullable String codeLabel,
            @Nullable String projectUrl,
            int upvotes,
            int comments,
            @Nullable String submittedBy,
            boolean featured) {

        /** The paper's abstract page on arXiv. */
        public String absUrl() {
            return "https://arxiv.org/abs/" + id;
        }

        /** The paper's PDF on arXiv. */
        public String pdfUrl() {
            return "https://arxiv.org/pdf/" + id;
        }
    }

    /** A day, week, month or trending list. */
    public record ListPage(
            PageMeta meta,
            String heading,
            @Nullable String subheading,
            List<PaperView> curated,
            List<PaperView> others,
            @Nullable Link previous,
            @Nullable Link next,
            List<Link> periods,
            List<Link> pages,
            boolean trendingExplained,
            String emptyMessage) {}

    /** The search page: the form's values, the results and the facets. */
    public record SearchPage(
            PageMeta meta,
            String q,
            String cat,
            String from,
            String to,
            boolean code,
            List<PaperView> results,
            List<FacetLink> categories,
            List<FacetLink> years,
            long matches,
            long withCode,
            boolean byMeaning,
            @Nullable Link previous,
            @Nullable Link next,
            int firstRank,
            String emptyMessage) {}

    /** A paper's own page. */
    public record PaperPage(
            PageMeta meta,
            PaperView paper,
            @Nullable String comments,
            @Nullable String journalRef,
            @Nullable String doi,
            @Nullable String license,
            int version,
            String updated,
            List<PaperView> similar,
            List<CommentView> discussion,
            boolean upvoted) {}

    /** An error page. */
    public record ErrorPage(PageMeta meta, int status, String heading, @Nullable String message) {}

    static PaperView paper(ListedPaper listed) {
        return paper(listed.paper(), listed.feed(), null, null);
    }

    /**
     * With {@code titleSegments}/{@code summarySegments} from a search's highlighting (null when
     * none).
     */
    static PaperView paper(
            Paper p,
            @Nullable FeedRow feed,
            @Nullable List<Segment> titleSegments,
            @Nullable List<Segment> summarySegments) {
        List<String> authors = p.authors();
        String authorsShort =
                authors.size() <= LIST_AUTHORS
                        ? String.join(", ", authors)
                        : String.join(", ", authors.subList(0, LIST_AUTHORS - 1))
                                + " et al. ("
                                + authors.size()
                                + " authors)";
        String id = p.id().id();
        return new PaperView(
                id,
                "/papers/" + id,
                p.title(),
                titleSegments == null ? List.of(new Segment(false, p.title())) : titleSegments,
                authors,
                authorsShort,
                p.announced().format(SHORT_DATE),
                p.primaryCategory(),
                p.categories(),
                p.abstractText(),
                summarySegments == null
                        ? snippet(List.of(new Segment(false, p.abstractText())), SNIPPET_CHARS)
                        : snippet(summarySegments, SNIPPET_CHARS),
                webUrl(p.codeUrl()),
                codeLabel(webUrl(p.codeUrl())),
                webUrl(p.projectUrl()),
                feed == null ? 0 : feed.upvotes(),
                feed == null ? 0 : feed.comments(),
                feed == null ? null : feed.submittedBy(),
                feed != null && feed.featured());
    }

    /**
     * {@code url} when it is an http(s) URL, else null: links come from paper metadata, and a
     * {@code javascript:} or {@code data:} URL must never reach an {@code href}.
     */
    static @Nullable String webUrl(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    /** "owner/name" for a GitHub or GitLab repository URL, else the URL's host and path. */
    static @Nullable String codeLabel(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String label = url.replaceFirst("^https?://(www\\.)?", "");
        label = label.replaceFirst("^(github\\.com|gitlab\\.com)/", "");
        return label.endsWith("/") ? label.substring(0, label.length() - 1) : label;
    }

    /**
     * At most {@code max} characters of {@code segments}, starting a little before the first
     * highlighted segment, cut at word boundaries, with "…" where text was left out.
     */
    static List<Segment> snippet(List<Segment> segments, int max) {
        int total = segments.stream().mapToInt(s -> s.text().length()).sum();
        if (total <= max) {
            return segments;
        }
        int firstHit = 0;
        for (Segment s : segments) {
            if (s.highlight()) {
                break;
            }
            firstHit += s.text().length();
        }
        if (firstHit >= total) {
            firstHit = 0;
        }
        int start = Math.max(0, Math.min(firstHit - max / 4, total - max));
        int end = Math.min(total, start + max);
        List<Segment> out = new ArrayList<>();
        int pos = 0;
        for (Segment s : segments) {
            int from = Math.max(start, pos);
            int to = Math.min(end, pos + s.text().length());
            if (from < to) {
                String text = s.text().substring(from - pos, to - pos);
                if (!s.highlight()) {
                    if (from == start && start > 0) {
                        int space = text.indexOf(' ');
                        text = space >= 0 && space < 30 ? text.substring(space + 1) : text;
                    }
                    if (to == end && end < total) {
                        int space = text.lastIndexOf(' ');
                        text =
                                space > text.length() - 30 && space > 0
                                        ? text.substring(0, space)
                                        : text;
                    }
                }
                out.add(new Segment(s.highlight(), text));
            }
            pos += s.text().length();
        }
        if (start > 0) {
            out.addFirst(new Segment(false, "… "));
        }
        if (end < total) {
            out.add(new Segment(false, " …"));
        }
        return out;
    }
}
