package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.daily.ListedPaper;
import paperboy.library.LibraryImport;
import paperboy.library.LibraryStore;
import paperboy.library.UnreadableFileException;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.Viewer;

/**
 * A member's library: {@code POST /papers/{id}/save} from every card and paper page (in place, as
 * upvotes are), {@code /library} to see it and import a reference manager's file into it, {@code
 * /library.bib} to take it away as BibTeX.
 */
final class LibraryRoutes {
    /** Papers on a page of the library. */
    static final int PAGE_SIZE = 50;

    /** The file an import takes: a library of 20,000 BibTeX entries is about this size. */
    static final int MAX_FILE_BYTES = BodiesFirst.MAX_UPLOAD - 64 * 1024;

    private final Site site;
    private final Templates templates;
    private final CommunityRoutes community;

    LibraryRoutes(Site site, Templates templates, CommunityRoutes community) {
        this.site = site;
        this.templates = templates;
        this.community = community;
    }

    private LibraryStore library() {
        return site.community().library();
    }

    /**
     * {@code POST /papers/{id}/save}: in the library ({@code saved=1}), or out ({@code saved=0});
     * without {@code saved}, the other way round. The forms send the state they ask for, so a
     * double click saves once rather than saving and taking out again.
     */
    void save(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "save papers to your library");
        ArxivId id = community.existingPaper(ctx);
        String wanted = ctx.formParam("saved");
        if (wanted == null) {
            library().toggle(id, viewer.id());
        } else if (wanted.equals("1")) {
            library().add(id, viewer.id(), LibraryStore.SAVED);
        } else {
            library().remove(id, viewer.id());
        }
        CommunityRoutes.back(ctx, "/papers/" + id.id());
    }

    /** {@code GET /library}. */
    void page(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "see your library");
        render(ctx, viewer, null, null);
    }

    /** Members whose import runs now: one at a time each, as it holds its file in memory. */
    private final Set<Long> importing = ConcurrentHashMap.newKeySet();

    /** {@code POST /library/import}: a multipart form with the file as {@code file}. */
    void importFile(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "import a library");
        if (!importing.add(viewer.id())) {
            ctx.header("Retry-After", "10");
            ctx.status(429);
            render(ctx, viewer, null, "An import of yours is running: wait for its report.");
            return;
        }
        try {
            importFile(ctx, viewer);
        } finally {
            importing.remove(viewer.id());
        }
    }

    private void importFile(Context ctx, Viewer viewer) {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            ctx.status(400);
            render(ctx, viewer, null, "Choose a file to import: BibTeX, RIS or CSL-JSON.");
            return;
        }
        if (file.size() > MAX_FILE_BYTES) {
            ctx.status(413);
            render(
                    ctx,
                    viewer,
                    null,
                    String.format(
                            "This file has %,d bytes; an import takes up to %,d. Split it in"
                                    + " parts.",
                            file.size(), MAX_FILE_BYTES));
            return;
        }
        String text;
        try (InputStream in = file.content()) {
            text = utf8(in.readAllBytes());
        } catch (IOException e) {
            throw new BadRequest("The file could not be read: " + e.getMessage());
        }
        if (text == null) {
            ctx.status(400);
            render(
                    ctx,
                    viewer,
                    null,
                    "This file is not UTF-8 text. Export it again as UTF-8 (Zotero, Mendeley and"
                            + " JabRef all can).");
            return;
        }
        LibraryImport.Report report;
        try {
            report = site.community().libraryImport().run(viewer.id(), text);
        } catch (UnreadableFileException e) {
            ctx.status(400);
            render(ctx, viewer, null, file.filename() + ": " + e.getMessage());
            return;
        }
        render(ctx, viewer, new Views.ImportReport(file.filename(), report), null);
    }

    /** The bytes as UTF-8 (a byte-order mark dropped), or null when they are not UTF-8. */
    private static @Nullable String utf8(byte[] bytes) {
        try {
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void render(
            Context ctx,
            Viewer viewer,
            Views.@Nullable ImportReport report,
            @Nullable String problem) {
        int page = Paging.parse(ctx.queryParam("page"));
        List<String> ids = library().papers(viewer.id());
        Paging.within(
                page, Paging.pages(ids.size(), PAGE_SIZE), n -> SitePages.pageUrl("/library", n));
        List<String> shown =
                ids.subList(
                        Math.min(ids.size(), (page - 1) * PAGE_SIZE),
                        Math.min(ids.size(), page * PAGE_SIZE));
        PageMeta meta = new PageMeta("Your library", null, null, null, null, "", "library", viewer);
        Exchanges.personal(
                ctx,
                templates.render(
                        "library.jte",
                        new Views.LibraryPage(
                                meta,
                                ids.size(),
                                site.daily().listed(shown).stream().map(Views::paper).toList(),
                                SitePages.pageLinks("/library", page, ids.size(), PAGE_SIZE),
                                report,
                                problem,
                                site.community().collections().ofMember(viewer.id()))));
    }

    /** {@code GET /library.bib}: every paper of the library, newest first. */
    void bib(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "export your library");
        BibFiles.send(
                ctx,
                "paperboy-library.bib",
                site.daily().listed(library().papers(viewer.id())).stream()
                        .map(ListedPaper::paper)
                        .toList());
    }
}
