package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;

/**
 * {@code /papers/{id}.bib}: a paper's BibTeX entry ({@link Bibtex}) as a file to download. An id
 * that is not one is a 400, a paper Paperboy does not know a 404; another form of a known id (a
 * version, say) redirects to the canonical address, as the paper's page does.
 */
final class BibFiles {
    private final Site site;

    BibFiles(Site site) {
        this.site = site;
    }

    /** Answers {@code /papers/{id}.bib}. */
    void bib(Context ctx, PageCache cache) {
        String raw = ctx.pathParam("id");
        ArxivId id;
        try {
            id = ArxivId.parse(raw);
        } catch (InvalidArxivIdException e) {
            throw new BadRequest("“" + raw + "” is not an arXiv paper id: " + e.getMessage());
        }
        String canonical = id.withoutVersion().id();
        if (!raw.equals(canonical)) {
            ctx.redirect(path(canonical), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        cache.serve(
                ctx,
                () -> {
                    Paper p =
                            site.catalog()
                                    .find(id)
                                    .orElseThrow(
                                            () ->
                                                    new NotFound(
                                                            "Paperboy does not know the paper "
                                                                    + canonical
                                                                    + " (yet)."));
                    return new PageCache.Rendered(
                            Bibtex.CONTENT_TYPE, Bibtex.entry(p).getBytes(StandardCharsets.UTF_8));
                });
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"" + Bibtex.fileName(canonical) + "\"");
    }

    /**
     * Answers a {@code .bib} file of {@code papers} (a library, a collection), in their order, as
     * an attachment named {@code fileName}.
     */
    static void send(Context ctx, String fileName, List<Paper> papers) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.contentType(Bibtex.CONTENT_TYPE)
                .result(String.join("\n", papers.stream().map(Bibtex::entry).toList()));
    }

    /** The address of a paper's {@code .bib} file. */
    static String path(String id) {
        return "/papers/" + id + ".bib";
    }
}
