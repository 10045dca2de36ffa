package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import paperboy.common.RateLimiter;
import paperboy.community.AccessTokens;
import paperboy.community.Accounts;
import paperboy.community.DisplayNames;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.Viewer;

/**
 * {@code /me/settings}: a member chooses the public name shown with their comments and submissions
 * and in the header, and issues and revokes personal access tokens (for the API and /mcp). A
 * refused name answers 400 with the form again, the typed value kept and the reason given; a saved
 * one 303s back to the page, which says so.
 */
final class SettingsRoutes {
    /** Name changes per member per hour: each goes to the audit log. */
    static final int RENAMES_PER_HOUR = 10;

    /** Characters of a refused name shown again in the form: enough to correct it. */
    private static final int KEPT_CHARS = 200;

    private final Accounts accounts;
    private final Templates templates;
    private final RateLimiter renaming;
    private final AccessTokens tokens;

    SettingsRoutes(Site site, Templates templates) {
        this.accounts = site.community().accounts();
        this.tokens = site.community().tokens();
        this.templates = templates;
        this.renaming = new RateLimiter(RENAMES_PER_HOUR, Duration.ofHours(1), site.clock());
    }

    void page(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "change your settings");
        Accounts.PublicName name = accounts.publicName(viewer.id());
        String notice =
                ctx.queryParam("saved") != null && name.chosen()
                        ? "Saved: you are shown as “" + name.name() + "”."
                        : ctx.queryParam("revoked") != null
                                ? "Revoked: that token no longer works."
                                : null;
        render(ctx, 200, viewer, name, name.name(), null, notice);
    }

    void save(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "change your settings");
        String form = ctx.formParam("name");
        String typed = form == null ? "" : form;
        Optional<String> refusal = DisplayNames.refusal(DisplayNames.tidy(typed));
        if (refusal.isPresent()) {
            refuse(ctx, 400, viewer, typed, refusal.get());
            return;
        }
        if (!renaming.tryAcquire("m" + viewer.id())) {
            ctx.header("Retry-After", Long.toString(Duration.ofHours(1).toSeconds()));
            refuse(
                    ctx,
                    429,
                    viewer,
                    typed,
                    "You changed your name "
                            + RENAMES_PER_HOUR
                            + " times in the last hour. Please try again later.");
            return;
        }
        String taken = accounts.chooseName(viewer.id(), typed).refusal();
        if (taken != null) {
            refuse(ctx, 400, viewer, typed, taken);
            return;
        }
        ctx.redirect("/me/settings?saved=1", HttpStatus.SEE_OTHER);
    }

    private void refuse(Context ctx, int status, Viewer viewer, String typed, String why) {
        String kept =
                typed.codePointCount(0, typed.length()) > KEPT_CHARS
                        ? typed.substring(0, typed.offsetByCodePoints(0, KEPT_CHARS))
                        : typed;
        render(ctx, status, viewer, accounts.publicName(viewer.id()), kept, why, null);
    }

    /** {@code POST /me/tokens}: issues a token named {@code name} and shows it this once. */
    void issueToken(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "issue access tokens");
        String name = ctx.formParam("name");
        Accounts.PublicName shown = accounts.publicName(viewer.id());
        try {
            AccessTokens.Issued issued = tokens.issue(viewer.id(), name == null ? "" : name);
            render(ctx, 200, viewer, shown, shown.name(), null, null, issued, null);
        } catch (IllegalArgumentException e) {
            render(ctx, 400, viewer, shown, shown.name(), null, null, null, e.getMessage());
        }
    }

    /** {@code POST /me/tokens/{token}/revoke}: the member's own tokens only (else 404). */
    void revokeToken(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "revoke access tokens");
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("token"));
        } catch (NumberFormatException e) {
            throw new NotFound("You hold no token " + ctx.pathParam("token") + ".");
        }
        if (!tokens.revoke(viewer.id(), id)) {
            throw new NotFound("You hold no token " + id + ".");
        }
        ctx.redirect("/me/settings?revoked=1#tokens", HttpStatus.SEE_OTHER);
    }

    private void render(
            Context ctx,
            int status,
            Viewer viewer,
            Accounts.PublicName name,
            String typed,
            @Nullable String error,
            @Nullable String notice) {
        render(ctx, status, viewer, name, typed, error, notice, null, null);
    }

    private void render(
            Context ctx,
            int status,
            Viewer viewer,
            Accounts.PublicName name,
            String typed,
            @Nullable String error,
            @Nullable String notice,
            AccessTokens.@Nullable Issued issued,
            @Nullable String tokenError) {
        ctx.status(status);
        PageMeta meta = new PageMeta("Settings", null, null, null, null, "", "account", viewer);
        Exchanges.personal(
                ctx,
                templates.render(
                        "settings.jte",
                        new Views.SettingsPage(
                                meta,
                                name.name(),
                                name.chosen(),
                                typed,
                                error,
                                notice,
                                new Views.Tokens(tokens.list(viewer.id()), issued, tokenError))));
    }
}
