package paperboy.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.Paper;
import paperboy.community.AccessTokens;
import paperboy.community.Accounts;
import paperboy.community.AuditEntry;
import paperboy.daily.FeedRow;
import paperboy.daily.ListedPaper;
import paperboy.library.LibraryImport;
import paperboy.library.PaperCollection;
import paperboy.search.Segment;

/**
 * The records templates render (public: the compiled templates live in another package), and their
 * construction from domain values. Stateless.
 */
public final class Views {
    /** The site's one date format: see {@link Dates}. */
    static final DateTimeFormatter SHORT_DATE = Dates.DAY;

    /** Characters of abstract a search result shows around its first match. */
    static final int SNIPPET_CHARS = 320;

    /** Authors a list shows before "et al.". */
    static final int LIST_AUTHORS = 4;

    private Views() {}

    /**
     * What every page has: its title, its canonical path, its feeds, the search box's text; for
     * link previews (Open Graph), the site's public address and what the page is.
     *
     * @param siteUrl the site's public address ({@link Site#baseUrl}), which makes {@link #ogUrl}
     *     absolute; {@code null} when the page has no address worth sharing
     * @param ogType Open Graph's type: {@code article} for a paper, else {@code website}
     */
    public record PageMeta(
            String title,
            @Nullable String description,
            @Nullable String canonicalPath,
            @Nullable String atomPath,
            @Nullable String rssPath,
            String query,
            String section,
            @Nullable Viewer viewer,
            @Nullable String siteUrl,
            String ogType) {

        /** A page of type {@code website} without a shareable address. */
        public PageMeta(
                String title,
                @Nullable String description,
                @Nullable String canonicalPath,
                @Nullable String atomPath,
                @Nullable String rssPath,
                String query,
                String section,
                @Nullable Viewer viewer) {
            this(
                    title,
                    description,
                    canonicalPath,
                    atomPath,
                    rssPath,
                    query,
                    section,
                    viewer,
                    null,
                    "website");
        }

        /** This page at {@code siteUrl}: it gets an absolute {@link #ogUrl}. */
        public PageMeta at(String siteUrl) {
            return new PageMeta(
                    title,
                    description,
                    canonicalPath,
                    atomPath,
                    rssPath,
                    query,
                    section,
                    viewer,
                    siteUrl,
                    ogType);
        }

        /** This page as an Open Graph {@code article} (a paper). */
        public PageMeta article() {
            return new PageMeta(
                    title,
                    description,
                    canonicalPath,
                    atomPath,
                    rssPath,
                    query,
                    section,
                    viewer,
                    siteUrl,
                    "article");
        }

        /** The page's absolute address for link previews; {@code null} when it has none. */
        public @Nullable String ogUrl() {
            return siteUrl == null || canonicalPath == null ? null : siteUrl + canonicalPath;
        }
    }

    /**
     * The signed-in reader a page is rendered for; {@code null} for everyone else.
     *
     * @param here the path and query of the page being rendered: where an action on a card (an
     *     upvote) comes back to
     * @param upvoted whether this reader upvotes a paper (by id without version), so cards show the
     *     reader's own vote; reads the reader's votes once, on first use
     */
    public record Viewer(
            long id,
            String name,
            String email,
            boolean curator,
            boolean admin,
            String csrf,
            String here,
            Predicate<String> upvoted,
            Predicate<String> saved) {

        /** Whether this reader upvotes the paper {@code id}. */
        public boolean upvotes(String id) {
            return upvoted.test(id);
        }

        /** Whether the paper {@code id} is in this reader's library. */
        public boolean saves(String id) {
            return saved.test(id);
        }
    }

    /**
     * A comment as the paper page shows it; {@code html} is sanitised Markdown, {@code when} the
     * day (UTC) it was written.
     */
    public record CommentView(
            long id,
            String author,
            String html,
            String markdown,
            LocalDate when,
            boolean edited,
            boolean hidden,
            boolean mine) {}

    /**
     * A page that only says something, with an optional link onwards.
     *
     * @param returnTo the same-site path sign-in comes back to, carried by the sign-in forms
     */
    public record MessagePage(
            PageMeta meta,
            String heading,
            String message,
            @Nullable Link next,
            @Nullable String form,
            @Nullable String returnTo) {

        public MessagePage(
                PageMeta meta,
                String heading,
                String message,
                @Nullable Link next,
                @Nullable String form) {
            this(meta, heading, message, next, form, null);
        }
    }

    /** A member's own page. */
    public record ProfilePage(
            PageMeta meta,
            String name,
            String role,
            List<PaperView> submitted,
            List<PaperView> upvoted,
            List<OwnComment> comments,
            OwnDigest digest) {}

    /**
     * A paper on the "For you" page, with why it is there.
     *
     * @param becausePath the liked paper it is closest to
     * @param becauseSource where that paper is: "in your library", "you upvoted"
     */
    public record Recommended(
            PaperView paper, String becausePath, String becauseTitle, String becauseSource) {}

    /**
     * A member's "For you" page for a week.
     *
     * @param newerWeek the next week's key; {@code null} on the newest week
     * @param candidates the week's papers, all of which were ranked
     * @param wordsOnly the week's papers not embedded yet, ranked by their words alone
     * @param liked the papers the ranking learned from
     * @param saidNo papers said no to (the newest few), each with its undo button
     */
    public record ForYouPage(
            PageMeta meta,
            String weekLabel,
            String weekKey,
            String olderWeek,
            @Nullable String newerWeek,
            List<Recommended> papers,
            int candidates,
            int wordsOnly,
            int liked,
            List<PaperView> saidNo,
            int saidNoTotal) {}

    /**
     * A member's library, a page of it.
     *
     * @param report what the import just done did, or null
     * @param problem why an import was refused, or null
     */
    public record LibraryPage(
            PageMeta meta,
            int total,
            List<PaperView> papers,
            List<Link> pages,
            @Nullable ImportReport report,
            @Nullable String problem,
            List<PaperCollection> collections) {}

    /**
     * A collection's page.
     *
     * @param mine whether the reader owns it (then the page has its editing forms)
     * @param curator whether the reader may feature it
     */
    public record CollectionPage(
            PageMeta meta,
            PaperCollection collection,
            String descriptionHtml,
            List<PaperView> papers,
            boolean mine,
            boolean curator,
            @Nullable String problem) {}

    /** An import's report as the library page shows it. */
    public record ImportReport(String fileName, LibraryImport.Report report) {
        public int byId() {
            return report.matchedBy(LibraryImport.MatchedBy.ARXIV_ID);
        }

        public int byDoi() {
            return report.matchedBy(LibraryImport.MatchedBy.DOI);
        }

        public int byTitle() {
            return report.matchedBy(LibraryImport.MatchedBy.TITLE);
        }
    }

    /** One of a member's comments on their page, with the paper it is on and its address there. */
    public record OwnComment(CommentView comment, String paperTitle, String href) {}

    /**
     * A member's settings: the public name shown now ({@code chosen} false while it is the one made
     * from the address), the form's value ({@code typed}: kept as typed after a refusal), why it
     * was refused, and what was just saved.
     */
    public record SettingsPage(
            PageMeta meta,
            String name,
            boolean chosen,
            String typed,
            @Nullable String error,
            @Nullable String notice,
            Tokens tokens) {}

    /**
     * The personal access tokens part of the settings page.
     *
     * @param issued the token just issued, shown this once, or null
     * @param error why a token was not issued, or null
     */
    public record Tokens(
            List<AccessTokens.Listed> listed,
            AccessTokens.@Nullable Issued issued,
            @Nullable String error) {}

    /** What the curator bar of a paper says and offers: only the actions that change something. */
    public record CuratorBar(boolean featured, boolean hidden) {
        /** The paper's state in words. */
        public String state() {
            if (hidden) {
                return featured
                        ? "Hidden from lists (featured when shown again)"
                        : "Hidden from lists";
            }
            return featured ? "Featured" : "Not featured, listed as usual";
        }
    }

    /**
     * A page that asks before a destructive action: a POST form to {@code action} (with the
     * session's token) and a way back that changes nothing.
     *
     * @param comment the comment the action is about, shown so the reader knows which; null for a
     *     paper
     */
    public record ConfirmPage(
            PageMeta meta,
            String heading,
            String message,
            String action,
            String button,
            String cancelHref,
            @Nullable CommentView comment) {}

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

    /**
     * {@code /me/delete}: what deleting an account takes away; {@code error} when a choice lacked.
     */
    public record DeleteAccountPage(PageMeta meta, @Nullable String error) {}

    /** {@code /admin/members}: every member, with suspend and lift buttons. */
    public record MembersPage(
            PageMeta meta, List<Accounts.Standing> members, @Nullable String notice) {}

    /**
     * A run of plain text and, when it is a web address, where it links ({@code http} or {@code
     * https} only; see {@link TextLinks}); {@code null} for plain text.
     */
    public record TextPart(String text, @Nullable String href) {}

    /** An author's name and the path of the author's page. */
    public record AuthorLink(String name, String href) {}

    /**
     * A link with a label; {@code href} null when there is nowhere to go (in a list of pages: the
     * current page). A {@code gap} is no link at all but the "…" between page numbers: shown, not
     * announced, and never marked as the current page.
     */
    public record Link(String label, @Nullable String href, boolean gap) {
        public Link(String label, @Nullable String href) {
            this(label, href, false);
        }

        /** The "…" standing for the page numbers left out. */
        public static Link ellipsis() {
            return new Link("…", null, true);
        }
    }

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
            boolean featured,
            LocalDate announcedOn,
            @Nullable Integer githubStars,
            @Nullable Integer starsGained) {

        /** GitHub stars as cards show them ("1,234"); null when unknown. */
        public @Nullable String starsLabel() {
            return githubStars == null ? null : String.format(Locale.ROOT, "%,d", githubStars);
        }

        /** Stars gained in the last 7 days as "Hot on GitHub" shows them ("+56"); else null. */
        public @Nullable String starsGainedLabel() {
            return starsGained == null ? null : String.format(Locale.ROOT, "+%,d", starsGained);
        }

        /** This paper on "Hot on GitHub": with the stars it gained, which rank it there. */
        public PaperView withStarsGained(int gained) {
            return new PaperView(
                    id,
                    path,
                    title,
                    titleSegments,
                    authors,
                    authorsShort,
                    announced,
                    primaryCategory,
                    categories,
                    summary,
                    snippet,
                    codeUrl,
                    codeLabel,
                    projectUrl,
                    upvotes,
                    comments,
                    submittedBy,
                    featured,
                    announcedOn,
                    githubStars,
                    gained);
        }

        /** The paper's abstract page on arXiv. */
        public String absUrl() {
            return "https://arxiv.org/abs/" + id;
        }

        /** The paper's PDF on arXiv. */
        public String pdfUrl() {
            return "https://arxiv.org/pdf/" + id;
        }

        /**
         * The authors a list shows ({@link #authorsShort}'s names), each with the path of the
         * author's page; see {@link #authorsShortened} for the "et al.".
         */
        public List<AuthorLink> authorLinks() {
            List<String> shown =
                    authorsShortened() ? authors.subList(0, LIST_AUTHORS - 1) : authors;
            return shown.stream().map(a -> new AuthorLink(a, authorPath(a))).toList();
        }

        /** Whether a list shows only some of the authors (followed by "et al."). */
        public boolean authorsShortened() {
            return authors.size() > LIST_AUTHORS;
        }

        /** Every author, each with the path of the author's page (the paper's own page). */
        public List<AuthorLink> allAuthorLinks() {
            return authors.stream().map(a -> new AuthorLink(a, authorPath(a))).toList();
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
            String emptyMessage,
            @Nullable PeriodNav nav,
            List<PaperCollection> featuredCollections) {

        /** A list without period tabs: trending, a member's page. */
        public ListPage(
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
                String emptyMessage) {
            this(
                    meta,
                    heading,
                    subheading,
                    curated,
                    others,
                    previous,
                    next,
                    periods,
                    pages,
                    trendingExplained,
                    emptyMessage,
                    null,
                    List.of());
        }
    }

    /**
     * A period list's tabs (Daily, Weekly, Monthly) and its date picker: a GET form to {@code
     * /papers/at} that works without script.
     *
     * @param kind {@code day}, {@code week} or {@code month}: the form's period
     * @param date the first day of the period shown, ISO ({@code 2026-11-30})
     * @param latest the newest day in the catalog, ISO: the picker's upper bound
     */
    public record PeriodNav(List<Tab> tabs, String kind, String date, String latest) {}

    /** A tab: where it leads and whether it is the page shown. */
    public record Tab(String label, String href, boolean current) {}

    /**
     * The search page: the form's values, the results and the facets.
     *
     * @param byMeaning whether results are ranked by meaning too (a model, and some paper embedded)
     * @param coverage how far meaning-based ranking reaches while it does not reach every paper,
     *     else {@code null}
     */
    public record SearchPage(
            PageMeta meta,
            String q,
            String cat,
            String from,
            String to,
            boolean code,
            String sort,
            boolean correct,
            String searched,
            @Nullable CorrectionView correction,
            List<PaperView> results,
            List<FacetLink> categories,
            List<FacetLink> years,
            long matches,
            long withCode,
            boolean byMeaning,
            @Nullable String coverage,
            @Nullable Link previous,
            @Nullable Link next,
            int firstRank,
            String emptyMessage) {}

    /**
     * A corrected search: the query searched instead of the typed one, a link that searches it, and
     * a link that searches exactly what was typed (Google's "Search instead for").
     */
    public record CorrectionView(String text, String href, String exactHref) {}

    /**
     * A paper's own page.
     *
     * @param abstractParts the abstract, its web addresses as links
     * @param arxivComments arXiv's comments field ("12 pages, 3 figures"), its web addresses as
     *     links; {@code null} when the paper has none
     * @param day the list of its announcement day
     * @param week the list of that day's ISO week
     * @param categories its categories, primary first, each a link to the search filtered by it
     * @param bibtex its BibTeX entry
     * @param bibPath the address of that entry as a {@code .bib} file
     */
    public record PaperPage(
            PageMeta meta,
            PaperView paper,
            @Nullable String comments,
            @Nullable String journalRef,
            @Nullable String doi,
            @Nullable String license,
            int version,
            LocalDate updated,
            List<PaperView> similar,
            List<CommentView> discussion,
            boolean upvoted,
            List<PaperCollection> ownCollections,
            @Nullable CuratorBar curation,
            List<TextPart> abstractParts,
            @Nullable List<TextPart> arxivComments,
            Link day,
            Link week,
            List<Link> categories,
            String bibtex,
            String bibPath) {}

    /**
     * The initials a card's avatar shows for a member's public name: the first letters of its first
     * two words ("Ada Lovelace" → "AL", "ada.l" → "AL").
     */
    public static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String word : name.strip().split("[\\s._-]+", -1)) {
            if (!word.isEmpty() && initials.length() < 2) {
                initials.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
            }
        }
        return initials.isEmpty() ? "?" : initials.toString();
    }

    /**
     * An error page; {@code onwards} is where to go instead (the last page of a list), if known.
     */
    public record ErrorPage(
            PageMeta meta,
            int status,
            String heading,
            @Nullable String message,
            @Nullable Link onwards) {}

    /**
     * The path of the page of the author called {@code name}, as a paper lists it: {@code
     * /authors/} and the name, percent-encoded as one path segment (a space is {@code %20}, a slash
     * {@code %2F}; a name of dots alone has them encoded too, so no browser reads it as {@code
     * ..}).
     */
    public static String authorPath(String name) {
        // Most names are plain ASCII, which URLEncoder would leave as it is but for spaces; a list
        // page links some 150 names, so they skip its general path.
        String segment =
                isPlainAscii(name)
                        ? name.replace(" ", "%20")
                        : URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        if (segment.chars().allMatch(c -> c == '.')) {
            segment = segment.replace(".", "%2E");
        }
        return "/authors/" + segment;
    }

    /** Letters, digits, spaces and the marks URLEncoder leaves alone ({@code . - * _}). */
    private static boolean isPlainAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == ' '
                            || c == '.'
                            || c == '-'
                            || c == '*'
                            || c == '_';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

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
                Dates.day(p.announced()),
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
                feed != null && feed.featured(),
                p.announced(),
                feed == null ? null : feed.githubStars(),
                null);
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

    // Compiled once: a list labels up to 50 code links per page.
    private static final Pattern SCHEME_AND_WWW = Pattern.compile("^https?://(www\\.)?");
    private static final Pattern FORGE = Pattern.compile("^(github\\.com|gitlab\\.com)/");

    /** "owner/name" for a GitHub or GitLab repository URL, else the URL's host and path. */
    static @Nullable String codeLabel(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String label = SCHEME_AND_WWW.matcher(url).replaceFirst("");
        label = FORGE.matcher(label).replaceFirst("");
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
