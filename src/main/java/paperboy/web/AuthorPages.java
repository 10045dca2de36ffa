package paperboy.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import paperboy.catalog.AuthorKey;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;
import paperboy.daily.ListedPaper;
import paperboy.search.PaperSearch;
import paperboy.search.SearchHit;
import paperboy.web.Views.ListPage;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.PaperView;

/**
 * {@code /authors/{name}}: the papers of one author name, newest first, paged like the other lists,
 * with Atom and RSS feeds. The name is the one a paper lists, matched whole after NFC and case
 * folding ({@link AuthorKey}): other spellings of it reach the same page, and namesakes share it.
 * The page calls the author as the newest paper spells the name.
 */
final class AuthorPages {
    /** The longest name looked up: arXiv's longest author names are far shorter. */
    static final int MAX_NAME = 300;

    private final Site site;
    private final Templates templates;

    AuthorPages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    /** The author's page. */
    String page(Context ctx) {
        String name = name(ctx);
        int page = Params.integer(ctx, "page", 1, 1, 10_000);
        int size = SitePages.LIST_PAGE_SIZE;
        PaperSearch.AuthorPapers found = site.search().byAuthor(name, (page - 1) * size, size);
        int pages = (found.total() + size - 1) / size;
        if (found.total() > 0 && found.hits().isEmpty()) {
            throw new NotFound(
                    String.format(
                            Locale.ROOT,
                            "%s has %s, on %d %s: there is no page %d.",
                            name,
                            papers(found.total()),
                            pages,
                            pages == 1 ? "page" : "pages",
                            page));
        }
        List<ListedPaper> listed =
                site.daily().listed(found.hits().stream().map(SearchHit::id).toList());
        if (listed.isEmpty()) {
            throw new NotFound(
                    "Paperboy knows no papers by “"
                            + name
                            + "”. Author pages list the names as papers give them; try a search"
                            + " for words of the name instead.");
        }
        String shown = spelling(name, listed.getFirst().paper());
        String path = Views.authorPath(shown);
        PageMeta meta =
                new PageMeta(
                                "Papers by " + shown,
                                "arXiv papers by " + shown + ", newest first.",
                                path,
                                path + "/feed.atom",
                                path + "/feed.rss",
                                "",
                                "author",
                                Exchanges.viewer(ctx))
                        .at(site.baseUrl().get());
        String sub =
                papers(found.total())
                        + ", newest first"
                        + (pages > 1 ? String.format(", page %d of %d", page, pages) : "")
                        + ". Namesakes share this page.";
        List<PaperView> views = listed.stream().map(Views::paper).toList();
        return templates.render(
                "list.jte",
                new ListPage(
                        meta,
                        "Papers by " + shown,
                        sub,
                        List.of(),
                        views,
                        null,
                        null,
                        List.of(),
                        SitePages.pageLinks(path, page, found.total(), size),
                        false,
                        ""));
    }

    /** The author's newest papers as Atom ({@code atom}) or RSS. */
    PageCache.Rendered feed(Context ctx, boolean atom) {
        String name = name(ctx);
        List<String> ids =
                site.search().byAuthor(name, 0, WebServer.FEED_ITEMS).hits().stream()
                        .map(SearchHit::id)
                        .toList();
        Map<String, Paper> found = site.catalog().findAll(ids);
        List<Paper> papers = ids.stream().map(found::get).filter(Objects::nonNull).toList();
        if (papers.isEmpty()) {
            throw new NotFound("Paperboy knows no papers by “" + name + "”.");
        }
        String shown = spelling(name, papers.getFirst());
        String base = site.baseUrl().get();
        FeedWriter.Channel channel =
                new FeedWriter.Channel(
                        "Papers by " + shown + " · Paperboy",
                        "arXiv papers by " + shown + ", newest first, from Paperboy.",
                        base + Views.authorPath(shown) + (atom ? "/feed.atom" : "/feed.rss"),
                        base + Views.authorPath(shown),
                        base);
        return atom
                ? new PageCache.Rendered(
                        "application/atom+xml; charset=utf-8",
                        FeedWriter.atom(channel, papers).getBytes(StandardCharsets.UTF_8))
                : new PageCache.Rendered(
                        "application/rss+xml; charset=utf-8",
                        FeedWriter.rss(channel, papers).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The name in the path, refused when it cannot be an author's name: too long, or with control
     * characters (a 400 that says why); an empty one has no page.
     */
    private static String name(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.length() > MAX_NAME) {
            throw new BadRequest(
                    "An author's name has at most "
                            + MAX_NAME
                            + " characters; this one has "
                            + name.length()
                            + ".");
        }
        if (!Text.withoutControls(name).equals(name)) {
            throw new BadRequest("An author's name has no control characters.");
        }
        if (name.isBlank()) {
            throw new NotFound("Which author? Author pages are at /authors/ and the name.");
        }
        return name;
    }

    /** How {@code paper} spells {@code name} (the same name, perhaps in another case). */
    private static String spelling(String name, Paper paper) {
        String key = AuthorKey.of(name);
        return paper.authors().stream()
                .filter(a -> AuthorKey.of(a).equals(key))
                .findFirst()
                .orElse(name.strip());
    }

    private static String papers(int n) {
        return String.format(Locale.ROOT, n == 1 ? "%,d paper" : "%,d papers", n);
    }
}
