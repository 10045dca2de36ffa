package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.jspecify.annotations.Nullable;
import paperboy.community.Accounts;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.Viewer;

/**
 * A member leaving ({@code /me/delete}: their address, sessions and subscription erased, their
 * comments erased or kept under "deleted member N", their choice) and the admins' list of members
 * ({@code /admin/members}), where an admin suspends a member (no sign-in, no posting) and lifts it.
 * Every one of these goes to the audit log.
 */
final class MemberRoutes {
    private final Accounts accounts;
    private final Templates templates;

    MemberRoutes(Site site, Templates templates) {
        this.accounts = site.community().accounts();
        this.templates = templates;
    }

    /** {@code GET /me/delete}: what deleting takes away, and the choice about comments. */
    void deletePage(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "delete your account");
        PageMeta meta =
                new PageMeta("Delete your account", null, null, null, null, "", "account", viewer);
        Exchanges.personal(
                ctx, templates.render("delete.jte", new Views.DeleteAccountPage(meta, null)));
    }

    /** {@code POST /me/delete}: {@code comments=erase|keep}. */
    void delete(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "delete your account");
        String comments = ctx.formParam("comments");
        if (!"erase".equals(comments) && !"keep".equals(comments)) {
            ctx.status(400);
            PageMeta meta =
                    new PageMeta(
                            "Delete your account", null, null, null, null, "", "account", viewer);
            Exchanges.personal(
                    ctx,
                    templates.render(
                            "delete.jte",
                            new Views.DeleteAccountPage(
                                    meta,
                                    "Choose what happens to your comments: erased, or kept"
                                            + " without your name.")));
            return;
        }
        accounts.delete(viewer.id(), "erase".equals(comments));
        ctx.removeCookie(CommunityRoutes.SESSION_COOKIE, "/");
        ctx.redirect("/account-deleted", HttpStatus.SEE_OTHER);
    }

    /** {@code GET /account-deleted}: where a deleted account lands, signed out. */
    void deleted(Context ctx) {
        PageMeta meta = new PageMeta("Account deleted", null, null, null, null, "", "", null);
        Exchanges.personal(
                ctx,
                templates.render(
                        "message.jte",
                        new Views.MessagePage(
                                meta,
                                "Your account is deleted",
                                "Your address, sessions and digest subscription are erased."
                                        + " Signing in again with the same address starts a new"
                                        + " account.",
                                new Views.Link("Back to the papers", "/"),
                                null)));
    }

    /** {@code GET /admin/members}. */
    void list(Context ctx) {
        Viewer viewer = admin(ctx, "see the members");
        render(ctx, 200, viewer, ctx.queryParam("done"));
    }

    /** {@code POST /admin/members/{member}/suspend} and {@code .../unsuspend}. */
    void suspend(Context ctx, boolean suspended) {
        Viewer viewer = admin(ctx, "suspend members");
        long member;
        try {
            member = Long.parseLong(ctx.pathParam("member"));
        } catch (NumberFormatException e) {
            throw new NotFound("“" + ctx.pathParam("member") + "” is not a member number.");
        }
        if (member == viewer.id()) {
            throw new Forbidden(400, "Admins cannot suspend themselves.");
        }
        if (accounts.members().stream().noneMatch(m -> m.id() == member)) {
            throw new NotFound("There is no member " + member + ".");
        }
        boolean changed = accounts.suspend(member, suspended, viewer.id());
        ctx.redirect(
                "/admin/members?done="
                        + (changed ? (suspended ? "suspended" : "unsuspended") : "unchanged")
                        + "#member-"
                        + member,
                HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, Viewer viewer, @Nullable String done) {
        ctx.status(status);
        String notice =
                done == null
                        ? null
                        : switch (done) {
                            case "suspended" ->
                                    "Suspended: that member is signed out and cannot sign in.";
                            case "unsuspended" -> "The suspension is lifted.";
                            default -> "Nothing changed.";
                        };
        PageMeta meta = new PageMeta("Members", null, null, null, null, "", "account", viewer);
        Exchanges.personal(
                ctx,
                templates.render(
                        "members.jte", new Views.MembersPage(meta, accounts.members(), notice)));
    }

    private static Viewer admin(Context ctx, String toDo) {
        Viewer viewer = CommunityRoutes.member(ctx, toDo);
        if (!viewer.admin()) {
            throw new Forbidden(403, "Only admins may " + toDo + ".");
        }
        return viewer;
    }
}
