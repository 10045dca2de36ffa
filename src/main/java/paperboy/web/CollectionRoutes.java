package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.community.Markdown;
import paperboy.daily.ListedPaper;
import paperboy.library.CollectionStore;
import paperboy.library.PaperCollection;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.Viewer;

/**
 * Members' collections: {@code POST /collections} creates one, {@code /collections/{n}} is its page
 * (its owner edits, reorders and deletes there), with its Atom feed and BibTeX; a paper's page adds
 * to one ({@code POST /collections/add}); curators feature public ones on the home page. A private
 * collection is a 404 to everyone but its owner, page, feed and file alike: its existence is not
 * told. Another member's public collection may be read, never changed (403).
 */
final class CollectionRoutes {
    private final Site site;
    private final Templates templates;
    private final Markdown markdown = new Markdown();

    CollectionRoutes(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    private CollectionStore store() {
        return site.community().collections();
    }

    /** {@code POST /collections}: name, description, public. */
    void create(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "create collections");
        long id;
        try {
            id =
                    store().create(
                                    viewer.id(),
                                    text(ctx, "name"),
                                    text(ctx, "description"),
                                    ctx.formParam("public") != null);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        ctx.redirect("/collections/" + id, HttpStatus.SEE_OTHER);
    }

    /** {@code GET /collections/{n}}. */
    void page(Context ctx) {
        PaperCollection c = readable(ctx);
        render(ctx, c, null);
    }

    private void render(Context ctx, PaperCollection c, @Nullable String problem) {
        Viewer viewer = Exchanges.viewer(ctx);
        List<String> ids = store().papers(c.id());
        List<Views.PaperView> papers = site.daily().listed(ids).stream().map(Views::paper).toList();
        String description = c.description();
        String html =
                description.isEmpty()
                        ? ""
                        : markdown.refusal(description).isPresent()
                                ? "<p>" + FeedWriter.asHtml(description) + "</p>"
                                : markdown.toHtml(description);
        PageMeta meta =
                new PageMeta(
                        c.name(),
                        description.isEmpty()
                                ? "A collection of papers by " + c.owner()
                                : description,
                        c.path(),
                        c.isPublic() ? c.path() + "/feed.atom" : null,
                        null,
                        "",
                        "library",
                        viewer);
        String page =
                templates.render(
                        "collection.jte",
                        new Views.CollectionPage(
                                c.isPublic() ? meta.at(site.baseUrl().get()) : meta,
                                c,
                                html,
                                papers,
                                viewer != null && viewer.id() == c.memberId(),
                                viewer != null && viewer.curator(),
                                problem));
        if (viewer != null || !c.isPublic()) {
            Exchanges.personal(ctx, page);
        } else {
            ctx.contentType("text/html; charset=utf-8").result(page);
        }
    }

    /** {@code POST /collections/{n}/edit}: name, description, public. */
    void edit(Context ctx) {
        PaperCollection c = owned(ctx);
        try {
            store().update(
                            c.id(),
                            text(ctx, "name"),
                            text(ctx, "description"),
                            ctx.formParam("public") != null);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            render(ctx, c, e.getMessage());
            return;
        }
        ctx.redirect(c.path(), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /collections/{n}/delete}. */
    void delete(Context ctx) {
        PaperCollection c = owned(ctx);
        store().delete(c.id());
        ctx.redirect("/library", HttpStatus.SEE_OTHER);
    }

    /** {@code POST /collections/add}: {@code collection} (an own one) and {@code paper}. */
    void add(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "add papers to collections");
        long id;
        try {
            id = Long.parseLong(text(ctx, "collection").strip());
        } catch (NumberFormatException e) {
            throw new BadRequest("Choose one of your collections.");
        }
        PaperCollection c =
                store().find(id)
                        .filter(found -> found.memberId() == viewer.id())
                        .orElseThrow(() -> new NotFound("You have no collection " + id + "."));
        ArxivId paper = knownPaper(text(ctx, "paper"));
        try {
            store().add(c.id(), paper);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        ctx.redirect(c.path(), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /collections/{n}/papers/{id}/up|down|remove}. */
    void change(Context ctx, String how) {
        PaperCollection c = owned(ctx);
        ArxivId paper;
        try {
            paper = ArxivId.parse(ctx.pathParam("paper")).withoutVersion();
        } catch (InvalidArxivIdException e) {
            throw new NotFound("“" + ctx.pathParam("paper") + "” is not an arXiv paper id.");
        }
        boolean changed =
                switch (how) {
                    case "up" -> store().move(c.id(), paper, -1);
                    case "down" -> store().move(c.id(), paper, +1);
                    default -> store().remove(c.id(), paper);
                };
        if (!changed && !store().papers(c.id()).contains(paper.id())) {
            throw new NotFound("The paper " + paper.id() + " is not in this collection.");
        }
        ctx.redirect(c.path(), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /collections/{n}/feature|unfeature}: curators, public collections. */
    void feature(Context ctx, boolean featured) {
        CommunityRoutes.curator(ctx, "feature collections");
        PaperCollection c = readable(ctx);
        if (!store().feature(c.id(), featured)) {
            throw new BadRequest("Only a public collection can be featured.");
        }
        ctx.redirect(c.path(), HttpStatus.SEE_OTHER);
    }

    /** {@code GET /collections/{n}/feed.atom}: public collections, in their order. */
    void feed(Context ctx) {
        PaperCollection c = readable(ctx);
        if (!c.isPublic()) {
            throw new NotFound("There is no collection " + c.id() + ".");
        }
        String base = site.baseUrl().get();
        FeedWriter.Channel channel =
                new FeedWriter.Channel(
                        c.name() + " · a collection by " + c.owner() + " · Paperboy",
                        c.description().isEmpty()
                                ? "Papers collected by " + c.owner()
                                : c.description(),
                        base + c.path() + "/feed.atom",
                        base + c.path(),
                        base);
        PageCache.Rendered feed = FeedWriter.rendered(true, channel, papers(c));
        ctx.contentType(feed.contentType()).result(feed.body());
    }

    /** {@code GET /collections/{n}/export.bib}. */
    void bib(Context ctx) {
        PaperCollection c = readable(ctx);
        if (!c.isPublic()) {
            ctx.header("Cache-Control", "private, no-store");
        }
        BibFiles.send(ctx, "paperboy-collection-" + c.id() + ".bib", papers(c));
    }

    private List<Paper> papers(PaperCollection c) {
        return site.daily().listed(store().papers(c.id())).stream()
                .map(ListedPaper::paper)
                .toList();
    }

    /** The collection of the path, when the reader may see it; else a 404. */
    private PaperCollection readable(Context ctx) {
        Viewer viewer = Exchanges.viewer(ctx);
        String raw = ctx.pathParam("collection");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new NotFound("There is no collection “" + raw + "”.");
        }
        return store().find(id)
                .filter(c -> c.readableBy(viewer == null ? null : viewer.id()))
                .orElseThrow(() -> new NotFound("There is no collection " + id + "."));
    }

    /** The collection of the path, when the signed-in reader owns it: else 401, 404 or 403. */
    private PaperCollection owned(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "change collections");
        PaperCollection c = readable(ctx);
        if (c.memberId() != viewer.id()) {
            throw new Forbidden(403, "Only its owner may change a collection.");
        }
        return c;
    }

    private ArxivId knownPaper(String raw) {
        ArxivId id;
        try {
            id = ArxivId.parse(raw).withoutVersion();
        } catch (InvalidArxivIdException e) {
            throw new BadRequest("“" + raw + "” is not an arXiv paper id.");
        }
        if (site.catalog().find(id).isEmpty()) {
            throw new NotFound("Paperboy does not know the paper " + id.id() + ".");
        }
        return id;
    }

    private static String text(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
