package paperboy.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.community.AccessTokens;
import paperboy.community.Member;
import paperboy.daily.ListedPaper;
import paperboy.library.CollectionStore;
import paperboy.library.LibraryStore;
import paperboy.library.PaperCollection;

/**
 * A member's own data in JSON, for scripts and reference managers that sync: {@code GET
 * /api/me/library}, {@code PUT} and {@code DELETE /api/me/library/{id}}, {@code GET
 * /api/me/collections}. Only with a personal access token ({@code Authorization: Bearer pbt_...},
 * issued on the settings page), never with the site's session cookie, so no other site can make a
 * browser call these. A missing or unknown token is a 401 with {@code WWW-Authenticate: Bearer}
 * (RFC 6750).
 */
final class MemberApi {
    /** Where a paper added through the API came from, in the library. */
    static final String API_SOURCE = "api";

    private final Site site;

    MemberApi(Site site) {
        this.site = site;
    }

    /** The member the request's bearer token stands for, else a 401. */
    Member member(Context ctx) {
        String token = AccessTokens.bearer(ctx.header("Authorization"));
        if (token == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"paperboy\"");
            throw new Forbidden(
                    401,
                    "Send a personal access token as 'Authorization: Bearer <token>'; members"
                            + " issue them on their settings page (/me/settings).");
        }
        return site.community()
                .tokens()
                .member(token)
                .orElseThrow(
                        () -> {
                            ctx.header(
                                    "WWW-Authenticate",
                                    "Bearer realm=\"paperboy\", error=\"invalid_token\"");
                            return new Forbidden(401, "This token is unknown or was revoked.");
                        });
    }

    private LibraryStore library() {
        return site.community().library();
    }

    /** {@code GET /api/me/library}: newest first. */
    void libraryList(Context ctx) {
        Member member = member(ctx);
        List<LibraryStore.Entry> entries = library().entries(member.id());
        Map<String, LibraryStore.Entry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.paperId(), e));
        List<Map<String, Object>> items = new ArrayList<>();
        // in the library's order; a paper not in this catalog (an older backup restored) is left
        // out
        for (ListedPaper lp : site.daily().listed(List.copyOf(byId.keySet()))) {
            LibraryStore.Entry e = byId.get(lp.feed().id());
            if (e == null) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("paper", PapersApi.paper(lp.paper(), lp.feed(), true));
            item.put("savedAt", e.savedAt().toString());
            item.put("source", e.source());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("member", member.name());
        body.put("total", items.size());
        body.put("papers", items);
        PapersApi.send(ctx, 200, body);
    }

    /** {@code PUT /api/me/library/{id}}: idempotent; says whether it was new. */
    void libraryAdd(Context ctx) {
        Member member = member(ctx);
        ArxivId id = knownPaper(ctx);
        boolean added = library().add(id, member.id(), API_SOURCE);
        PapersApi.send(ctx, 200, Map.of("id", id.id(), "saved", true, "added", added));
    }

    /** {@code DELETE /api/me/library/{id}}: idempotent; says whether it was there. */
    void libraryRemove(Context ctx) {
        Member member = member(ctx);
        ArxivId id = anyPaper(ctx);
        boolean removed = library().remove(id, member.id());
        PapersApi.send(ctx, 200, Map.of("id", id.id(), "saved", false, "removed", removed));
    }

    /**
     * {@code GET /api/me/collections}: the member's collections, most recently changed first, each
     * with its papers' ids in its order.
     */
    void collections(Context ctx) {
        Member member = member(ctx);
        CollectionStore store = site.community().collections();
        List<Map<String, Object>> items = new ArrayList<>();
        for (PaperCollection c : store.ofMember(member.id())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", c.id());
            item.put("name", c.name());
            item.put("description", c.description());
            item.put("public", c.isPublic());
            item.put("featured", c.featured());
            item.put("updatedAt", c.updated().toString());
            item.put("url", site.baseUrl().get() + c.path());
            item.put("papers", store.papers(c.id()));
            items.add(item);
        }
        PapersApi.send(ctx, 200, Map.of("collections", items));
    }

    private static ArxivId anyPaper(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return ArxivId.parse(raw).withoutVersion();
        } catch (InvalidArxivIdException e) {
            throw new BadRequest("'" + raw + "' is not an arXiv id: " + e.getMessage());
        }
    }

    private ArxivId knownPaper(Context ctx) {
        ArxivId id = anyPaper(ctx);
        if (site.catalog().find(id).isEmpty()) {
            throw new NotFound("no paper " + id.id());
        }
        return id;
    }
}
