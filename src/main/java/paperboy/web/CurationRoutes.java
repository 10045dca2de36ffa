package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.community.Comment;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.Viewer;

/**
 * The pages that ask before a destructive action (hiding a paper, hiding or deleting a comment),
 * without script: the page's button posts to the action's own endpoint, which is unchanged (scripts
 * that post there directly keep working), and "Cancel" is a link back that changes nothing. Each
 * page is checked like its action (401, 403, 404), so nobody learns more from it than from the
 * action. Also showing a hidden comment again, the undo of hiding it.
 */
final class CurationRoutes {
    private final Site site;
    private final Templates templates;
    private final CommunityRoutes community;
    private final SitePages pages;

    CurationRoutes(Site site, Templates templates, CommunityRoutes community, SitePages pages) {
        this.site = site;
        this.templates = templates;
        this.community = community;
        this.pages = pages;
    }

    /** {@code GET /papers/{id}/hide/confirm}. */
    void confirmHidePaper(Context ctx) {
        Viewer viewer = CommunityRoutes.curator(ctx, "hide papers");
        ArxivId id = community.existingPaper(ctx);
        String title = site.catalog().find(id).map(Paper::title).orElse(id.id());
        confirm(
                ctx,
                viewer,
                "Hide this paper?",
                "“"
                        + title
                        + "” will be left off every list, day and search result until a curator"
                        + " shows it again. Its page stays.",
                "/papers/" + id.id() + "/hide",
                "Yes, hide",
                "/papers/" + id.id(),
                null);
    }

    /** {@code GET /comments/{n}/hide/confirm}. */
    void confirmHideComment(Context ctx) {
        Viewer viewer = CommunityRoutes.curator(ctx, "hide comments");
        Comment c = community.existingComment(ctx);
        confirm(
                ctx,
                viewer,
                "Hide this comment?",
                "Readers will no longer see this comment by "
                        + c.memberName()
                        + "; curators still do, and can show it again.",
                "/comments/" + c.id() + "/hide",
                "Yes, hide",
                "/papers/" + c.paperId() + "#comment-" + c.id(),
                c);
    }

    /** {@code GET /comments/{n}/delete/confirm}: for its author, and for admins. */
    void confirmDeleteComment(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "delete comments");
        Comment c = community.existingComment(ctx);
        boolean own = c.memberId() == viewer.id();
        if (!own && !viewer.admin()) {
            throw new Forbidden(403, "You can only delete your own comments.");
        }
        confirm(
                ctx,
                viewer,
                "Delete this comment?",
                own
                        ? "Your comment will be gone for everyone. This cannot be undone."
                        : "This comment by "
                                + c.memberName()
                                + " will be gone for everyone. This cannot be undone.",
                "/comments/" + c.id() + "/delete",
                "Yes, delete",
                "/papers/" + c.paperId() + "#comment-" + c.id(),
                c);
    }

    /** {@code POST /comments/{n}/unhide}: a curator shows a hidden comment again. */
    void unhideComment(Context ctx) {
        Viewer viewer = CommunityRoutes.curator(ctx, "show hidden comments again");
        Comment c = community.existingComment(ctx);
        site.community().store().unhideComment(c.id());
        site.trending().invalidate(); // the comment counts again
        site.community()
                .accounts()
                .audit(viewer.id(), "unhide-comment", c.id() + " on " + c.paperId());
        ctx.redirect("/papers/" + c.paperId() + "#comment-" + c.id(), HttpStatus.SEE_OTHER);
    }

    private void confirm(
            Context ctx,
            Viewer viewer,
            String heading,
            String message,
            String action,
            String button,
            String cancel,
            @Nullable Comment comment) {
        PageMeta meta = new PageMeta(heading, null, null, null, null, "", "account", viewer);
        Exchanges.personal(
                ctx,
                templates.render(
                        "confirm.jte",
                        new Views.ConfirmPage(
                                meta,
                                heading,
                                message,
                                action,
                                button,
                                cancel,
                                comment == null ? null : pages.commentView(comment, viewer))));
    }
}
